package dev.kotae.bot.site;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import dev.kotae.kb.faq.Language;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/** Stores sites in the {@code site} table, and keeps them in memory for {@link #find}. */
@Service
public class Sites {

	private final JdbcClient jdbc;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	/** Counts the changes to sites committed since start-up. */
	private final AtomicLong changes = new AtomicLong();

	private final AtomicReference<Snapshot> snapshot = new AtomicReference<>();

	Sites(JdbcClient jdbc, ApplicationEventPublisher events, ObjectProvider<Clock> clock) {
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock.getIfAvailable(Clock::systemUTC);
	}

	/**
	 * The site with this key. Every chat request looks its site up, so the sites are kept in memory,
	 * read again after any change (on this node, or on another one and relayed here).
	 */
	public Optional<Site> find(String key) {
		if (key == null || !Site.KEY.matcher(key).matches()) {
			return Optional.empty();
		}
		Snapshot snapshot = this.snapshot.get();
		long changes = this.changes.get();
		if (snapshot == null || snapshot.changes() != changes) {
			// read after taking the count: a change committed meanwhile makes this snapshot stale at once
			snapshot = new Snapshot(changes, all().stream().collect(Collectors.toUnmodifiableMap(Site::key, (s) -> s)));
			this.snapshot.set(snapshot);
		}
		return Optional.ofNullable(snapshot.sites().get(key));
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(SitesChanged event) {
		this.changes.incrementAndGet();
	}

	@Transactional(readOnly = true)
	public List<Site> all() {
		return this.jdbc.sql("SELECT * FROM site ORDER BY site_key").query(Sites::site).list();
	}

	/** Every origin some site allows, for answering browsers' CORS pre-flight requests. */
	@Transactional(readOnly = true)
	public Set<String> allowedOrigins() {
		return all().stream().flatMap((s) -> s.allowedOrigins().stream()).collect(Collectors.toUnmodifiableSet());
	}

	/** Creates or replaces a site. */
	@Transactional
	public Site save(Site site) {
		if (!Site.KEY.matcher(site.key()).matches()) {
			throw new IllegalArgumentException("invalid site key: " + site.key());
		}
		List<String> origins = site.allowedOrigins().stream().map((o) -> o.strip().toLowerCase(Locale.ROOT)).toList();
		Site clean = new Site(site.key(), site.name(), origins, site.defaultLocale(), site.npsEnabled(),
				site.pinnedFaqIds());
		int updated = this.jdbc
			.sql("UPDATE site SET name = ?, allowed_origins = ?, default_locale = ?, nps_enabled = ?, pinned_faq_ids = ? "
					+ "WHERE site_key = ?")
			.params(clean.name(), String.join("\n", clean.allowedOrigins()), clean.defaultLocale().code(),
					clean.npsEnabled(), String.join("\n", clean.pinnedFaqIds()), clean.key())
			.update();
		if (updated == 0) {
			this.jdbc
				.sql("INSERT INTO site (site_key, name, allowed_origins, default_locale, nps_enabled, pinned_faq_ids, "
						+ "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
				.params(clean.key(), clean.name(), String.join("\n", clean.allowedOrigins()),
						clean.defaultLocale().code(), clean.npsEnabled(), String.join("\n", clean.pinnedFaqIds()),
						this.clock.instant().atOffset(ZoneOffset.UTC))
				.update();
		}
		this.events.publishEvent(new SitesChanged());
		return clean;
	}

	private static Site site(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new Site(rs.getString("site_key"), rs.getString("name"), lines(rs.getString("allowed_origins")),
				Language.parse(rs.getString("default_locale")).orElse(Language.JA), rs.getBoolean("nps_enabled"),
				lines(rs.getString("pinned_faq_ids")));
	}

	/** All sites by key, as read when {@code changes} changes had been made. */
	private record Snapshot(long changes, Map<String, Site> sites) {
	}

	private static List<String> lines(String value) {
		return Arrays.stream(value.split("\n")).map(String::strip).filter((s) -> !s.isEmpty()).toList();
	}

}
