package dev.kotae.bot.conversation;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import dev.kotae.kb.faq.InvalidInputException;
import dev.kotae.kb.faq.InvalidInputException.Violation;

/** Rules for a conversation's user attributes, and their storage form ({@code k=v&k2=v2}). */
public final class Attributes {

	static final int MAX_ATTRIBUTES = 20;

	static final int MAX_VALUE = 200;

	private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,49}");

	private Attributes() {
	}

	static Map<String, String> check(Map<String, String> attributes) {
		if (attributes == null) {
			return Map.of();
		}
		List<Violation> violations = new ArrayList<>();
		if (attributes.size() > MAX_ATTRIBUTES) {
			violations.add(new Violation("user.attributes", "at most " + MAX_ATTRIBUTES + " attributes"));
		}
		Map<String, String> clean = new TreeMap<>();
		attributes.forEach((key, value) -> {
			if (key == null || !KEY.matcher(key).matches()) {
				violations.add(new Violation("user.attributes",
						"attribute names are 1–50 letters, digits, '.', '_' or '-': '" + key + "'"));
			}
			else if (value == null || value.length() > MAX_VALUE || value.chars().anyMatch(Character::isISOControl)) {
				violations.add(new Violation("user.attributes." + key,
						"must be text of at most " + MAX_VALUE + " characters without control characters"));
			}
			else {
				clean.put(key, value);
			}
		});
		if (!violations.isEmpty()) {
			throw new InvalidInputException(violations);
		}
		return clean;
	}

	static String format(Map<String, String> attributes) {
		StringBuilder out = new StringBuilder();
		new TreeMap<>(attributes).forEach((k, v) -> {
			if (!out.isEmpty()) {
				out.append('&');
			}
			out.append(URLEncoder.encode(k, StandardCharsets.UTF_8))
				.append('=')
				.append(URLEncoder.encode(v, StandardCharsets.UTF_8));
		});
		return out.toString();
	}

	public static Map<String, String> parse(String stored) {
		Map<String, String> attributes = new LinkedHashMap<>();
		if (stored == null || stored.isEmpty()) {
			return attributes;
		}
		for (String pair : stored.split("&")) {
			int eq = pair.indexOf('=');
			attributes.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
					URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
		}
		return attributes;
	}

}
