package dev.kotae.kb.faq;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.kotae.kb.faq.InvalidInputException.Violation;

/**
 * The rules every FAQ obeys, applied to drafts from the API and from CSV files alike. Turns a
 * {@link FaqDraft} into clean values or throws {@link InvalidInputException} listing every problem.
 */
public final class FaqRules {

	public static final int MAX_ID = 100;

	public static final int MAX_QUESTION = 1_000;

	public static final int MAX_ANSWER = 20_000;

	public static final int MAX_ALTERNATIVES = 300;

	public static final int MAX_CATEGORY = 100;

	public static final int MAX_TAG = 50;

	public static final int MAX_TAGS = 30;

	private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

	private FaqRules() {
	}

	/** Clean, valid values of a draft. */
	record Clean(String id, Language locale, String question, List<String> alternativeQuestions, String answer,
			String category, List<String> tags, FaqStatus status, Audience audience) {
	}

	/**
	 * Validates a draft into an FAQ that is not stored anywhere (version 1), e.g. for an evaluation
	 * that indexes a CSV file without a database.
	 * @throws InvalidInputException listing every broken rule
	 */
	public static Faq toFaq(FaqDraft draft, FaqStatus defaultStatus, Instant now, String author) {
		Clean clean = check(draft, defaultStatus);
		String id = (clean.id() != null) ? clean.id() : newId(clean.locale());
		return new Faq(id, clean.locale(), clean.question(), clean.alternativeQuestions(), clean.answer(),
				clean.category(), clean.tags(), clean.status(), 1, now, now, author, clean.audience());
	}

	static String newId(Language locale) {
		return locale.code() + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
	}

	static Clean check(FaqDraft draft, FaqStatus defaultStatus) {
		List<Violation> violations = new ArrayList<>();
		String id = blankToNull(draft.id());
		if (id != null && (id.length() > MAX_ID || !ID.matcher(id).matches())) {
			violations.add(new Violation("id", "must be 1-" + MAX_ID
					+ " characters of letters, digits, '.', '_' or '-', starting with a letter or digit"));
		}
		String question = oneLine(draft.question());
		if (question.isEmpty()) {
			violations.add(new Violation("question", "must not be empty"));
		}
		else if (question.length() > MAX_QUESTION) {
			violations.add(new Violation("question", "must be at most " + MAX_QUESTION + " characters"));
		}
		String answer = draft.answer() == null ? "" : draft.answer().strip();
		if (answer.isEmpty()) {
			violations.add(new Violation("answer", "must not be empty"));
		}
		else if (answer.length() > MAX_ANSWER) {
			violations.add(new Violation("answer", "must be at most " + MAX_ANSWER + " characters"));
		}
		Language locale;
		if (blankToNull(draft.locale()) == null) {
			locale = Language.detect(question);
		}
		else {
			locale = Language.parse(draft.locale()).orElse(null);
			if (locale == null) {
				violations.add(new Violation("locale", "unknown locale '" + draft.locale() + "'; use 'ja' or 'en'"));
			}
		}
		FaqStatus status = defaultStatus;
		if (blankToNull(draft.status()) != null) {
			status = FaqStatus.parse(draft.status()).orElse(null);
			if (status == null) {
				violations.add(new Violation("status",
						"unknown status '" + draft.status() + "'; use 'draft', 'published' or 'archived'"));
			}
		}
		List<String> alternatives = distinctLines(draft.alternativeQuestions());
		alternatives.remove(question);
		if (alternatives.size() > MAX_ALTERNATIVES) {
			violations.add(new Violation("alternativeQuestions", "at most " + MAX_ALTERNATIVES + " are allowed"));
		}
		if (alternatives.stream().anyMatch((a) -> a.length() > MAX_QUESTION)) {
			violations.add(new Violation("alternativeQuestions",
					"each must be at most " + MAX_QUESTION + " characters"));
		}
		String category = blankToNull(draft.category());
		if (category != null && category.length() > MAX_CATEGORY) {
			violations.add(new Violation("category", "must be at most " + MAX_CATEGORY + " characters"));
		}
		List<String> tags = distinctLines(draft.tags());
		if (tags.size() > MAX_TAGS) {
			violations.add(new Violation("tags", "at most " + MAX_TAGS + " are allowed"));
		}
		if (tags.stream().anyMatch((t) -> t.length() > MAX_TAG || t.contains(","))) {
			violations.add(new Violation("tags", "each must be at most " + MAX_TAG + " characters, without commas"));
		}
		Audience audience = Audience.EVERYONE;
		try {
			audience = Audience.parse(draft.audience());
		}
		catch (IllegalArgumentException ex) {
			violations.add(new Violation("audience", ex.getMessage() + " (form: key=value|value;key=value)"));
		}
		if (!violations.isEmpty()) {
			throw new InvalidInputException(violations);
		}
		return new Clean(id, locale, question, alternatives, answer, category == null ? null : category.strip(), tags,
				status, audience);
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	private static String oneLine(String value) {
		return value == null ? "" : value.strip().replaceAll("\\s*\\R\\s*", " ");
	}

	/** Strips, splits on line breaks, drops blanks and duplicates, keeps order. */
	private static List<String> distinctLines(List<String> values) {
		LinkedHashSet<String> result = new LinkedHashSet<>();
		if (values != null) {
			values.stream()
				.filter(Objects::nonNull)
				.flatMap((v) -> v.lines())
				.map(String::strip)
				.filter((v) -> !v.isEmpty())
				.forEach(result::add);
		}
		return new ArrayList<>(result);
	}

}
