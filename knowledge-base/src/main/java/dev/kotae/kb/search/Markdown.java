package dev.kotae.kb.search;

import java.util.regex.Pattern;

/** Just enough Markdown handling to index an answer's words and not its syntax or link targets. */
final class Markdown {

	private static final Pattern LINK = Pattern.compile("\\[([^\\]]*)]\\([^)]*\\)");

	private static final Pattern URL = Pattern.compile("https?://\\S+");

	private static final Pattern SYNTAX = Pattern.compile("[*_`#>|]+");

	private Markdown() {
	}

	static String toPlainText(String markdown) {
		String text = LINK.matcher(markdown).replaceAll("$1");
		text = URL.matcher(text).replaceAll(" ");
		return SYNTAX.matcher(text).replaceAll(" ");
	}

}
