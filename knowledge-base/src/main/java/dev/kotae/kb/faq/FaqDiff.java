package dev.kotae.kb.faq;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What changed between two versions of an FAQ, field by field; the answer also line by line.
 *
 * @param faqId the FAQ's id
 * @param from the older side's version
 * @param to the newer side's version
 * @param changes the fields whose values differ, in a fixed order
 * @param answerLines the answer's line diff, empty when the answer did not change
 */
public record FaqDiff(String faqId, long from, long to, List<FieldChange> changes, List<LineDiff.Line> answerLines) {

	public FaqDiff {
		changes = List.copyOf(changes);
		answerLines = List.copyOf(answerLines);
	}

	/**
	 * One changed field.
	 * @param field the API's name of the field
	 * @param before its value in {@code from}: a string, a list of strings or {@code null}
	 * @param after its value in {@code to}
	 */
	public record FieldChange(String field, Object before, Object after) {
	}

	static FaqDiff between(FaqVersion from, FaqVersion to) {
		List<FieldChange> changes = new ArrayList<>();
		compare(changes, "locale", from.locale().code(), to.locale().code());
		compare(changes, "question", from.question(), to.question());
		compare(changes, "alternativeQuestions", from.alternativeQuestions(), to.alternativeQuestions());
		compare(changes, "answer", from.answer(), to.answer());
		compare(changes, "category", from.category(), to.category());
		compare(changes, "tags", from.tags(), to.tags());
		compare(changes, "status", from.status().code(), to.status().code());
		compare(changes, "audience", from.audience().format(), to.audience().format());
		List<LineDiff.Line> lines = from.answer().equals(to.answer()) ? List.of()
				: LineDiff.between(from.answer(), to.answer());
		return new FaqDiff(from.faqId(), from.version(), to.version(), changes, lines);
	}

	private static void compare(List<FieldChange> changes, String field, Object before, Object after) {
		if (!Objects.equals(before, after)) {
			changes.add(new FieldChange(field, before, after));
		}
	}

}
