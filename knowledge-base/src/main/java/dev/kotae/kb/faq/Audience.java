package dev.kotae.kb.faq;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which users an FAQ is for: for every key, the attribute values that qualify (e.g. {@code product}
 * → {@code a, b}). A conversation matches when each key's attribute is one of its values; an FAQ
 * with no rules is for everyone. Keys and values are compared case-insensitively.
 */
public record Audience(Map<String, Set<String>> rules) {

	public static final Audience EVERYONE = new Audience(Map.of());

	private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9._-]{0,49}");

	public Audience {
		Map<String, Set<String>> copy = new LinkedHashMap<>();
		rules.forEach((key, values) -> copy.put(key, Collections.unmodifiableSet(new LinkedHashSet<>(values))));
		rules = Collections.unmodifiableMap(copy);
	}

	public boolean isEveryone() {
		return this.rules.isEmpty();
	}

	/** Whether a conversation with these attributes may be offered the FAQ. */
	public boolean matches(Map<String, String> attributes) {
		for (Map.Entry<String, Set<String>> rule : this.rules.entrySet()) {
			String value = attributeValue(attributes, rule.getKey());
			if (value == null || !rule.getValue().contains(value)) {
				return false;
			}
		}
		return true;
	}

	private static String attributeValue(Map<String, String> attributes, String key) {
		if (attributes == null) {
			return null;
		}
		for (Map.Entry<String, String> attribute : attributes.entrySet()) {
			if (attribute.getKey() != null && attribute.getValue() != null
					&& attribute.getKey().strip().toLowerCase(Locale.ROOT).equals(key)) {
				return attribute.getValue().strip().toLowerCase(Locale.ROOT);
			}
		}
		return null;
	}

	/** The stored and CSV form: {@code product=a|b;plan=pro}. */
	public String format() {
		List<String> parts = new ArrayList<>();
		this.rules.forEach((key, values) -> parts.add(key + "=" + String.join("|", values)));
		return String.join(";", parts);
	}

	/**
	 * Parses the {@link #format() stored form}.
	 * @throws IllegalArgumentException with a message a person can act on
	 */
	public static Audience parse(String text) {
		if (text == null || text.isBlank()) {
			return EVERYONE;
		}
		Map<String, List<String>> rules = new LinkedHashMap<>();
		for (String part : text.split("[;\\n]")) {
			if (part.isBlank()) {
				continue;
			}
			int eq = part.indexOf('=');
			if (eq < 0) {
				throw new IllegalArgumentException("'" + part.strip() + "' is not key=value");
			}
			rules.put(part.substring(0, eq), List.of(part.substring(eq + 1).split("[|,]")));
		}
		return of(rules);
	}

	/**
	 * Builds an audience from keys and their qualifying values.
	 * @throws IllegalArgumentException when a key or value is empty or malformed
	 */
	public static Audience of(Map<String, ? extends Iterable<String>> rules) {
		if (rules == null || rules.isEmpty()) {
			return EVERYONE;
		}
		Map<String, Set<String>> clean = new LinkedHashMap<>();
		rules.forEach((rawKey, rawValues) -> {
			String key = (rawKey == null) ? "" : rawKey.strip().toLowerCase(Locale.ROOT);
			if (!KEY.matcher(key).matches()) {
				throw new IllegalArgumentException("audience key '" + rawKey
						+ "' must be 1-50 lower-case letters, digits, '.', '_' or '-'");
			}
			Set<String> values = new LinkedHashSet<>();
			if (rawValues != null) {
				for (String raw : rawValues) {
					String value = (raw == null) ? "" : raw.strip().toLowerCase(Locale.ROOT);
					if (!value.isEmpty()) {
						if (value.length() > 100 || value.matches(".*[;=|,\\n].*")) {
							throw new IllegalArgumentException("audience value '" + raw
									+ "' must be at most 100 characters without ; = | , or line breaks");
						}
						values.add(value);
					}
				}
			}
			if (values.isEmpty()) {
				throw new IllegalArgumentException("audience key '" + key + "' needs at least one value");
			}
			clean.put(key, values);
		});
		return new Audience(clean);
	}

}
