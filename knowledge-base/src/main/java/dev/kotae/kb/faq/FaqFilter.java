package dev.kotae.kb.faq;

/**
 * Which FAQs an editor lists; every part is optional ({@code null} = any).
 *
 * @param locale only this language
 * @param category only this category
 * @param status only this status
 * @param text case-insensitive substring of the id, question, alternative questions or answer
 */
public record FaqFilter(Language locale, String category, FaqStatus status, String text) {

	public FaqFilter {
		category = (category == null || category.isBlank()) ? null : category.strip();
		text = (text == null || text.isBlank()) ? null : text.strip();
	}

}
