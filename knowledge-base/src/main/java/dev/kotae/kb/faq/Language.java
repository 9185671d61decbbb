package dev.kotae.kb.faq;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The languages the knowledge base can analyse. The code is what the API and CSV files use. */
public enum Language {

	JA("ja"), EN("en");

	private final String code;

	Language(String code) {
		this.code = code;
	}

	public String code() {
		return this.code;
	}

	/** Parses a code such as {@code ja}, {@code en} or {@code ja-JP}; empty when unknown. */
	public static Optional<Language> parse(String code) {
		if (code == null || code.isBlank()) {
			return Optional.empty();
		}
		String primary = code.strip().toLowerCase(Locale.ROOT).split("[-_]", 2)[0];
		return Arrays.stream(values()).filter((l) -> l.code.equals(primary)).findFirst();
	}

	/**
	 * Guesses the language of a text from its script: any kana or CJK ideograph means Japanese,
	 * anything else English.
	 */
	public static Language detect(String text) {
		if (text != null) {
			for (int i = 0; i < text.length();) {
				int cp = text.codePointAt(i);
				Character.UnicodeScript script = Character.UnicodeScript.of(cp);
				if (script == Character.UnicodeScript.HIRAGANA || script == Character.UnicodeScript.KATAKANA
						|| script == Character.UnicodeScript.HAN) {
					return JA;
				}
				i += Character.charCount(cp);
			}
		}
		return EN;
	}

}
