package dev.kotae.channels.line;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code line_outbox} table: pushes waiting to be sent, in order per LINE user, each with the
 * {@code X-Line-Retry-Key} it is sent with on every attempt. A row is {@code pending} until one node
 * claims it ({@code sending}) with a conditional update, then {@code sent} once LINE accepted it, or
 * {@code failed} for good.
 */
class LineOutbox {

	/** Rows at most this many per poll. */
	static final int BATCH = 20;

	private final JdbcClient jdbc;

	LineOutbox(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Why a push was queued. */
	enum Origin {

		/** An agent's message or a system notice (an agent joined, the chat was closed…). */
		AGENT,
		/** A reply that could not use its reply token. */
		REPLY_FALLBACK;

		String code() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

	/** One queued push. */
	record Push(long id, String lineUserId, UUID retryKey, String body, int attempts) {
	}

	/**
	 * Queues a push (in the caller's transaction, if any), unless one with the same retry key was
	 * queued before (the same message queued twice, e.g. an event processed again).
	 * @return whether it was queued now
	 */
	boolean enqueue(String lineUserId, UUID retryKey, Origin origin, String body, Instant now) {
		try {
			// insert-if-absent without a failing statement, which would spoil a PostgreSQL transaction
			return this.jdbc
				.sql("INSERT INTO line_outbox (line_user_id, retry_key, origin, body, status, attempts, next_attempt_at, "
						+ "created_at) SELECT ?, ?, ?, ?, 'pending', 0, ?, ? WHERE NOT EXISTS (SELECT 1 FROM line_outbox "
						+ "WHERE retry_key = ?)")
				.params(lineUserId, retryKey.toString(), origin.code(), body, utc(now), utc(now), retryKey.toString())
				.update() == 1;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	/**
	 * Pushes that are due, oldest first: for each user only the first one not sent or failed yet, so
	 * that a user gets them one at a time and in order.
	 */
	List<Push> due(Instant now) {
		return this.jdbc
			.sql("SELECT id, line_user_id, retry_key, body, attempts FROM line_outbox o WHERE o.status = 'pending' "
					+ "AND o.next_attempt_at <= ? AND NOT EXISTS (SELECT 1 FROM line_outbox e WHERE "
					+ "e.line_user_id = o.line_user_id AND e.id < o.id AND e.status IN ('pending', 'sending')) "
					+ "ORDER BY o.id FETCH FIRST " + BATCH + " ROWS ONLY")
			.param(utc(now))
			.query((rs, row) -> new Push(rs.getLong("id"), rs.getString("line_user_id"),
					UUID.fromString(rs.getString("retry_key")), rs.getString("body"), rs.getInt("attempts")))
			.list();
	}

	/**
	 * Takes a pending push for this node if it is due; of several nodes exactly one gets it. A push
	 * another node tried meanwhile and put back for later is not due, though it was when this node
	 * listed it.
	 * @return whether this node got it
	 */
	boolean claim(long id, Instant now) {
		return this.jdbc
			.sql("UPDATE line_outbox SET status = 'sending', claimed_at = ?, attempts = attempts + 1 WHERE id = ? "
					+ "AND status = 'pending' AND next_attempt_at <= ?")
			.params(utc(now), id, utc(now))
			.update() == 1;
	}

	/** LINE accepted it. */
	void sent(long id, Instant now) {
		this.jdbc
			.sql("UPDATE line_outbox SET status = 'sent', sent_at = ?, last_error = NULL WHERE id = ? "
					+ "AND status = 'sending'")
			.params(utc(now), id)
			.update();
	}

	/** Try again at {@code at}. */
	void retry(long id, Instant at, String error) {
		this.jdbc
			.sql("UPDATE line_outbox SET status = 'pending', next_attempt_at = ?, last_error = ? WHERE id = ? "
					+ "AND status = 'sending'")
			.params(utc(at), truncate(error), id)
			.update();
	}

	/** Never send it. */
	void fail(long id, String error) {
		this.jdbc.sql("UPDATE line_outbox SET status = 'failed', last_error = ? WHERE id = ?")
			.params(truncate(error), id)
			.update();
	}

	/**
	 * Drops what is still waiting for a user (who blocked the account: LINE would refuse it).
	 * @return how many
	 */
	int cancel(String lineUserId, String reason) {
		return this.jdbc
			.sql("UPDATE line_outbox SET status = 'failed', last_error = ? WHERE line_user_id = ? AND status = 'pending'")
			.params(reason, lineUserId)
			.update();
	}

	/**
	 * Puts pushes back that a node claimed before {@code claimedBefore} and never finished.
	 * @return how many
	 */
	int recover(Instant claimedBefore) {
		return this.jdbc
			.sql("UPDATE line_outbox SET status = 'pending' WHERE status = 'sending' AND claimed_at < ?")
			.param(utc(claimedBefore))
			.update();
	}

	/** Forgets pushes sent before {@code before}. */
	int purge(Instant before) {
		return this.jdbc.sql("DELETE FROM line_outbox WHERE status = 'sent' AND sent_at < ?")
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
