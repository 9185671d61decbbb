package dev.kotae.channels.line;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code line_event} table: every webhook event received, once per {@code webhookEventId}, so
 * that a redelivered event is not processed again. An event is stored {@code processing} (claimed by
 * the node that received it) before LINE gets its 200, then becomes {@code done} (its payload, which
 * holds what the user wrote, is cleared), or {@code pending} to be tried again, or {@code failed}.
 */
class LineEventLog {

	/** Events at most this many per poll. */
	static final int BATCH = 20;

	private final JdbcClient jdbc;

	LineEventLog(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A stored event. */
	record StoredEvent(String webhookEventId, String type, String lineUserId, String payload, int attempts,
			Instant receivedAt) {
	}

	/**
	 * Stores an event as claimed by this node, unless one with its id was stored before (two at once:
	 * the primary key lets one in).
	 * @return whether it is new
	 */
	boolean receive(String webhookEventId, String type, String lineUserId, String payload, Instant now) {
		try {
			return this.jdbc
				.sql("INSERT INTO line_event (webhook_event_id, type, line_user_id, payload, status, attempts, "
						+ "next_attempt_at, claimed_at, received_at) SELECT ?, ?, ?, ?, 'processing', 1, ?, ?, ? "
						+ "WHERE NOT EXISTS (SELECT 1 FROM line_event WHERE webhook_event_id = ?)")
				.params(webhookEventId, type, lineUserId, payload, utc(now), utc(now), utc(now), webhookEventId)
				.update() == 1;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	Optional<StoredEvent> find(String webhookEventId) {
		return this.jdbc
			.sql("SELECT webhook_event_id, type, line_user_id, payload, attempts, received_at FROM line_event "
					+ "WHERE webhook_event_id = ?")
			.param(webhookEventId)
			.query((rs, row) -> new StoredEvent(rs.getString("webhook_event_id"), rs.getString("type"),
					rs.getString("line_user_id"), rs.getString("payload"), rs.getInt("attempts"),
					rs.getObject("received_at", OffsetDateTime.class).toInstant()))
			.optional();
	}

	/** An event to try again. */
	record Due(String webhookEventId, String lineUserId) {
	}

	/** Events due to be tried again, oldest first. */
	List<Due> due(Instant now) {
		return this.jdbc
			.sql("SELECT webhook_event_id, line_user_id FROM line_event WHERE status = 'pending' AND next_attempt_at <= ? "
					+ "ORDER BY received_at FETCH FIRST " + BATCH + " ROWS ONLY")
			.param(utc(now))
			.query((rs, row) -> new Due(rs.getString("webhook_event_id"), rs.getString("line_user_id")))
			.list();
	}

	/**
	 * Takes a pending event for this node if it is due; of several nodes exactly one gets it. An event
	 * another node tried meanwhile and put back for later is not due, though it was when this node
	 * listed it.
	 * @return whether this node got it
	 */
	boolean claim(String webhookEventId, Instant now) {
		return this.jdbc
			.sql("UPDATE line_event SET status = 'processing', claimed_at = ?, attempts = attempts + 1 "
					+ "WHERE webhook_event_id = ? AND status = 'pending' AND next_attempt_at <= ?")
			.params(utc(now), webhookEventId, utc(now))
			.update() == 1;
	}

	/** Processed: forgets the payload. */
	void done(String webhookEventId, Instant now) {
		this.jdbc
			.sql("UPDATE line_event SET status = 'done', payload = NULL, processed_at = ?, last_error = NULL "
					+ "WHERE webhook_event_id = ?")
			.params(utc(now), webhookEventId)
			.update();
	}

	/** Try again at {@code at}. */
	void retry(String webhookEventId, Instant at, String error) {
		this.jdbc
			.sql("UPDATE line_event SET status = 'pending', next_attempt_at = ?, last_error = ? "
					+ "WHERE webhook_event_id = ? AND status = 'processing'")
			.params(utc(at), truncate(error), webhookEventId)
			.update();
	}

	/** Never process it: forgets the payload. */
	void fail(String webhookEventId, String error, Instant now) {
		this.jdbc
			.sql("UPDATE line_event SET status = 'failed', payload = NULL, processed_at = ?, last_error = ? "
					+ "WHERE webhook_event_id = ?")
			.params(utc(now), truncate(error), webhookEventId)
			.update();
	}

	/**
	 * Puts events back that a node claimed before {@code claimedBefore} and never finished (it stopped
	 * while processing, or before it started).
	 * @return how many
	 */
	int recover(Instant claimedBefore) {
		return this.jdbc
			.sql("UPDATE line_event SET status = 'pending' WHERE status = 'processing' AND claimed_at < ?")
			.param(utc(claimedBefore))
			.update();
	}

	/** Forgets events finished before {@code before} (a redelivery after that is processed again). */
	int purge(Instant before) {
		return this.jdbc
			.sql("DELETE FROM line_event WHERE status IN ('done', 'failed') AND processed_at < ?")
			.param(utc(before))
			.update();
	}

	private static String truncate(String error) {
		return (error == null || error.length() <= 200) ? error : error.substring(0, 200);
	}

	static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
