package dev.kotae.bot.conversation;

import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

import dev.kotae.kb.faq.Language;

/** The bot's own words, from {@code conversation/replies_<locale>.properties}. */
final class Replies {

	private Replies() {
	}

	static String get(Language language, String key) {
		ResourceBundle bundle = ResourceBundle.getBundle("conversation.replies", Locale.forLanguageTag(language.code()),
				ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
		try {
			return bundle.getString(key);
		}
		catch (MissingResourceException ex) {
			throw new IllegalStateException("no reply text '" + key + "' for " + language.code(), ex);
		}
	}

}
