package dev.kotae.channels.admin;

import java.time.Instant;
import java.util.List;

import dev.kotae.kb.faq.Faq;
import dev.kotae.kb.faq.FaqDraft;

/** JSON shapes of the FAQ API. */
final class FaqJson {

	private FaqJson() {
	}

	/** An FAQ as the API shows it. */
	record FaqView(String id, String locale, String question, List<String> alternativeQuestions, String answer,
			String category, List<String> tags, String status, long version, Instant createdAt, Instant updatedAt,
			String author, String audience) {

		static FaqView of(Faq faq) {
			return new FaqView(faq.id(), faq.locale().code(), faq.question(), faq.alternativeQuestions(), faq.answer(),
					faq.category(), faq.tags(), faq.status().code(), faq.version(), faq.createdAt(), faq.updatedAt(),
					faq.author(), faq.audience().format());
		}

	}

	/**
	 * The body of POST and PUT; {@code version}, when given on PUT, must match the stored one;
	 * {@code audience} is {@code key=value|value;key=value} (empty = everyone).
	 */
	record FaqRequest(String id, String locale, String question, List<String> alternativeQuestions, String answer,
			String category, List<String> tags, String status, Long version, String audience) {

		FaqDraft toDraft() {
			return new FaqDraft(this.id, this.locale, this.question, this.alternativeQuestions, this.answer,
					this.category, this.tags, this.status, this.version, this.audience);
		}

	}

	record FaqPageView(List<FaqView> items, int page, int size, long total) {
	}

}
