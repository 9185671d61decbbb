package dev.kotae.channels.admin;

import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.kotae.bot.site.Site;
import dev.kotae.bot.site.SiteNotFoundException;
import dev.kotae.bot.site.Sites;
import dev.kotae.channels.audit.Audited;
import dev.kotae.kb.faq.InvalidInputException;
import dev.kotae.kb.faq.InvalidInputException.Violation;
import dev.kotae.kb.faq.Language;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/sites}: the sites the widget runs on — key, allowed browser origins, default
 * language, NPS question on or off, pinned popular FAQs. Editors may read them; only admins change them
 * (see the security configuration). Every change is audited.
 */
@RestController
@RequestMapping("/api/v1/sites")
class SiteController {

	static final int MAX_ORIGINS = 50;

	static final int MAX_PINNED = 10;

	private final Sites sites;

	private final ApplicationEventPublisher events;

	SiteController(Sites sites, ApplicationEventPublisher events) {
		this.sites = sites;
		this.events = events;
	}

	@GetMapping
	List<Site> list() {
		return this.sites.all();
	}

	@GetMapping("/{key}")
	Site get(@PathVariable String key) {
		return this.sites.find(key).orElseThrow(() -> new SiteNotFoundException(key));
	}

	/** Creates or replaces a site. */
	@PutMapping("/{key}")
	Site put(@PathVariable String key, @RequestBody SiteRequest request, Principal user) {
		Site site = request.toSite(key);
		Site before = this.sites.find(key).orElse(null);
		Site after = this.sites.save(site);
		if (!after.equals(before)) {
			this.events.publishEvent(new Audited(user.getName(), (before != null) ? "site.update" : "site.create",
					"site", key, before, after));
		}
		return after;
	}

	record SiteRequest(String name, List<String> allowedOrigins, String defaultLocale, Boolean npsEnabled,
			List<String> pinnedFaqIds) {

		Site toSite(String key) {
			List<Violation> violations = new ArrayList<>();
			if (!Site.KEY.matcher(key).matches()) {
				violations.add(new Violation("key", "1–64 letters, digits, '_' or '-'"));
			}
			if (this.name == null || this.name.isBlank() || this.name.length() > 200) {
				violations.add(new Violation("name", "1–200 characters"));
			}
			List<String> origins = (this.allowedOrigins != null) ? this.allowedOrigins : List.of();
			if (origins.size() > MAX_ORIGINS) {
				violations.add(new Violation("allowedOrigins", "at most " + MAX_ORIGINS));
			}
			for (String origin : origins) {
				if (origin == null || !origin.toLowerCase(Locale.ROOT).matches("https?://[a-z0-9.-]+(:[0-9]{1,5})?")) {
					violations.add(new Violation("allowedOrigins",
							"an origin is scheme://host[:port] without a path, e.g. https://shop.example: '" + origin + "'"));
				}
			}
			Language locale = (this.defaultLocale != null) ? Language.parse(this.defaultLocale).orElse(null) : Language.JA;
			if (locale == null) {
				violations.add(new Violation("defaultLocale", "use 'ja' or 'en'"));
			}
			List<String> pinned = (this.pinnedFaqIds != null) ? this.pinnedFaqIds : List.of();
			if (pinned.size() > MAX_PINNED || pinned.stream().anyMatch((id) -> id == null || id.isBlank() || id.length() > 100)) {
				violations.add(new Violation("pinnedFaqIds", "at most " + MAX_PINNED + " FAQ ids"));
			}
			if (!violations.isEmpty()) {
				throw new InvalidInputException(violations);
			}
			return new Site(key, this.name.strip(), origins, locale, Boolean.TRUE.equals(this.npsEnabled), pinned);
		}

	}

}
