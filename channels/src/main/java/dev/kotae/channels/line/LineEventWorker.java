package dev.kotae.channels.line;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.bot.webhook.model.Event;
import dev.kotae.channels.line.LineEventLog.StoredEvent;
import dev.kotae.kb.faq.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * Processes stored webhook events after LINE got its 200: on {@link #LANES} single threads, a user's
 * events always on the same one, so that they are handled one at a time and in order. An event that
 * fails is tried again after a back-off ({@link #FIRST_BACKOFF}, doubling) up to
 * {@link #MAX_ATTEMPTS} times; every {@link #POLL} this worker also takes up events claimed more than
 * {@link #LEASE} ago and never finished (a node stopped), on whichever node gets them first.
 * Processing twice is harmless: the user's message has the event id as its client id.
 * <p>
 * Timing uses the real clock, not the application's business clock.
 */
class LineEventWorker implements DisposableBean {

	static final int LANES = 4;

	static final Duration POLL = Duration.ofSeconds(5);

	static final Duration FIRST_BACKOFF = Duration.ofSeconds(5);

	static final int MAX_ATTEMPTS = 5;

	/** A claimed event not finished within this is taken as abandoned. */
	static final Duration LEASE = Duration.ofMinutes(2);

	/** How long an event id is remembered against redelivery. */
	static final Duration KEEP = Duration.ofDays(7);

	private static final Logger log = LoggerFactory.getLogger(LineEventWorker.class);

	private final LineEventLog events;

	private final LineEventHandler handler;

	private final ObjectMapper mapper;

	private final Clock clock;

	private final ExecutorService[] lanes = new ExecutorService[LANES];

	private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor((r) -> {
		Thread thread = new Thread(r, "kotae-line-events-retry");
		thread.setDaemon(true);
		return thread;
	});

	private final AtomicBoolean started = new AtomicBoolean();

	private Instant lastPurge = Instant.EPOCH;

	LineEventWorker(LineEventLog events, LineEventHandler handler, ObjectMapper mapper, Clock clock) {
		this.events = events;
		this.handler = handler;
		this.mapper = mapper;
		this.clock = clock;
		for (int i = 0; i < LANES; i++) {
			String name = "kotae-line-events-" + i;
			this.lanes[i] = Executors.newSingleThreadExecutor((r) -> {
				Thread thread = new Thread(r, name);
				thread.setDaemon(true);
				return thread;
			});
		}
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		if (this.started.compareAndSet(false, true)) {
			this.poller.scheduleWithFixedDelay(this::poll, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	/**
	 * Processes a claimed event on its user's lane. If this node is shutting down, it stays claimed and
	 * is taken up again after {@link #LEASE}.
	 */
	void submit(String webhookEventId, String lineUserId) {
		try {
			this.lanes[Math.floorMod(lineUserId.hashCode(), LANES)].execute(() -> process(webhookEventId));
		}
		catch (RejectedExecutionException ex) {
			log.warn("LINE: event {} left for later: shutting down", webhookEventId);
		}
	}

	/** Takes up events to try again and abandoned ones; now and then forgets old ones. */
	void poll() {
		try {
			Instant now = this.clock.instant();
			int recovered = this.events.recover(now.minus(LEASE));
			if (recovered > 0) {
				log.warn("LINE: {} event(s) claimed more than {} ago and never finished were put back", recovered, LEASE);
			}
			for (LineEventLog.Due due : this.events.due(now)) {
				if (this.events.claim(due.webhookEventId(), this.clock.instant())) {
					submit(due.webhookEventId(), due.lineUserId());
				}
			}
			if (Duration.between(this.lastPurge, now).toHours() >= 1) {
				this.lastPurge = now;
				this.events.purge(now.minus(KEEP));
			}
		}
		catch (RuntimeException ex) {
			log.error("LINE: polling the events failed", ex);
		}
	}

	/** Processes one claimed event: done, to try again, or failed. */
	void process(String webhookEventId) {
		StoredEvent stored = this.events.find(webhookEventId).orElse(null);
		if (stored == null || stored.payload() == null) {
			return;
		}
		Event event;
		try {
			event = this.mapper.readValue(stored.payload(), Event.class);
		}
		catch (IOException | RuntimeException ex) {
			log.error("LINE: event {} ({}) cannot be read: {}; dropped", webhookEventId, stored.type(),
					ex.getClass().getSimpleName());
			this.events.fail(webhookEventId, "unreadable: " + ex.getClass().getSimpleName(), this.clock.instant());
			return;
		}
		try {
			this.handler.handle(event, stored.receivedAt());
			this.events.done(webhookEventId, this.clock.instant());
		}
		catch (InvalidInputException ex) {
			// what the event carries is what is wrong (or kotae.line.site-key names no site): trying again cannot help
			log.error("LINE: event {} ({}) refused: {}; dropped", webhookEventId, stored.type(), ex.getMessage());
			this.events.fail(webhookEventId, "invalid: " + ex.getClass().getSimpleName(), this.clock.instant());
		}
		catch (RuntimeException ex) {
			// exception messages can quote SQL values, i.e. what the user wrote: the class only, the trace at debug
			String error = ex.getClass().getSimpleName();
			log.debug("LINE: event {} failed", webhookEventId, ex);
			if (stored.attempts() >= MAX_ATTEMPTS) {
				log.error("LINE: event {} ({}) given up after {} attempts: {}", webhookEventId, stored.type(),
						stored.attempts(), error);
				this.events.fail(webhookEventId, error, this.clock.instant());
				return;
			}
			Duration wait = backoff(stored.attempts());
			log.warn("LINE: event {} ({}) failed, attempt {}: {}; trying again in {} s", webhookEventId, stored.type(),
					stored.attempts(), error, wait.toSeconds());
			this.events.retry(webhookEventId, this.clock.instant().plus(wait), error);
		}
	}

	/** The wait after attempt {@code attempt}: 5 s, 10 s, 20 s… */
	static Duration backoff(int attempt) {
		return FIRST_BACKOFF.multipliedBy(1L << Math.min(Math.max(attempt - 1, 0), 10));
	}

	@Override
	public void destroy() throws InterruptedException {
		this.poller.shutdownNow();
		for (ExecutorService lane : this.lanes) {
			lane.shutdown();
		}
		// what is left stays claimed in line_event and is taken up again after the lease
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LineApi.TIMEOUT.toSeconds() + 1);
		for (ExecutorService lane : this.lanes) {
			if (!lane.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
				lane.shutdownNow();
			}
		}
	}

}
