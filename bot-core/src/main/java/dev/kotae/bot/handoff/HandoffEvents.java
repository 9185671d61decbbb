package dev.kotae.bot.handoff;

/** The hand-off's past-tense events, published after their transaction commits. */
public final class HandoffEvents {

	private HandoffEvents() {
	}

	/** A conversation was queued for a person (offline when outside business hours). */
	public record HandoffRequested(Handoff handoff) {
	}

	/** An agent claimed a hand-off. */
	public record AgentJoined(Handoff handoff) {
	}

	/** The agent gave the conversation back to the bot. */
	public record ReturnedToBot(Handoff handoff) {
	}

	/** The conversation was closed (with a reason tag). */
	public record ConversationClosed(Handoff handoff) {
	}

	/** A hand-off has waited longer than {@code kotae.handoff.sla} (published once per hand-off). */
	public record HandoffSlaBreached(Handoff handoff) {
	}

}
