package dev.kotae.channels.delivery;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one round of work every {@code period} on a daemon thread of its own, and at once when
 * {@link #wake() woken} (e.g. after something was queued); rounds never overlap. Nothing runs before
 * {@link #start()}, so work queued during start-up waits for the application to be ready.
 */
public final class PollingWorker {

	private final Runnable round;

	private final Duration period;

	private final ScheduledExecutorService thread;

	private final AtomicBoolean started = new AtomicBoolean();

	private final AtomicBoolean woken = new AtomicBoolean();

	public PollingWorker(String threadName, Duration period, Runnable round) {
		this.round = round;
		this.period = period;
		this.thread = Executors.newSingleThreadScheduledExecutor((r) -> {
			Thread t = new Thread(r, threadName);
			t.setDaemon(true);
			return t;
		});
	}

	/** Starts the periodic rounds (once; later calls do nothing). */
	public void start() {
		if (this.started.compareAndSet(false, true)) {
			this.thread.scheduleWithFixedDelay(this.round, 0, this.period.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	/** Runs a round now rather than at the next period; a wake while one is pending adds nothing. */
	public void wake() {
		if (this.started.get() && this.woken.compareAndSet(false, true)) {
			try {
				this.thread.execute(() -> {
					this.woken.set(false);
					this.round.run();
				});
			}
			catch (RejectedExecutionException ex) {
				// shutting down: what is queued stays queued for the next start
				this.woken.set(false);
			}
		}
	}

	/** Lets the current round finish (up to {@code grace}), then stops. */
	public void stop(Duration grace) throws InterruptedException {
		this.thread.shutdown();
		if (!this.thread.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
			this.thread.shutdownNow();
		}
	}

}
