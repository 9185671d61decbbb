package dev.kotae.bot.handoff;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.kotae.bot.cluster.Leases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Checks the queue every {@value #PERIOD_SECONDS} seconds for hand-offs waiting longer than the SLA
 * ({@link Handoffs#checkSla()} flags each once, so several nodes never alert twice). Of several nodes
 * one checks at a time, under the lease {@value #LEASE}.
 */
@Component
class SlaMonitor implements DisposableBean {

	static final int PERIOD_SECONDS = 5;

	private static final Logger log = LoggerFactory.getLogger(SlaMonitor.class);

	/** The lease under which one node of several checks. */
	static final String LEASE = "handoff-sla";

	private final Handoffs handoffs;

	private final Leases leases;

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor((r) -> {
		Thread thread = new Thread(r, "kotae-handoff-sla");
		thread.setDaemon(true);
		return thread;
	});

	SlaMonitor(Handoffs handoffs, Leases leases) {
		this.handoffs = handoffs;
		this.leases = leases;
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		this.timer.scheduleWithFixedDelay(this::check, PERIOD_SECONDS, PERIOD_SECONDS, TimeUnit.SECONDS);
	}

	private void check() {
		try {
			// one node of several checks; another takes over within three periods if it stops
			if (!this.leases.tryAcquire(LEASE, Duration.ofSeconds(3L * PERIOD_SECONDS))) {
				return;
			}
			this.handoffs.checkSla()
				.forEach((h) -> log.warn("Hand-off {} has waited longer than {}", h.id(), this.handoffs.properties().sla()));
		}
		catch (RuntimeException ex) {
			log.error("Checking the hand-off SLA failed", ex);
		}
	}

	@Override
	public void destroy() {
		this.timer.shutdownNow();
	}

}
