package dev.kotae.kb.faq;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Editorial state of an FAQ. Only {@link #PUBLISHED} FAQs are searchable by the bot. */
public enum FaqStatus {

	DRAFT, PUBLISHED, ARCHIVED;

	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Optional<FaqStatus> parse(String code) {
		if (code == null || code.isBlank()) {
			return Optional.empty();
		}
		return Arrays.stream(values()).filter((s) -> s.code().equals(code.strip().toLowerCase(Locale.ROOT))).findFirst();
	}

}
