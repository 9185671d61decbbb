package dev.kotae.bot.voc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces personal data in a user's message with placeholders before the message is stored as
 * Voice-of-Customer text. Rules, in the order they apply (a later rule never touches what an
 * earlier one replaced):
 * <ol>
 * <li>{@code [card]}: payment-card numbers, 13–19 digits, contiguous or in groups joined by single
 * spaces or hyphens (4-4-4-4, 4-6-5, 4-4-4-4-3…), only if the Luhn check passes;</li>
 * <li>{@code [my-number]}: Japanese My Numbers (個人番号), 12 digits contiguous or 4-4-4, only if the
 * check digit is valid;</li>
 * <li>{@code [email]}: e-mail addresses with an ASCII local part (dots, {@code +}, {@code -}…) and
 * an ASCII domain with at least one dot;</li>
 * <li>{@code [phone]}: Japanese numbers (mobile, landline, toll-free, with hyphens, spaces or
 * parentheses, or none) and international ones written with {@code +} and a country code (spaces,
 * hyphens or dots between the groups);</li>
 * <li>the custom rules of {@link MaskingProperties}, in order.</li>
 * </ol>
 * Detection sees the text with NFKC's width folding applied character by character (full-width
 * ASCII such as {@code ０９０－１２３４} or {@code ＠} becomes half-width, the ideographic space a
 * space) and, for numbers, every dash-like character ({@code ー ‐ – — −}…) as a hyphen. The
 * folding never changes the length of the text, so the span replaced is exactly the span the
 * user typed.
 * <p>
 * Numbers are judged by their surroundings: digits glued to ASCII letters or digits, directly or
 * through a hyphen ({@code ORD-2024-001234}, {@code INC-0312345678}), a slash after a letter (a
 * URL path) or a decimal point ({@code v2.3.1}), are part of some other token and are left alone;
 * only {@code TEL} and {@code FAX} may be glued to a phone number. Dates, times, prices, version
 * numbers, postal codes ({@code 〒100-0001}) and short numbers never match a rule: postal codes are
 * left as they are on purpose, since without the rest of an address they identify no one. A
 * card-like number that fails the Luhn check stays as typed; it is masked as a phone number only
 * if it is one.
 * <p>
 * Masked text stays masked: a placeholder standing on its own (not glued to letters or digits) is
 * never matched again, and masking repeats until nothing changes (removing one value can free
 * another that was glued to it, e.g. a card number right after an e-mail address), so
 * {@code mask(mask(text))} equals {@code mask(text)}. The built-in patterns are precompiled and
 * free of nested unbounded repetition, and numbers are split into groups by a single scan, so the
 * built-in rules take time linear in the length of the message.
 * Instances are immutable and thread-safe.
 */
public final class PiiMasker {

	static final String EMAIL = "[email]";

	static final String PHONE = "[phone]";

	static final String CARD = "[card]";

	static final String MY_NUMBER = "[my-number]";

	/** In practice masking settles after one or two passes; this bounds a pathological custom rule. */
	private static final int MAX_PASSES = 4;

	/**
	 * An e-mail address on the width-folded text. The local part starts where a run of
	 * local-part characters starts and is taken possessively; the domain has at most ten labels.
	 */
	private static final Pattern EMAIL_ADDRESS = Pattern.compile("(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]++@"
			+ "(?:[A-Za-z0-9-]++\\.){1,10}[A-Za-z]{2,63}+(?![A-Za-z0-9])");

	/**
	 * Not glued to what comes before (see {@link #gluedBefore}), nor after a {@code +}; but a phone
	 * number may follow {@code TEL} or {@code FAX} directly.
	 */
	private static final String NOT_GLUED_BEFORE = "(?:(?<=(?<![A-Za-z])(?i:tel|fax))"
			+ "|(?<![A-Za-z0-9_+])(?<![A-Za-z0-9]-)(?<![A-Za-z]/)(?<![0-9]\\.))";

	/** Not glued to what comes after (see {@link #gluedAfter}). */
	private static final String NOT_GLUED_AFTER = "(?![A-Za-z0-9_])(?!-[A-Za-z0-9])(?!/[A-Za-z])(?![.:][0-9])";

	/**
	 * A phone-number candidate on the folded text (dashes as hyphens); {@link #isPhoneNumber}
	 * checks the number of digits. Every repetition is bounded.
	 */
	private static final Pattern PHONE_NUMBER = Pattern.compile("(?:" + NOT_GLUED_BEFORE + "(?:"
			// international: +81 90 1234 5678, +1 (415) 555-0100, +1.415.555.0100, +44 (0)20 7946 0958, +819012345678
			+ "\\+[1-9][0-9]{0,2}(?:[-. ]?\\([0-9]{1,4}\\)[-. ]?[0-9]{1,10}|[-. ][0-9]{1,10})(?:[-. ][0-9]{1,10}){0,4}"
			+ "|\\+[1-9][0-9]{7,14}"
			// Japanese, separated: 090-1234-5678, 03 1234 5678, 0120-123-456, 03-12345678
			+ "|0[0-9]{1,4}(?:[- ][0-9]{1,4})?[- ][0-9]{3,8}"
			// Japanese, area code in parentheses in the middle: 03(1234)5678
			+ "|0[0-9]{1,4}\\([0-9]{1,4}\\)[0-9]{3,4}"
			// Japanese, contiguous: 09012345678, 0312345678
			+ "|0[0-9]{9,10})"
			// Japanese, area code in parentheses first: (03)1234-5678, (03) 1234 5678
			+ "|(?<![0-9])\\(0[0-9]{1,4}\\)[- ]?[0-9]{1,4}[- ]?[0-9]{3,4})" + NOT_GLUED_AFTER);

	private final List<Rule> rules;

	/** Placeholders that, standing on their own, are never matched again. */
	private final List<String> placeholders;

	public PiiMasker(MaskingProperties properties) {
		Objects.requireNonNull(properties, "properties must not be null");
		List<Rule> rules = new ArrayList<>();
		if (properties.card()) {
			rules.add(new Rule(CARD, true,
					(text, from, to, found) -> findDigitRuns(text, from, to, PiiMasker::cards, found)));
		}
		if (properties.myNumber()) {
			rules.add(new Rule(MY_NUMBER, true,
					(text, from, to, found) -> findDigitRuns(text, from, to, PiiMasker::myNumbers, found)));
		}
		if (properties.email()) {
			rules.add(new Rule(EMAIL, false, regex(EMAIL_ADDRESS, (match) -> true)));
		}
		if (properties.phone()) {
			rules.add(new Rule(PHONE, true, regex(PHONE_NUMBER, PiiMasker::isPhoneNumber)));
		}
		Set<String> placeholders = new LinkedHashSet<>(List.of(CARD, MY_NUMBER, EMAIL, PHONE));
		for (MaskingProperties.CustomRule custom : properties.custom()) {
			rules.add(new Rule(custom.replacement(), false, regex(custom.compiledPattern(), (match) -> true)));
			if (!custom.replacement().isEmpty()) {
				placeholders.add(custom.replacement());
			}
		}
		this.rules = List.copyOf(rules);
		this.placeholders = List.copyOf(placeholders);
	}

	/** A masker with every built-in rule on and no custom rule. */
	public static PiiMasker standard() {
		return new PiiMasker(MaskingProperties.defaults());
	}

	/**
	 * Returns the text with personal data replaced by placeholders.
	 * @param text a user's message, may be {@code null}
	 * @return the masked text; empty for {@code null} or empty text
	 */
	public String mask(String text) {
		if (text == null || text.isEmpty()) {
			return "";
		}
		String masked = text;
		for (int pass = 0; pass < MAX_PASSES; pass++) {
			String next = maskOnce(masked);
			if (next.equals(masked)) {
				break;
			}
			masked = next;
		}
		return masked;
	}

	private String maskOnce(String text) {
		String folded = fold(text, false);
		String numeric = fold(text, true);
		List<Span> taken = placeholdersIn(text);
		List<Span> replacements = new ArrayList<>();
		for (Rule rule : this.rules) {
			String input = rule.numeric() ? numeric : folded;
			List<Span> found = new ArrayList<>();
			int from = 0;
			for (Span span : taken) {
				if (span.start() > from) {
					rule.finder().find(input, from, span.start(), found);
				}
				from = Math.max(from, span.end());
			}
			if (from < text.length()) {
				rule.finder().find(input, from, text.length(), found);
			}
			for (Span span : found) {
				Span replacement = new Span(span.start(), span.end(), rule.replacement());
				replacements.add(replacement);
				taken.add(replacement);
			}
			taken.sort(Comparator.comparingInt(Span::start));
		}
		if (replacements.isEmpty()) {
			return text;
		}
		replacements.sort(Comparator.comparingInt(Span::start));
		StringBuilder masked = new StringBuilder(text.length());
		int at = 0;
		for (Span replacement : replacements) {
			masked.append(text, at, replacement.start()).append(replacement.replacement());
			at = replacement.end();
		}
		return masked.append(text, at, text.length()).toString();
	}

	/** Placeholders already in the text that stand on their own, sorted. */
	private List<Span> placeholdersIn(String text) {
		List<Span> spans = new ArrayList<>();
		for (String placeholder : this.placeholders) {
			for (int at = text.indexOf(placeholder); at >= 0; at = text.indexOf(placeholder, at + 1)) {
				int end = at + placeholder.length();
				boolean gluedBefore = isAsciiAlphanumeric(placeholder.charAt(0)) && at > 0
						&& isAsciiAlphanumeric(text.charAt(at - 1));
				boolean gluedAfter = isAsciiAlphanumeric(placeholder.charAt(placeholder.length() - 1))
						&& end < text.length() && isAsciiAlphanumeric(text.charAt(end));
				if (!gluedBefore && !gluedAfter) {
					spans.add(new Span(at, end, null));
				}
			}
		}
		spans.sort(Comparator.comparingInt(Span::start));
		return spans;
	}

	/**
	 * The text as detection sees it, of the same length: full-width ASCII and the ideographic
	 * space folded to half-width (as NFKC does), and for numbers dash-like characters as hyphens.
	 */
	static String fold(String text, boolean dashes) {
		char[] chars = text.toCharArray();
		for (int i = 0; i < chars.length; i++) {
			char c = chars[i];
			if (c >= '\uFF01' && c <= '\uFF5E') {
				chars[i] = (char) (c - 0xFEE0);
			}
			else if (c == '\u3000') {
				chars[i] = ' ';
			}
			else if (dashes && isDash(c)) {
				chars[i] = '-';
			}
		}
		return new String(chars);
	}

	/** Hyphens, dashes, the minus sign and the long-vowel marks a Japanese IME types for "-". */
	private static boolean isDash(char c) {
		return (c >= '\u2010' && c <= '\u2015') || c == '\u2212' || c == '\u30FC' || c == '\uFF70' || c == '\uFE63';
	}

	private static Finder regex(Pattern pattern, Predicate<CharSequence> accept) {
		return (text, from, to, found) -> {
			Matcher matcher = pattern.matcher(text)
				.region(from, to)
				.useTransparentBounds(true)
				.useAnchoringBounds(false);
			while (matcher.find()) {
				if (matcher.end() > matcher.start() && accept.test(text.subSequence(matcher.start(), matcher.end()))) {
					found.add(new Span(matcher.start(), matcher.end(), null));
				}
			}
		};
	}

	/**
	 * Japanese numbers have ten digits, eleven for mobiles, IP phones and 0800 ({@code 0X0}); the
	 * second digit is never 0 (00 and 010 dial abroad). International numbers have 8–15 digits.
	 */
	static boolean isPhoneNumber(CharSequence candidate) {
		StringBuilder digits = new StringBuilder(16);
		for (int i = 0; i < candidate.length(); i++) {
			if (isDigit(candidate.charAt(i))) {
				digits.append(candidate.charAt(i));
			}
		}
		int n = digits.length();
		if (candidate.charAt(0) == '+') {
			return n >= 8 && n <= 15;
		}
		if (n < 10 || digits.charAt(1) == '0') {
			return false;
		}
		boolean elevenDigitPrefix = digits.charAt(2) == '0' && "256789".indexOf(digits.charAt(1)) >= 0;
		return (elevenDigitPrefix) ? n == 11 : n == 10;
	}

	/**
	 * Finds runs of digit groups joined by single spaces or hyphens within {@code [from, to)} and
	 * lets {@code windows} choose the spans to mask in each.
	 */
	private static void findDigitRuns(CharSequence text, int from, int to, WindowChooser windows,
			List<Span> found) {
		int i = from;
		while (i < to) {
			if (!isDigit(text.charAt(i))) {
				i++;
				continue;
			}
			List<int[]> groups = new ArrayList<>();
			int j = i;
			while (true) {
				int start = j;
				while (j < to && isDigit(text.charAt(j))) {
					j++;
				}
				groups.add(new int[] { start, j });
				if (j + 1 < to && (text.charAt(j) == ' ' || text.charAt(j) == '-') && isDigit(text.charAt(j + 1))) {
					j++;
				}
				else {
					break;
				}
			}
			windows.choose(new DigitRun(text, groups, gluedBefore(text, i), gluedAfter(text, j)), found);
			i = j;
		}
	}

	/**
	 * Card numbers in a run: from the earliest group that can start one, the longest Luhn-valid
	 * window of 13–19 digits, either one group or groups of 4–6 digits (the last 2–6) joined by
	 * the same separator.
	 */
	private static void cards(DigitRun run, List<Span> found) {
		int a = 0;
		while (a < run.size()) {
			int best = -1;
			if (run.canStart(a) && run.length(a) >= 4) {
				int digits = 0;
				for (int b = a; b < run.size(); b++) {
					digits += run.length(b);
					if (digits > 19 || (b > a && run.separatorAfter(b - 1) != run.separatorAfter(a))) {
						break;
					}
					boolean grouped = b > a;
					if (grouped && (run.length(b - 1) < 4 || run.length(b - 1) > 6 || run.length(b) < 2
							|| run.length(b) > 6)) {
						break;
					}
					if (digits >= 13 && run.canEnd(b) && isLuhnValid(run.digits(a, b))) {
						best = b;
					}
				}
			}
			if (best >= 0) {
				found.add(new Span(run.start(a), run.end(best), null));
				a = best + 1;
			}
			else {
				a++;
			}
		}
	}

	/**
	 * My Numbers in a run: a group of 12 digits, or three groups of 4 joined by the same separator
	 * that are not part of a longer 4-4-4-4… sequence, with a valid check digit.
	 */
	private static void myNumbers(DigitRun run, List<Span> found) {
		int a = 0;
		while (a < run.size()) {
			int end = -1;
			if (run.canStart(a)) {
				if (run.length(a) == 12 && run.canEnd(a)) {
					end = a;
				}
				else if (a + 2 < run.size() && run.length(a) == 4 && run.length(a + 1) == 4 && run.length(a + 2) == 4
						&& run.separatorAfter(a) == run.separatorAfter(a + 1) && run.canEnd(a + 2)
						&& (a == 0 || run.length(a - 1) != 4) && (a + 3 == run.size() || run.length(a + 3) != 4)) {
					end = a + 2;
				}
			}
			if (end >= 0 && isValidMyNumber(run.digits(a, end))) {
				found.add(new Span(run.start(a), run.end(end), null));
				a = end + 1;
			}
			else {
				a++;
			}
		}
	}

	/** The Luhn (mod 10) check of payment-card numbers. */
	static boolean isLuhnValid(CharSequence digits) {
		int sum = 0;
		boolean doubled = false;
		for (int i = digits.length() - 1; i >= 0; i--) {
			int d = digits.charAt(i) - '0';
			if (doubled) {
				d = (d * 2 > 9) ? d * 2 - 9 : d * 2;
			}
			sum += d;
			doubled = !doubled;
		}
		return sum % 10 == 0;
	}

	/**
	 * The check digit of a My Number (個人番号), as the ordinance defines it: with Pn the n-th of the
	 * first 11 digits counted from the right and Qn = n + 1 for n ≤ 6, n − 5 for n ≥ 7, the check
	 * digit is 11 − (ΣPn×Qn mod 11), or 0 when the remainder is 0 or 1.
	 */
	static boolean isValidMyNumber(CharSequence digits) {
		if (digits.length() != 12) {
			return false;
		}
		int sum = 0;
		for (int n = 1; n <= 11; n++) {
			int p = digits.charAt(11 - n) - '0';
			int q = (n <= 6) ? n + 1 : n - 5;
			sum += p * q;
		}
		int remainder = sum % 11;
		int check = (remainder <= 1) ? 0 : 11 - remainder;
		return digits.charAt(11) - '0' == check;
	}

	/**
	 * Whether a number starting at {@code start} is part of a longer token: right after an ASCII
	 * letter, digit or {@code _}, after a hyphen that follows one ({@code ORD-2024}), after a slash
	 * that follows a letter (a URL path), or after a decimal point ({@code v2.3.1}).
	 */
	private static boolean gluedBefore(CharSequence text, int start) {
		if (start == 0) {
			return false;
		}
		char before = text.charAt(start - 1);
		if (isAsciiAlphanumeric(before) || before == '_') {
			return true;
		}
		if (start >= 2) {
			char twoBefore = text.charAt(start - 2);
			return (before == '-' && isAsciiAlphanumeric(twoBefore))
					|| (before == '/' && isAsciiLetter(twoBefore)) || (before == '.' && isDigit(twoBefore));
		}
		return false;
	}

	/**
	 * Whether a number ending at {@code end} is part of a longer token: right before an ASCII
	 * letter, digit or {@code _}, before a hyphen followed by one, before a slash followed by a
	 * letter, or before a decimal point or colon followed by a digit (a decimal, a time).
	 */
	private static boolean gluedAfter(CharSequence text, int end) {
		if (end >= text.length()) {
			return false;
		}
		char after = text.charAt(end);
		if (isAsciiAlphanumeric(after) || after == '_') {
			return true;
		}
		if (end + 1 < text.length()) {
			char twoAfter = text.charAt(end + 1);
			return (after == '-' && isAsciiAlphanumeric(twoAfter)) || (after == '/' && isAsciiLetter(twoAfter))
					|| ((after == '.' || after == ':') && isDigit(twoAfter));
		}
		return false;
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	private static boolean isAsciiLetter(char c) {
		return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
	}

	private static boolean isAsciiAlphanumeric(char c) {
		return isDigit(c) || isAsciiLetter(c);
	}

	/** A span of the text and what replaces it ({@code null} for spans that are only kept out). */
	private record Span(int start, int end, String replacement) {
	}

	private record Rule(String replacement, boolean numeric, Finder finder) {
	}

	/** Adds the spans to replace within {@code [from, to)} of the folded text, in order. */
	@FunctionalInterface
	private interface Finder {

		void find(String text, int from, int to, List<Span> found);

	}

	@FunctionalInterface
	private interface WindowChooser {

		void choose(DigitRun run, List<Span> found);

	}

	/**
	 * Digit groups joined by single separators; a window of groups may start or end inside the run
	 * only at a space (hyphens bind groups into one token), and at the run's ends only if the run
	 * is not glued to its surroundings.
	 */
	private record DigitRun(CharSequence text, List<int[]> groups, boolean gluedBefore, boolean gluedAfter) {

		int size() {
			return this.groups.size();
		}

		int start(int group) {
			return this.groups.get(group)[0];
		}

		int end(int group) {
			return this.groups.get(group)[1];
		}

		int length(int group) {
			return end(group) - start(group);
		}

		char separatorAfter(int group) {
			return this.text.charAt(end(group));
		}

		boolean canStart(int group) {
			return (group == 0) ? !this.gluedBefore : separatorAfter(group - 1) == ' ';
		}

		boolean canEnd(int group) {
			return (group == size() - 1) ? !this.gluedAfter : separatorAfter(group) == ' ';
		}

		String digits(int first, int last) {
			StringBuilder digits = new StringBuilder(19);
			for (int group = first; group <= last; group++) {
				digits.append(this.text, start(group), end(group));
			}
			return digits.toString();
		}

	}

}
