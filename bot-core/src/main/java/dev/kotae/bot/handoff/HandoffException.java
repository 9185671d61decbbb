package dev.kotae.bot.handoff;

/** A hand-off action that cannot be done; {@link Kind} says why (and which HTTP status fits). */
public class HandoffException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final Kind kind;

	private final String agent;

	public HandoffException(Kind kind, String message) {
		this(kind, message, null);
	}

	/** @param agent the agent who has the conversation, when that is the reason */
	public HandoffException(Kind kind, String message, String agent) {
		super(message);
		this.kind = kind;
		this.agent = agent;
	}

	public Kind kind() {
		return this.kind;
	}

	/** The agent who has the conversation, when that is why the action cannot be done; else {@code null}. */
	public String agent() {
		return this.agent;
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
