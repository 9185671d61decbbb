package dev.kotae.channels.web;

import dev.kotae.kb.faq.FaqStatus;
import dev.kotae.kb.faq.Language;

/** Parsing of common query parameters, with a 400 that names the parameter on bad input. */
public final class Params {

	private Params() {
	}

	/** A locale code, or {@code null} when absent. */
	public static Language locale(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		return Language.parse(value)
			.orElseThrow(() -> new BadRequestException("locale", "unknown locale '" + value + "'; use 'ja' or 'en'"));
	}

	/** A status code, or {@code null} when absent. */
	public static FaqStatus status(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		return FaqStatus.parse(value)
			.orElseThrow(() -> new BadRequestException("status",
					"unknown status '" + value + "'; use 'draft', 'published' or 'archived'"));
	}

}
