package dev.kotae.kb.faq;

/**
 * Which FAQs an editor lists; every part is optional ({@code null} = any).
 *
 * @param locale only this language
 * @param category only this category
 * @param status only this status
 * @param text case-insensitive substring of the id, question, alternative questions or answer
 * @param audience {@link #EVERYONE} for FAQs without audience rules, else a case-insensitive substring
 * of the stored audience ({@code plan=pro}, {@code pro})
 */
public record FaqFilter(Language locale, String category, FaqStatus status, String text, String audience) {

	/** The {@code audience} that selects the FAQs for everyone (no rules). */
	public static final String EVERYONE = "everyone";

	/** No filter: every FAQ. */
	public static final FaqFilter ALL = new FaqFilter(null, null, null, null, null);

	public FaqFilter {
		category = (category == null || category.isBlank()) ? null : category.strip();
		text = (text == null || text.isBlank()) ? null : text.strip();
		audience = (audience == null || audience.isBlank()) ? null : audience.strip();
	}

	public FaqFilter(Language locale, String category, FaqStatus status, String text) {
		this(locale, category, status, text, null);
	}

}
