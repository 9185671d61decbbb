package dev.kotae.bot.conversation;

import java.util.Locale;

/** Where a conversation takes place. */
public enum Channel {

	WEB, LINE;

	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Channel of(String code) {
		return valueOf(code.toUpperCase(Locale.ROOT));
	}

}
