package dev.kotae.bot.site;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import dev.kotae.kb.faq.Language;

/**
 * A site the widget runs on.
 *
 * @param key the public site key the widget sends ({@code data-kotae-site})
 * @param name a name for people
 * @param allowedOrigins browser origins (scheme://host[:port]) that may call the chat API for this
 * site; empty = only the application's own pages
 * @param defaultLocale the language of conversations that do not choose one
 * @param npsEnabled whether the end-of-chat survey also asks the 0–10 NPS question
 * @param pinnedFaqIds FAQs shown first among the popular ones
 */
public record Site(String key, String name, List<String> allowedOrigins, Language defaultLocale, boolean npsEnabled,
		List<String> pinnedFaqIds) {

	/** What a site key looks like. */
	public static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{1,64}");

	public Site {
		Objects.requireNonNull(key, "key");
		Objects.requireNonNull(defaultLocale, "defaultLocale");
		allowedOrigins = List.copyOf(allowedOrigins);
		pinnedFaqIds = List.copyOf(pinnedFaqIds);
	}

	/** Whether a browser page of {@code origin} may use this site's key. */
	public boolean allowsOrigin(String origin) {
		return origin != null && this.allowedOrigins.contains(origin.toLowerCase(java.util.Locale.ROOT));
	}

}
