package dev.kotae.bot.handoff;

import java.text.MessageFormat;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.ResourceBundle;

import dev.kotae.kb.faq.Language;

/** What the bot and the system say about hand-offs, from {@code handoff/texts_<locale>.properties}. */
public final class HandoffTexts {

	private HandoffTexts() {
	}

	public static String get(Language language, String key, Object... args) {
		Locale locale = Locale.forLanguageTag(language.code());
		ResourceBundle bundle = ResourceBundle.getBundle("handoff.texts", locale,
				ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
		String pattern = bundle.getString(key);
		return (args.length == 0) ? pattern : new MessageFormat(pattern, locale).format(args);
	}

	/** A time people will read, e.g. "11月25日(水) 9:00" or "Wed 25 Nov, 09:00". */
	public static String time(Language language, ZonedDateTime time) {
		Locale locale = Locale.forLanguageTag(language.code());
		return DateTimeFormatter.ofPattern(get(language, "date.format"), locale).format(time);
	}

}
