package dev.kotae.channels.web;

import java.util.LinkedHashMap;
import java.util.Map;

/** Checks of text that end users send: length, no control characters, bounded attributes. */
public final class UserText {

	/** Longest message a user may send. */
	public static final int MAX_TEXT = 2_000;

	static final int MAX_ATTRIBUTES = 20;

	static final int MAX_ATTRIBUTE_KEY = 50;

	static final int MAX_ATTRIBUTE_VALUE = 200;

	private UserText() {
	}

	/**
	 * A user's message, stripped.
	 * @throws BadRequestException when it is empty, longer than {@link #MAX_TEXT} or has control
	 * characters other than tab and line breaks (binary junk)
	 */
	public static String check(String field, String text) {
		if (text == null || text.isBlank()) {
			throw new BadRequestException(field, field + " must not be empty");
		}
		if (text.length() > MAX_TEXT) {
			throw new BadRequestException(field, field + " must be at most " + MAX_TEXT + " characters");
		}
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if ((Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') || c == '\uFFFD'
					|| Character.getType(c) == Character.UNASSIGNED || Character.getType(c) == Character.PRIVATE_USE) {
				throw new BadRequestException(field, field + " contains control or invalid characters");
			}
		}
		return text.strip();
	}

	/** Conversation attributes such as {@code product} or {@code plan}; empty when absent. */
	public static Map<String, String> attributes(Map<String, String> attributes) {
		if (attributes == null) {
			return Map.of();
		}
		if (attributes.size() > MAX_ATTRIBUTES) {
			throw new BadRequestException("attributes", "at most " + MAX_ATTRIBUTES + " attributes are allowed");
		}
		Map<String, String> clean = new LinkedHashMap<>();
		attributes.forEach((key, value) -> {
			if (key == null || key.isBlank() || key.length() > MAX_ATTRIBUTE_KEY || value == null
					|| value.length() > MAX_ATTRIBUTE_VALUE) {
				throw new BadRequestException("attributes", "attribute names must be 1-" + MAX_ATTRIBUTE_KEY
						+ " characters and values at most " + MAX_ATTRIBUTE_VALUE + " characters");
			}
			clean.put(key.strip(), value.strip());
		});
		return clean;
	}

}
