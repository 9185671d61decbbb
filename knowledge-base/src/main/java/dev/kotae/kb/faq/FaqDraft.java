package dev.kotae.kb.faq;

import java.util.List;

/**
 * What an editor submits to create or change an FAQ: raw values, validated by {@link FaqService}.
 *
 * @param id the id, or {@code null} to generate one (create) / keep the path's id (update)
 * @param locale language code ({@code ja}, {@code en}); {@code null} to detect it from the question
 * @param question the canonical question
 * @param alternativeQuestions other phrasings, may be {@code null}
 * @param answer Markdown answer
 * @param category may be {@code null}
 * @param tags may be {@code null}
 * @param status status code; {@code null} means {@code draft} for the API and {@code published}
 * for CSV imports (the caller decides)
 * @param expectedVersion optimistic-lock check on update, or {@code null} to skip it
 * @param audience audience rules in the form {@code product=a|b;plan=pro}; {@code null} or blank =
 * everyone
 */
public record FaqDraft(String id, String locale, String question, List<String> alternativeQuestions, String answer,
		String category, List<String> tags, String status, Long expectedVersion, String audience) {

	/** A draft for everyone. */
	public FaqDraft(String id, String locale, String question, List<String> alternativeQuestions, String answer,
			String category, List<String> tags, String status, Long expectedVersion) {
		this(id, locale, question, alternativeQuestions, answer, category, tags, status, expectedVersion, null);
	}

	public FaqDraft withId(String newId) {
		return new FaqDraft(newId, this.locale, this.question, this.alternativeQuestions, this.answer, this.category,
				this.tags, this.status, this.expectedVersion, this.audience);
	}

	public FaqDraft withAudience(String newAudience) {
		return new FaqDraft(this.id, this.locale, this.question, this.alternativeQuestions, this.answer, this.category,
				this.tags, this.status, this.expectedVersion, newAudience);
	}

}
