package dev.kotae.channels.slack;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.kotae.channels.delivery.PollingWorker;
import dev.kotae.channels.delivery.RetryPolicy;
import dev.kotae.channels.slack.SlackOutbox.Call;
import dev.kotae.channels.slack.SlackOutbox.Parent;
import dev.kotae.channels.slack.SlackThreads.SlackThread;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the outbox to Slack on one thread per node: every {@link RetryPolicy#poll() poll} (and at once when something
 * is queued), claims the due calls and sends them. A call is marked sent only after Slack answered
 * {@code ok}; then a parent message's channel and ts are stored, which its thread replies and
 * updates wait for. On HTTP 429 it waits as long as {@code Retry-After} says; on a 5xx, an I/O error
 * or a temporary error code it backs off exponentially (by default 1 s, doubling, at most
 * 5 min, giving up after 30 attempts: {@code kotae.slack.outbox.*}); on any other
 * {@code ok:false} (e.g. {@code invalid_auth}, {@code channel_not_found}) it gives up at once and
 * logs Slack's error code.
 * <p>
 * Nothing is sent twice in normal operation. The one unavoidable case: Slack accepted a call but its
 * answer was lost (a time-out, a broken connection, or this node stopped before marking the call
 * sent, after which another node takes it up after {@link #LEASE}); then the call is sent again, and
 * a message can appear twice in Slack.
 * <p>
 * Timing uses the real clock, not the application's business clock.
 */
class SlackSender implements DisposableBean {

	/** A claimed call not finished within this is taken as abandoned (well above the HTTP time-out). */
	static final Duration LEASE = Duration.ofMinutes(2);

	static final Duration KEEP_SENT = Duration.ofDays(7);

	static final Duration KEEP_INBOUND = Duration.ofDays(1);

	private static final Logger log = LoggerFactory.getLogger(SlackSender.class);

	private final SlackOutbox outbox;

	private final SlackThreads threads;

	private final SlackWebApi api;

	private final JsonMapper json;

	private final TransactionTemplate tx;

	private final Clock clock;

	private final RetryPolicy retry;

	private final PollingWorker worker;

	private Instant lastPurge = Instant.EPOCH;

	SlackSender(SlackOutbox outbox, SlackThreads threads, SlackWebApi api, JsonMapper json,
			PlatformTransactionManager transactions, RetryPolicy retry, Clock clock) {
		this.outbox = outbox;
		this.threads = threads;
		this.api = api;
		this.json = json;
		this.tx = new TransactionTemplate(transactions);
		this.retry = retry;
		this.clock = clock;
		this.worker = new PollingWorker("kotae-slack-outbox", retry.poll(), this::poll);
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		this.worker.start();
	}

	/** Sends what is due now rather than at the next poll (after something was queued). */
	void wake() {
		this.worker.wake();
	}

	/** One round: recovers abandoned calls, sends what is due until nothing is, now and then purges. */
	void poll() {
		try {
			Instant now = this.clock.instant();
			int recovered = this.outbox.recover(now.minus(LEASE));
			if (recovered > 0) {
				log.warn("Slack outbox: {} call(s) claimed more than {} ago were put back (a node stopped while "
						+ "sending); they may be sent twice", recovered, LEASE);
			}
			List<Call> due;
			while (!(due = this.outbox.due(this.clock.instant())).isEmpty() && !Thread.currentThread().isInterrupted()) {
				due.forEach(this::send);
			}
			purge();
		}
		catch (RuntimeException ex) {
			log.error("Slack outbox: polling failed", ex);
		}
	}

	private void send(Call call) {
		if (!this.outbox.claim(call.id(), this.clock.instant())) {
			return; // another node has it
		}
		ObjectNode body = (ObjectNode) this.json.readTree(call.body());
		if (call.parent() == Parent.THREAD || call.parent() == Parent.EDITS) {
			Optional<SlackThread> thread = this.threads.find(call.handoffId()).filter((t) -> t.ts() != null);
			if (thread.isEmpty()) {
				log.error("Slack outbox: {} (call {}, hand-off {}) dropped: the hand-off's Slack message was never "
						+ "posted", call.method(), call.id(), call.handoffId());
				this.outbox.fail(call.id(), "no_parent_message");
				return;
			}
			body.put("channel", thread.get().channel());
			body.put((call.parent() == Parent.THREAD) ? "thread_ts" : "ts", thread.get().ts());
		}
		try {
			JsonNode answer = this.api.call(call.method(), this.json.writeValueAsString(body));
			String ts = answer.path("ts").asString(null);
			this.tx.executeWithoutResult((s) -> {
				this.outbox.sent(call.id(), ts, this.clock.instant());
				if (call.parent() == Parent.CREATES) {
					this.threads.posted(call.handoffId(), answer.path("channel").asString(body.path("channel").asString()),
							ts);
				}
			});
		}
		catch (RetriableSlackException ex) {
			if (call.attempts() + 1 >= this.retry.maxAttempts()) {
				log.error("Slack outbox: {} (call {}, hand-off {}) given up after {} attempts: {}", call.method(),
						call.id(), call.handoffId(), call.attempts() + 1, ex.getMessage());
				this.outbox.fail(call.id(), ex.getMessage());
				return;
			}
			Duration wait = (ex.retryAfter() != null) ? ex.retryAfter() : this.retry.backoff(call.attempts() + 1);
			log.warn("Slack outbox: {} (call {}, hand-off {}) failed, attempt {}: {}; trying again in {} s",
					call.method(), call.id(), call.handoffId(), call.attempts() + 1, ex.getMessage(), wait.toSeconds());
			this.outbox.retry(call.id(), this.clock.instant().plus(wait), ex.getMessage());
		}
		catch (NonRetriableSlackException ex) {
			log.error("Slack outbox: {} (call {}, hand-off {}) refused by Slack: {}; not sent (check kotae.slack.*)",
					call.method(), call.id(), call.handoffId(), ex.error());
			this.outbox.fail(call.id(), ex.error());
		}
	}

	private void purge() {
		Instant now = this.clock.instant();
		if (Duration.between(this.lastPurge, now).toHours() >= 1) {
			this.lastPurge = now;
			this.outbox.purge(now.minus(KEEP_SENT));
			this.threads.purgeInbound(now.minus(KEEP_INBOUND));
		}
	}

	@Override
	public void destroy() throws InterruptedException {
		this.worker.stop(SlackWebApi.TIMEOUT.plusSeconds(1));
	}

}
