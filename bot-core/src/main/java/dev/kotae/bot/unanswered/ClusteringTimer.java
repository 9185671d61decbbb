package dev.kotae.bot.unanswered;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Every {@code kotae.unanswered.refresh-period}, lets {@link UnansweredQuestions} take in new questions
 * and write the clusters, which it does only on the node holding (or able to take) the clustering
 * lease; so the lease holder renews it, and another node takes over when its holder stops.
 */
@Component
class ClusteringTimer implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(ClusteringTimer.class);

	private final UnansweredQuestions questions;

	private final long periodMillis;

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor((r) -> {
		Thread thread = new Thread(r, "kotae-unanswered-clustering");
		thread.setDaemon(true);
		return thread;
	});

	ClusteringTimer(UnansweredQuestions questions, UnansweredProperties properties) {
		this.questions = questions;
		this.periodMillis = properties.refreshPeriod().toMillis();
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		this.timer.scheduleWithFixedDelay(this::refresh, this.periodMillis, this.periodMillis, TimeUnit.MILLISECONDS);
	}

	private void refresh() {
		try {
			this.questions.refresh();
		}
		catch (RuntimeException ex) {
			log.error("Clustering the unanswered questions failed; the next round tries again", ex);
		}
	}

	@Override
	public void destroy() {
		this.timer.shutdownNow();
	}

}
