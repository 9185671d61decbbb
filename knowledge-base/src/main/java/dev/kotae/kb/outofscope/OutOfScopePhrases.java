package dev.kotae.kb.outofscope;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.kotae.kb.faq.InvalidInputException;
import dev.kotae.kb.faq.InvalidInputException.Violation;
import dev.kotae.kb.faq.Language;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores out-of-scope phrases in the {@code out_of_scope_phrase} table. A phrase is unique per
 * language after normalisation (Unicode NFKC, trimmed, inner white space collapsed); adding one that exists
 * is not an error and changes nothing.
 */
@Service
public class OutOfScopePhrases {

	/** Longest phrase, in characters. */
	public static final int MAX_TEXT = 1000;

	/** Most phrases one call may add. */
	public static final int MAX_PER_CALL = 10_000;

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	OutOfScopePhrases(JdbcClient jdbc, ApplicationEventPublisher events, ObjectProvider<Clock> clock) {
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock.getIfAvailable(Clock::systemUTC);
	}

	/** A phrase to add; {@code locale} may be {@code null} to detect it from the text. */
	public record NewPhrase(String text, String locale) {
	}

	/** What {@link #add} did. */
	public record AddResult(int added, int alreadyPresent) {
	}

	@Transactional(readOnly = true)
	public List<OutOfScopePhrase> all() {
		return this.jdbc.sql("SELECT id, locale, phrase, created_at FROM out_of_scope_phrase ORDER BY id")
			.query((rs, row) -> new OutOfScopePhrase(rs.getLong("id"),
					Language.parse(rs.getString("locale")).orElseThrow(), rs.getString("phrase"),
					rs.getObject("created_at", OffsetDateTime.class).toInstant()))
			.list();
	}

	/**
	 * Adds phrases, all or none: any invalid phrase rejects the whole call with every violation
	 * (field {@code phrases[i].text} or {@code phrases[i].locale}).
	 */
	@Transactional
	public AddResult add(List<NewPhrase> phrases) {
		Map<String, Language> clean = check(phrases);
		int added = 0;
		for (Map.Entry<String, Language> phrase : clean.entrySet()) {
			String text = phrase.getKey().substring(phrase.getKey().indexOf('\n') + 1);
			boolean exists = this.jdbc.sql("SELECT COUNT(*) FROM out_of_scope_phrase WHERE locale = ? AND phrase = ?")
				.params(phrase.getValue().code(), text)
				.query(Long.class)
				.single() > 0;
			if (!exists) {
				this.jdbc.sql("INSERT INTO out_of_scope_phrase (locale, phrase, created_at) VALUES (?, ?, ?)")
					.params(phrase.getValue().code(), text, this.clock.instant().atOffset(ZoneOffset.UTC))
					.update();
				added++;
			}
		}
		if (added > 0) {
			this.events.publishEvent(new OutOfScopePhrasesChanged());
		}
		return new AddResult(added, phrases.size() - added);
	}

	@Transactional
	public void delete(long id) {
		if (this.jdbc.sql("DELETE FROM out_of_scope_phrase WHERE id = ?").param(id).update() == 0) {
			throw new OutOfScopePhraseNotFoundException(id);
		}
		this.events.publishEvent(new OutOfScopePhrasesChanged());
	}

	/** A short digest of every phrase, for telling whether a model trained on them is current. */
	public static String digest(List<OutOfScopePhrase> phrases) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			for (OutOfScopePhrase phrase : phrases) {
				digest.update((phrase.locale().code() + "\t" + phrase.text() + "\n").getBytes(StandardCharsets.UTF_8));
			}
			return HexFormat.of().formatHex(digest.digest(), 0, 12);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Valid phrases keyed by "locale\ntext" (so duplicates within the call collapse), or every violation. */
	private static Map<String, Language> check(List<NewPhrase> phrases) {
		List<Violation> violations = new ArrayList<>();
		if (phrases == null || phrases.isEmpty() || phrases.size() > MAX_PER_CALL) {
			throw new InvalidInputException(
					List.of(new Violation("phrases", "give 1 to " + MAX_PER_CALL + " phrases")));
		}
		Map<String, Language> clean = new LinkedHashMap<>();
		for (int i = 0; i < phrases.size(); i++) {
			NewPhrase phrase = phrases.get(i);
			String field = "phrases[" + i + "]";
			String text = (phrase == null || phrase.text() == null) ? ""
					: Normalizer.normalize(phrase.text(), Normalizer.Form.NFKC).strip().replaceAll("\\s+", " ");
			if (text.isEmpty() || text.length() > MAX_TEXT) {
				violations.add(new Violation(field + ".text", "must be 1 to " + MAX_TEXT + " characters"));
				continue;
			}
			Language language;
			if (phrase.locale() == null || phrase.locale().isBlank()) {
				language = Language.detect(text);
			}
			else {
				language = Language.parse(phrase.locale()).orElse(null);
				if (language == null) {
					violations.add(new Violation(field + ".locale",
							"unknown locale '" + phrase.locale() + "'; use 'ja' or 'en'"));
					continue;
				}
			}
			clean.put(language.code() + "\n" + text, language);
		}
		if (!violations.isEmpty()) {
			throw new InvalidInputException(violations);
		}
		return clean;
	}

}
