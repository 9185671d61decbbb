package dev.kotae.kb.faq;

import java.time.Instant;
import java.util.List;

/**
 * One saved version of an FAQ: its content as it was after a create, update, status change or
 * revert. Versions outlive the FAQ they belong to.
 *
 * @param faqId the FAQ's id
 * @param version the FAQ's version this snapshot was saved as
 * @param locale the language
 * @param question the canonical question
 * @param alternativeQuestions other phrasings
 * @param answer the answer in Markdown
 * @param category may be {@code null}
 * @param tags free-form tags
 * @param status editorial state
 * @param audience who may be offered it
 * @param author who saved this version
 * @param savedAt when it was saved
 */
public record FaqVersion(String faqId, long version, Language locale, String question,
		List<String> alternativeQuestions, String answer, String category, List<String> tags, FaqStatus status,
		Audience audience, String author, Instant savedAt) {

	public FaqVersion {
		alternativeQuestions = List.copyOf(alternativeQuestions);
		tags = List.copyOf(tags);
		audience = (audience != null) ? audience : Audience.EVERYONE;
	}

	static FaqVersion of(Faq faq) {
		return new FaqVersion(faq.id(), faq.version(), faq.locale(), faq.question(), faq.alternativeQuestions(),
				faq.answer(), faq.category(), faq.tags(), faq.status(), faq.audience(), faq.author(), faq.updatedAt());
	}

	/** This version's content as a draft, e.g. to revert to it. */
	FaqDraft toDraft(Long expectedVersion) {
		return toDraft(expectedVersion, this.status);
	}

	/** This version's content in another status as a draft. */
	FaqDraft toDraft(Long expectedVersion, FaqStatus newStatus) {
		return new FaqDraft(this.faqId, this.locale.code(), this.question, this.alternativeQuestions, this.answer,
				this.category, this.tags, newStatus.code(), expectedVersion, this.audience.format());
	}

}
