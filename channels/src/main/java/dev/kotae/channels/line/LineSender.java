package dev.kotae.channels.line;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.kotae.channels.delivery.PollingWorker;
import dev.kotae.channels.line.LineOutbox.Push;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * Sends the push outbox to LINE on one thread per node: every {@link #POLL} (and at once when
 * something is queued), claims the due pushes and sends them, each with its own
 * {@code X-Line-Retry-Key} on every attempt. A push is marked sent once LINE answered 2xx, or 409:
 * LINE already accepted a push with that key (an earlier attempt whose answer was lost), so the user
 * sees it once. On HTTP 429 it waits as long as {@code Retry-After} says; on a 5xx or an I/O error it
 * backs off exponentially ({@link #FIRST_BACKOFF}, doubling, at most {@link #MAX_BACKOFF}, giving up
 * after {@link #MAX_ATTEMPTS} attempts); any other 4xx (a bad token, a user who blocked the
 * account…) fails it at once, logged with the status and never with the text.
 * <p>
 * Timing uses the real clock, not the application's business clock.
 */
class LineSender implements DisposableBean {

	static final Duration POLL = Duration.ofMillis(500);

	static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);

	static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

	/** About two and a half hours of trying, well within the 24 hours LINE keeps a retry key. */
	static final int MAX_ATTEMPTS = 35;

	/** A claimed push not finished within this is taken as abandoned (well above the HTTP time-out). */
	static final Duration LEASE = Duration.ofMinutes(2);

	static final Duration KEEP_SENT = Duration.ofDays(7);

	private static final Logger log = LoggerFactory.getLogger(LineSender.class);

	private final LineOutbox outbox;

	private final LineApi api;

	private final Clock clock;

	private final PollingWorker worker = new PollingWorker("kotae-line-outbox", POLL, this::poll);

	private Instant lastPurge = Instant.EPOCH;

	LineSender(LineOutbox outbox, LineApi api, Clock clock) {
		this.outbox = outbox;
		this.api = api;
		this.clock = clock;
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		this.worker.start();
	}

	/** Sends what is due now rather than at the next poll (after something was queued). */
	void wake() {
		this.worker.wake();
	}

	/** One round: recovers abandoned pushes, sends what is due until nothing is, now and then purges. */
	void poll() {
		try {
			int recovered = this.outbox.recover(this.clock.instant().minus(LEASE));
			if (recovered > 0) {
				log.warn("LINE outbox: {} push(es) claimed more than {} ago were put back (a node stopped while "
						+ "sending); LINE drops a second copy by its retry key", recovered, LEASE);
			}
			List<Push> due;
			while (!(due = this.outbox.due(this.clock.instant())).isEmpty() && !Thread.currentThread().isInterrupted()) {
				due.forEach(this::send);
			}
			purge();
		}
		catch (RuntimeException ex) {
			log.error("LINE outbox: polling failed", ex);
		}
	}

	private void send(Push push) {
		if (!this.outbox.claim(push.id(), this.clock.instant())) {
			return; // another node has it
		}
		int attempt = push.attempts() + 1;
		try {
			this.api.push(push.retryKey(), push.body());
			this.outbox.sent(push.id(), this.clock.instant());
		}
		catch (RetriableLineException ex) {
			if (attempt >= MAX_ATTEMPTS) {
				log.error("LINE outbox: push {} given up after {} attempts: {}", push.id(), attempt, ex.getMessage());
				this.outbox.fail(push.id(), ex.getMessage());
				return;
			}
			Duration wait = (ex.retryAfter() != null) ? ex.retryAfter() : backoff(attempt);
			log.warn("LINE outbox: push {} failed, attempt {}: {}; trying again in {} s with the same retry key",
					push.id(), attempt, ex.getMessage(), wait.toSeconds());
			this.outbox.retry(push.id(), this.clock.instant().plus(wait), ex.getMessage());
		}
		catch (NonRetriableLineException ex) {
			log.error("LINE outbox: push {} refused by LINE: {}; not sent (check kotae.line.channel-token, or the "
					+ "user blocked the account)", push.id(), ex.getMessage());
			this.outbox.fail(push.id(), ex.getMessage());
		}
	}

	/** The wait before attempt {@code attempt + 1}: 1 s, 2 s, 4 s… at most {@link #MAX_BACKOFF}. */
	static Duration backoff(int attempt) {
		int doublings = Math.min(Math.max(attempt - 1, 0), 20);
		Duration wait = FIRST_BACKOFF.multipliedBy(1L << doublings);
		return (wait.compareTo(MAX_BACKOFF) > 0) ? MAX_BACKOFF : wait;
	}

	private void purge() {
		Instant now = this.clock.instant();
		if (Duration.between(this.lastPurge, now).toHours() >= 1) {
			this.lastPurge = now;
			this.outbox.purge(now.minus(KEEP_SENT));
		}
	}

	@Override
	public void destroy() throws InterruptedException {
		this.worker.stop(LineApi.TIMEOUT.plusSeconds(1));
	}

}
