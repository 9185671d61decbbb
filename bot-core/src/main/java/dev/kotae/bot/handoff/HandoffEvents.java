package dev.kotae.bot.handoff;

/** The hand-off's past-tense events, published after their transaction commits. */
public final class HandoffEvents {

	private HandoffEvents() {
	}

	/** Any of them: the hand-off as it is now, and what happened as the console's event type. */
	public sealed interface HandoffEvent
			permits HandoffRequested, AgentJoined, ReturnedToBot, ConversationClosed, HandoffSlaBreached {

		Handoff handoff();

		/** {@code requested}, {@code joined}, {@code returned}, {@code closed} or {@code sla}. */
		String type();

	}

	/** A conversation was queued for a person (offline when outside business hours). */
	public record HandoffRequested(Handoff handoff) implements HandoffEvent {

		@Override
		public String type() {
			return "requested";
		}

	}

	/** An agent claimed a hand-off. */
	public record AgentJoined(Handoff handoff) implements HandoffEvent {

		@Override
		public String type() {
			return "joined";
		}

	}

	/** The agent gave the conversation back to the bot. */
	public record ReturnedToBot(Handoff handoff) implements HandoffEvent {

		@Override
		public String type() {
			return "returned";
		}

	}

	/** The conversation was closed (with a reason tag). */
	public record ConversationClosed(Handoff handoff) implements HandoffEvent {

		@Override
		public String type() {
			return "closed";
		}

	}

	/** A hand-off has waited longer than {@code kotae.handoff.sla} (published once per hand-off). */
	public record HandoffSlaBreached(Handoff handoff) implements HandoffEvent {

		@Override
		public String type() {
			return "sla";
		}

	}

}
