package dev.kotae.bot.analytics;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;

import dev.kotae.bot.handoff.BusinessHours;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * Writes one conversation and what happened in it straight into the tables, one second apart,
 * for analytics tests: {@code rows.conversation("c1", "2026-11-02T10:00").text().answer("en-1", true)}.
 */
final class ConversationRows {

	private final JdbcClient jdbc;

	private final String id;

	private Instant now;

	private long lastUserMessage;

	private ConversationRows(JdbcClient jdbc, String id, Instant start) {
		this.jdbc = jdbc;
		this.id = id;
		this.now = start;
	}

	/** Starts writing conversations of {@code siteKey} in {@code zone} (the team's time zone). */
	static Factory in(JdbcClient jdbc, ZoneId zone, BusinessHours hours) {
		return new Factory(jdbc, zone, hours);
	}

	/** Creates conversations; marks those started outside {@code hours} as after hours, as the app does. */
	record Factory(JdbcClient jdbc, ZoneId zone, BusinessHours hours) {

		void site(String key) {
			this.jdbc.sql("INSERT INTO site (site_key, name, allowed_origins, default_locale, created_at) "
					+ "VALUES (?, ?, '', 'en', ?)").params(key, key, utc(Instant.EPOCH)).update();
		}

		/** A web conversation on the site {@code demo}, started at a local time of the team's zone. */
		ConversationRows conversation(String id, String localTime) {
			return conversation(id, localTime, "web", "demo");
		}

		ConversationRows conversation(String id, String localTime, String channel, String siteKey) {
			Instant start = LocalDateTime.parse(localTime).atZone(this.zone).toInstant();
			this.jdbc
				.sql("INSERT INTO conversation (id, site_key, channel, locale, token_hash, created_at, status, after_hours) "
						+ "VALUES (?, ?, ?, 'en', ?, ?, 'bot', ?)")
				.params(id, siteKey, channel, UUID.randomUUID().toString().replace("-", ""), utc(start),
						!this.hours.isOpen(start))
				.update();
			ConversationRows rows = new ConversationRows(this.jdbc, id, start);
			return rows.message("bot", "greeting", null, null, null, null);
		}

	}

	/** The user typed something. */
	ConversationRows text() {
		return user("text");
	}

	/** The user picked an FAQ. */
	ConversationRows choice() {
		return user("choice");
	}

	/** The user pressed "talk to a person". */
	ConversationRows humanRequest() {
		return user("human_request");
	}

	/** The bot answered the last user message with an FAQ; {@code helpful} is the user's vote, if any. */
	ConversationRows answer(String faqId, Boolean helpful) {
		return message("bot", "answer", this.lastUserMessage, faqId, null, helpful);
	}

	/** The bot answered a picked FAQ. */
	ConversationRows picked(String faqId, Boolean helpful) {
		return message("bot", "answer", this.lastUserMessage, faqId, "picked", helpful);
	}

	ConversationRows choices() {
		return message("bot", "choices", this.lastUserMessage, null, null, null);
	}

	ConversationRows smalltalk(String intent) {
		return message("bot", "smalltalk", this.lastUserMessage, null, intent, null);
	}

	/** The bot escalated the last user message. */
	ConversationRows escalate(String reason) {
		return message("bot", "escalate", this.lastUserMessage, null, reason, null);
	}

	/** The bot escalated on its own (after "not helpful" votes): a reply to no message. */
	ConversationRows escalateUnprompted(String reason) {
		return message("bot", "escalate", null, null, reason, null);
	}

	/** The bot told the waiting user where they are in the queue. */
	ConversationRows queued() {
		return message("bot", "queued", this.lastUserMessage, null, null, null);
	}

	ConversationRows agent(String name) {
		message("agent", "text", null, null, name, null);
		return message("system", "notice", null, null, "agent_joined", null);
	}

	/**
	 * A hand-off requested now.
	 * @param firstResponse time to the first agent message; {@code null} for none yet
	 */
	ConversationRows handoff(String reason, String status, Duration firstResponse) {
		tick();
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc
			.sql("INSERT INTO handoff (conversation_id, status, reason, requested_at, first_response_at, "
					+ "first_response_ms) VALUES (?, ?, ?, ?, ?, ?)")
			.params(this.id, status, reason, utc(this.now),
					(firstResponse != null) ? utc(this.now.plus(firstResponse)) : null,
					(firstResponse != null) ? firstResponse.toMillis() : null)
			.update(keys, "id");
		this.jdbc
			.sql("INSERT INTO conversation_event (conversation_id, handoff_id, type, detail, at) "
					+ "VALUES (?, ?, 'HandoffRequested', ?, ?)")
			.params(this.id, keys.getKeyAs(Number.class).longValue(), reason, utc(this.now))
			.update();
		if (firstResponse != null) {
			this.now = this.now.plus(firstResponse);
		}
		return this;
	}

	/** The end-of-chat survey. */
	ConversationRows rated(int score, Integer nps) {
		this.jdbc.sql("UPDATE conversation SET rating_score = ?, nps_score = ?, rated_at = ? WHERE id = ?")
			.params(score, nps, utc(tick()), this.id)
			.update();
		return this;
	}

	private ConversationRows user(String kind) {
		message("user", kind, null, null, null, null);
		return this;
	}

	private ConversationRows message(String sender, String kind, Long replyTo, String faqId, String reason,
			Boolean helpful) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc
			.sql("INSERT INTO message (conversation_id, sender, kind, body, reply_to, faq_id, decision_reason, "
					+ "created_at, helpful) VALUES (?, ?, ?, '…', ?, ?, ?, ?, ?)")
			.params(this.id, sender, kind, replyTo, faqId, reason, utc(tick()), helpful)
			.update(keys, "id");
		if (sender.equals("user")) {
			this.lastUserMessage = keys.getKeyAs(Number.class).longValue();
		}
		return this;
	}

	private Instant tick() {
		this.now = this.now.plusSeconds(1);
		return this.now;
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
