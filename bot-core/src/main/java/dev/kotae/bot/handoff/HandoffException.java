package dev.kotae.bot.handoff;

/** A hand-off action that cannot be done; {@link Kind} says why (and which HTTP status fits). */
public class HandoffException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final Kind kind;

	public HandoffException(Kind kind, String message) {
		super(message);
		this.kind = kind;
	}

	public Kind kind() {
		return this.kind;
	}

	/** Why. */
	public enum Kind {

		/** No open hand-off for the conversation. */
		NOT_FOUND,
		/** Somebody else claimed it first, or it is not in a state that allows the action. */
		CONFLICT,
		/** Another agent has it. */
		NOT_YOURS

	}

}
