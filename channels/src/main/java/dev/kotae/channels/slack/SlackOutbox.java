package dev.kotae.channels.slack;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * The {@code slack_outbox} table: Slack Web API calls waiting to be sent, in order per hand-off. A
 * row is {@code pending} until one node claims it ({@code sending}) with a conditional update, then
 * {@code sent} once Slack said {@code ok}, or {@code failed} for good.
 */
class SlackOutbox {

	/** Rows at most this many per poll. */
	static final int BATCH = 20;

	private static final String COLUMNS = "id, handoff_id, method, parent, body, attempts";

	private final JdbcClient jdbc;

	SlackOutbox(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** What a call needs of its hand-off's parent message. */
	enum Parent {

		/** Nothing (e.g. an ephemeral message outside the thread). */
		NONE,
		/** It posts the parent: its channel and ts are stored when Slack answers. */
		CREATES,
		/** It goes into the thread: {@code channel} and {@code thread_ts} are set when sent. */
		THREAD,
		/** It edits the parent ({@code chat.update}): {@code channel} and {@code ts} are set when sent. */
		EDITS;

		String code() {
			return name().toLowerCase(Locale.ROOT);
		}

		static Parent of(String code) {
			return valueOf(code.toUpperCase(Locale.ROOT));
		}

	}

	/** One queued call. */
	record Call(long id, long handoffId, String method, Parent parent, String body, int attempts) {
	}

	/** Queues a call (in the caller's transaction, if any). */
	long enqueue(long handoffId, String method, Parent parent, String body, Instant now) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc
			.sql("INSERT INTO slack_outbox (handoff_id, method, parent, body, status, attempts, next_attempt_at, "
					+ "created_at) VALUES (?, ?, ?, ?, 'pending', 0, ?, ?)")
			.params(handoffId, method, parent.code(), body, utc(now), utc(now))
			.update(keys, "id");
		return keys.getKeyAs(Number.class).longValue();
	}

	/**
	 * Calls that are due, oldest first: for each hand-off only its first call not sent or failed yet,
	 * so calls go out one at a time and in order (a thread reply never overtakes its parent).
	 */
	List<Call> due(Instant now) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM slack_outbox o WHERE o.status = 'pending' AND o.next_attempt_at <= ? "
					+ "AND NOT EXISTS (SELECT 1 FROM slack_outbox e WHERE e.handoff_id = o.handoff_id AND e.id < o.id "
					+ "AND e.status IN ('pending', 'sending')) ORDER BY o.id FETCH FIRST " + BATCH + " ROWS ONLY")
			.param(utc(now))
			.query((rs, row) -> new Call(rs.getLong("id"), rs.getLong("handoff_id"), rs.getString("method"),
					Parent.of(rs.getString("parent")), rs.getString("body"), rs.getInt("attempts")))
			.list();
	}

	/**
	 * Takes a pending call for this node if it is due; of several nodes exactly one gets it. A call
	 * another node tried meanwhile and put back for later is not due, though it was when this node
	 * listed it.
	 * @return whether this node got it
	 */
	boolean claim(long id, Instant now) {
		return this.jdbc
			.sql("UPDATE slack_outbox SET status = 'sending', claimed_at = ?, attempts = attempts + 1 WHERE id = ? "
					+ "AND status = 'pending' AND next_attempt_at <= ?")
			.params(utc(now), id, utc(now))
			.update() == 1;
	}

	/** Slack said ok; {@code ts} is the posted message's, if any. */
	void sent(long id, String ts, Instant now) {
		this.jdbc
			.sql("UPDATE slack_outbox SET status = 'sent', sent_at = ?, ts = ?, last_error = NULL WHERE id = ? "
					+ "AND status = 'sending'")
			.params(utc(now), ts, id)
			.update();
	}

	/** Try again at {@code at}. */
	void retry(long id, Instant at, String error) {
		this.jdbc
			.sql("UPDATE slack_outbox SET status = 'pending', next_attempt_at = ?, last_error = ? WHERE id = ? "
					+ "AND status = 'sending'")
			.params(utc(at), truncate(error), id)
			.update();
	}

	/** Never send it. */
	void fail(long id, String error) {
		this.jdbc.sql("UPDATE slack_outbox SET status = 'failed', last_error = ? WHERE id = ?")
			.params(truncate(error), id)
			.update();
	}

	/**
	 * Puts calls back that a node claimed before {@code claimedBefore} and never finished (it stopped
	 * while sending).
	 * @return how many
	 */
	int recover(Instant claimedBefore) {
		return this.jdbc
			.sql("UPDATE slack_outbox SET status = 'pending' WHERE status = 'sending' AND claimed_at < ?")
			.param(utc(claimedBefore))
			.update();
	}

	/** Forgets calls sent before {@code before}. */
	int purge(Instant before) {
		return this.jdbc.sql("DELETE FROM slack_outbox WHERE status = 'sent' AND sent_at < ?")
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
