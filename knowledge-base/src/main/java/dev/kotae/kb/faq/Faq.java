package dev.kotae.kb.faq;

import java.time.Instant;
import java.util.List;

/**
 * A stored FAQ.
 *
 * @param id stable identifier, given by the editor or generated
 * @param locale the language the FAQ is written in
 * @param question the canonical question
 * @param alternativeQuestions other ways users ask it (training phrases for the classifier)
 * @param answer the answer in Markdown
 * @param category free-form category, may be {@code null}
 * @param tags free-form tags
 * @param status editorial state
 * @param version incremented on every change, starting at 1
 * @param createdAt when it was created
 * @param updatedAt when it was last changed
 * @param author who changed it last
 * @param audience who may be offered it
 */
public record Faq(String id, Language locale, String question, List<String> alternativeQuestions, String answer,
		String category, List<String> tags, FaqStatus status, long version, Instant createdAt, Instant updatedAt,
		String author, Audience audience) {

	public Faq {
		alternativeQuestions = List.copyOf(alternativeQuestions);
		tags = List.copyOf(tags);
		audience = (audience != null) ? audience : Audience.EVERYONE;
	}

	/** An FAQ for everyone. */
	public Faq(String id, Language locale, String question, List<String> alternativeQuestions, String answer,
			String category, List<String> tags, FaqStatus status, long version, Instant createdAt, Instant updatedAt,
			String author) {
		this(id, locale, question, alternativeQuestions, answer, category, tags, status, version, createdAt, updatedAt,
				author, Audience.EVERYONE);
	}

	public boolean isPublished() {
		return this.status == FaqStatus.PUBLISHED;
	}

}
