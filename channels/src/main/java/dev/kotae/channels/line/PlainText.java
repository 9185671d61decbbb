package dev.kotae.channels.line;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * FAQ answers (Markdown) as LINE text messages: plain text, cut to LINE's limits.
 * <p>
 * {@link #of} drops the Markdown marks LINE would show as typed: {@code **bold**}, {@code *italic*},
 * {@code `code`} and code fences keep their text; headings lose their {@code #}s; {@code [text](url)}
 * becomes {@code text (url)}; list bullets ({@code -}, {@code *}, {@code +}) become {@code ・};
 * quotes lose their {@code >}; a backslash-escaped mark stays as the mark. Numbered lists stay.
 * <p>
 * {@link #split} cuts a text into messages of at most {@link #MAX_MESSAGE} characters (UTF-16 units,
 * never inside a surrogate pair), at the last paragraph break, else line break, else sentence end,
 * else space in the second half of the piece; at most {@code max} messages, the last one shortened
 * with {@code …} when the text does not fit.
 */
final class PlainText {

	/** LINE's limit for one text message. */
	static final int MAX_MESSAGE = 5000;

	/** LINE's limit of messages in one reply or push. */
	static final int MAX_MESSAGES = 5;

	private static final Pattern FENCE = Pattern.compile("^\\s{0,3}(```|~~~).*$");

	private static final Pattern HEADING = Pattern.compile("^\\s{0,3}#{1,6}\\s+(.*?)(\\s+#+\\s*)?$");

	private static final Pattern BULLET = Pattern.compile("^(\\s*)[-*+]\\s+(.*)$");

	private static final Pattern QUOTE = Pattern.compile("^\\s{0,3}>\\s?(.*)$");

	private static final Pattern IMAGE_OR_LINK = Pattern.compile("!?\\[([^\\]\\n]*)\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");

	private static final Pattern BOLD = Pattern.compile("(\\*\\*|__)(?=\\S)(.+?)(?<=\\S)\\1");

	private static final Pattern ITALIC = Pattern.compile("(?<![*\\w])\\*(?=\\S)(.+?)(?<=\\S)\\*(?![*\\w])");

	/** A code span: a run of backticks, then text up to a run of the same length (which may hold shorter runs). */
	private static final Pattern CODE = Pattern.compile("(?<!`)(`+)(?!`)([^\\n]+?)(?<!`)\\1(?!`)");

	private static final Pattern ESCAPED = Pattern.compile("\\\\([\\\\`*_{}\\[\\]()#+\\-.!>~|])");

	/** Marks an escaped character while the patterns run (a private-use character, never in answers). */
	private static final char HOLD = '\uE000';

	private PlainText() {
	}

	/** The plain text of a Markdown answer. */
	static String of(String markdown) {
		if (markdown == null || markdown.isEmpty()) {
			return "";
		}
		String text = markdown.replace("\r\n", "\n").replace('\r', '\n').replace(String.valueOf(HOLD), "");
		List<String> escaped = new ArrayList<>();
		Matcher m = ESCAPED.matcher(text);
		StringBuilder held = new StringBuilder();
		while (m.find()) {
			escaped.add(m.group(1));
			m.appendReplacement(held, Matcher.quoteReplacement(String.valueOf(HOLD)));
		}
		m.appendTail(held);
		StringBuilder out = new StringBuilder();
		boolean inFence = false;
		for (String line : held.toString().split("\n", -1)) {
			if (FENCE.matcher(line).matches()) {
				inFence = !inFence;
				continue;
			}
			if (!out.isEmpty()) {
				out.append('\n');
			}
			out.append(inFence ? line : line(line));
		}
		String plain = out.toString().replaceAll("\n{3,}", "\n\n").strip();
		StringBuilder restored = new StringBuilder(plain.length());
		int next = 0;
		for (int i = 0; i < plain.length(); i++) {
			char c = plain.charAt(i);
			restored.append((c == HOLD && next < escaped.size()) ? escaped.get(next++) : String.valueOf(c));
		}
		return restored.toString();
	}

	private static String line(String line) {
		String text = line;
		Matcher heading = HEADING.matcher(text);
		if (heading.matches()) {
			text = heading.group(1);
		}
		Matcher quote = QUOTE.matcher(text);
		if (quote.matches()) {
			text = quote.group(1);
		}
		String prefix = "";
		Matcher bullet = BULLET.matcher(text);
		if (bullet.matches()) {
			prefix = bullet.group(1) + "・";
			text = bullet.group(2);
		}
		text = replace(CODE, text, (m) -> codeSpan(m.group(2)));
		text = replace(IMAGE_OR_LINK, text, (m) -> {
			String label = m.group(1).strip();
			String url = m.group(2);
			return (label.isEmpty() || label.equals(url)) ? url : label + " (" + url + ")";
		});
		text = replace(BOLD, text, (m) -> m.group(2));
		text = replace(ITALIC, text, (m) -> m.group(1));
		return prefix + text;
	}

	private static String replace(Pattern pattern, String text, java.util.function.Function<Matcher, String> with) {
		Matcher m = pattern.matcher(text);
		StringBuilder out = new StringBuilder();
		while (m.find()) {
			m.appendReplacement(out, Matcher.quoteReplacement(with.apply(m)));
		}
		m.appendTail(out);
		return out.toString();
	}

	/** A text in messages of at most {@value #MAX_MESSAGE} characters, at most {@code max} of them. */
	static List<String> split(String text, int max) {
		return split(text, MAX_MESSAGE, max);
	}

	static List<String> split(String text, int size, int max) {
		List<String> parts = new ArrayList<>();
		String rest = (text == null) ? "" : text.strip();
		while (!rest.isEmpty() && parts.size() < max) {
			if (rest.length() <= size) {
				parts.add(rest);
				rest = "";
				break;
			}
			if (parts.size() == max - 1) {
				// the last message: as much as fits, then "…"
				parts.add(rest.substring(0, safeCut(rest, size - 1)).stripTrailing() + "…");
				rest = "";
				break;
			}
			int cut = cut(rest, size);
			parts.add(rest.substring(0, cut).stripTrailing());
			rest = rest.substring(cut).stripLeading();
		}
		return parts;
	}

	/** Where to end a piece of at most {@code size} characters of {@code text} (longer than that). */
	private static int cut(String text, int size) {
		int floor = size / 2;
		int at = text.lastIndexOf("\n\n", size - 1);
		if (at >= floor) {
			return at;
		}
		at = text.lastIndexOf('\n', size - 1);
		if (at >= floor) {
			return at;
		}
		for (int i = size - 1; i >= floor; i--) {
			char c = text.charAt(i);
			if (c == '。' || c == '！' || c == '？' || ((c == '.' || c == '!' || c == '?') && i + 1 < text.length()
					&& Character.isWhitespace(text.charAt(i + 1)))) {
				return i + 1;
			}
		}
		at = text.lastIndexOf(' ', size - 1);
		if (at >= floor) {
			return at;
		}
		return safeCut(text, size);
	}

	/** {@code size}, or one less so as not to split a surrogate pair. */
	private static int safeCut(String text, int size) {
		return (size < text.length() && Character.isHighSurrogate(text.charAt(size - 1))
				&& Character.isLowSurrogate(text.charAt(size))) ? size - 1 : size;
	}


	/** A code span's text: CommonMark strips one space on each side when both are there. */
	private static String codeSpan(String content) {
		if (content.length() > 2 && content.startsWith(" ") && content.endsWith(" ") && !content.isBlank()) {
			return content.substring(1, content.length() - 1);
		}
		return content;
	}

}
