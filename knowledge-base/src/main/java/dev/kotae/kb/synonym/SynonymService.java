package dev.kotae.kb.synonym;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;

import dev.kotae.kb.faq.InvalidInputException;
import dev.kotae.kb.faq.InvalidInputException.Violation;
import dev.kotae.kb.faq.Language;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Stores synonym sets in the {@code synonym_set} table. */
@Service
public class SynonymService {

	static final int MAX_TERMS = 50;

	static final int MAX_TERM = 100;

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	SynonymService(JdbcClient jdbc, ApplicationEventPublisher events, ObjectProvider<Clock> clock) {
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock.getIfAvailable(Clock::systemUTC);
	}

	@Transactional(readOnly = true)
	public List<SynonymSet> all() {
		return this.jdbc.sql("SELECT id, locale, terms FROM synonym_set ORDER BY id")
			.query((rs, row) -> new SynonymSet(rs.getLong("id"), Language.parse(rs.getString("locale")).orElseThrow(),
					parseTerms(rs.getString("terms"))))
			.list();
	}

	@Transactional(readOnly = true)
	public boolean isEmpty() {
		return this.jdbc.sql("SELECT COUNT(*) FROM synonym_set").query(Long.class).single() == 0;
	}

	@Transactional
	public SynonymSet create(String locale, List<String> terms) {
		Language language = checkLocale(locale);
		List<String> clean = checkTerms(terms);
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("INSERT INTO synonym_set (locale, terms, updated_at) VALUES (?, ?, ?)")
			.params(language.code(), String.join(", ", clean), this.clock.instant().atOffset(ZoneOffset.UTC))
			.update(keys, "id");
		this.events.publishEvent(new SynonymsChanged());
		return new SynonymSet(keys.getKeyAs(Number.class).longValue(), language, clean);
	}

	@Transactional
	public SynonymSet update(long id, String locale, List<String> terms) {
		Language language = checkLocale(locale);
		List<String> clean = checkTerms(terms);
		int rows = this.jdbc.sql("UPDATE synonym_set SET locale = ?, terms = ?, updated_at = ? WHERE id = ?")
			.params(language.code(), String.join(", ", clean), this.clock.instant().atOffset(ZoneOffset.UTC), id)
			.update();
		if (rows == 0) {
			throw new SynonymSetNotFoundException(id);
		}
		this.events.publishEvent(new SynonymsChanged());
		return new SynonymSet(id, language, clean);
	}

	@Transactional
	public void delete(long id) {
		if (this.jdbc.sql("DELETE FROM synonym_set WHERE id = ?").param(id).update() == 0) {
			throw new SynonymSetNotFoundException(id);
		}
		this.events.publishEvent(new SynonymsChanged());
	}

	/** Splits a line such as {@code "パスワード, PW, パス"} into its terms. */
	public static List<String> parseTerms(String line) {
		return Arrays.stream(line.split("[,、，]")).map(String::strip).filter((t) -> !t.isEmpty()).toList();
	}

	private static Language checkLocale(String locale) {
		return Language.parse(locale)
			.orElseThrow(() -> new InvalidInputException(
					List.of(new Violation("locale", "unknown locale '" + locale + "'; use 'ja' or 'en'"))));
	}

	private static List<String> checkTerms(List<String> terms) {
		LinkedHashSet<String> clean = new LinkedHashSet<>();
		if (terms != null) {
			terms.stream().filter((t) -> t != null).map(String::strip).filter((t) -> !t.isEmpty()).forEach(clean::add);
		}
		List<Violation> violations = new ArrayList<>();
		if (clean.size() < 2 || clean.size() > MAX_TERMS) {
			violations.add(new Violation("terms", "a synonym set needs 2 to " + MAX_TERMS + " distinct terms"));
		}
		if (clean.stream().anyMatch((t) -> t.length() > MAX_TERM || t.matches(".*[,、，\\n].*"))) {
			violations.add(new Violation("terms", "each term must be at most " + MAX_TERM
					+ " characters, without commas or line breaks"));
		}
		if (!violations.isEmpty()) {
			throw new InvalidInputException(violations);
		}
		return List.copyOf(clean);
	}

}
