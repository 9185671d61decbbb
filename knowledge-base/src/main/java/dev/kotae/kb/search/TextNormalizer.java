package dev.kotae.kb.search;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Folds the ways one text can be typed into one form before analysis: Unicode NFKC (full-width
 * ASCII → half-width, half-width katakana → full-width), lower case, dashes typed for the katakana
 * long-vowel mark, and runs of white space.
 */
public final class TextNormalizer {

	/** Dash-like characters users type instead of ー after a katakana letter. */
	private static final Pattern KATAKANA_DASH = Pattern.compile("(?<=[\\p{IsKatakana}])[-‐‑‒–—―−ｰ～〜~]");

	private static final Pattern SPACES = Pattern.compile("\\s+");

	private TextNormalizer() {
	}

	public static String normalize(String text) {
		if (text == null || text.isEmpty()) {
			return "";
		}
		String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
		folded = KATAKANA_DASH.matcher(folded).replaceAll("ー");
		return SPACES.matcher(folded).replaceAll(" ").strip();
	}

	/** Hiragana → katakana, other characters unchanged. */
	public static String toKatakana(CharSequence text) {
		StringBuilder out = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			out.append((c >= 'ぁ' && c <= 'ゖ') ? (char) (c + ('ァ' - 'ぁ')) : c);
		}
		return out.toString();
	}

}
