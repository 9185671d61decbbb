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
 */
public record FaqDraft(String id, String locale, String question, List<String> alternativeQuestions, String answer,
		String category, List<String> tags, String status, Long expectedVersion) {

	public FaqDraft withId(String newId) {
		return new FaqDraft(newId, this.locale, this.question, this.alternativeQuestions, this.answer, this.category,
				this.tags, this.status, this.expectedVersion);
	}

}
