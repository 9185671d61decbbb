package dev.kotae.bot.handoff;

import java.util.Locale;

/** Where a hand-off is. */
public enum HandoffStatus {

	/** Queued for a person during business hours. */
	WAITING,
	/** Left outside business hours; agents see these first when they are back. */
	OFFLINE,
	/** A named agent has it. */
	ACTIVE,
	/** The agent gave the conversation back to the bot. */
	RETURNED,
	/** Ended. */
	CLOSED;

	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static HandoffStatus of(String code) {
		return valueOf(code.toUpperCase(Locale.ROOT));
	}

}
