package dev.kotae.channels.line;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.kotae.channels.delivery.PollingWorker;
import dev.kotae.channels.delivery.RetryPolicy;
import dev.kotae.channels.line.LineOutbox.Push;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * Sends the push outbox to LINE on one thread per node: every {@link RetryPolicy#poll() poll} (and at once when
 * something is queued), claims the due pushes and sends them, each with its own
 * {@code X-Line-Retry-Key} on every attempt. A push is marked sent once LINE answered 2xx, or 409:
 * LINE already accepted a push with that key (an earlier attempt whose answer was lost), so the user
 * sees it once. On HTTP 429 it waits as long as {@code Retry-After} says; on a 5xx or an I/O error it
 * backs off exponentially (by default 1 s, doubling, at most 5 min, giving up after 35 attempts:
 * {@code kotae.line.outbox.*}), so an outage of minutes or an hour loses nothing; any other 4xx (a bad token, a user who blocked the
 * account…) fails it at once, logged with the status and never with the text.
 * <p>
 * Timing uses the real clock, not the application's business clock.
 */
class LineSender implements DisposableBean {

	/** A claimed push not finished within this is taken as abandoned (well above the HTTP time-out). */
	static final Duration LEASE = Duration.ofMinutes(2);

	static final Duration KEEP_SENT = Duration.ofDays(7);

	private static final Logger log = LoggerFactory.getLogger(LineSender.class);

	private final LineOutbox outbox;

	private final LineApi api;

	private final Clock clock;

	private final RetryPolicy retry;

	private final PollingWorker worker;

	private Instant lastPurge = Instant.EPOCH;

	LineSender(LineOutbox outbox, LineApi api, RetryPolicy retry, Clock clock) {
		this.outbox = outbox;
		this.api = api;
		this.retry = retry;
		this.clock = clock;
		this.worker = new PollingWorker("kotae-line-outbox", retry.poll(), this::poll);
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
			if (attempt >= this.retry.maxAttempts()) {
				log.error("LINE outbox: push {} given up after {} attempts: {}", push.id(), attempt, ex.getMessage());
				this.outbox.fail(push.id(), ex.getMessage());
				return;
			}
			Duration wait = (ex.retryAfter() != null) ? ex.retryAfter() : this.retry.backoff(attempt);
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
