package dev.kotae.channels.delivery;

import java.time.Duration;

/**
 * How an outbox is delivered: polled every {@code poll}; a call that failed in a way that trying
 * again can fix waits {@code firstBackoff}, doubling with every attempt up to {@code maxBackoff}, and
 * is given up after {@code maxAttempts} attempts.
 *
 * @param poll how often the due rows are looked for (besides at once when something is queued)
 * @param firstBackoff the wait after the first failed attempt
 * @param maxBackoff the longest wait between two attempts
 * @param maxAttempts the attempts before a row is failed for good
 */
public record RetryPolicy(Duration poll, Duration firstBackoff, Duration maxBackoff, int maxAttempts) {

	public RetryPolicy {
		if (poll == null || poll.isNegative() || poll.isZero()) {
			throw new IllegalArgumentException("poll must be positive, not " + poll);
		}
		if (firstBackoff == null || firstBackoff.isNegative() || firstBackoff.isZero()) {
			throw new IllegalArgumentException("first-backoff must be positive, not " + firstBackoff);
		}
		if (maxBackoff == null || maxBackoff.compareTo(firstBackoff) < 0) {
			throw new IllegalArgumentException(
					"max-backoff must be at least first-backoff (" + firstBackoff + "), not " + maxBackoff);
		}
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("max-attempts must be at least 1, not " + maxAttempts);
		}
	}

	/**
	 * A policy from the settings under {@code prefix} (e.g. {@code kotae.line.outbox}), whose name an
	 * invalid setting's message starts with, so that start-up says which property is wrong.
	 */
	public static RetryPolicy of(String prefix, Duration poll, Duration firstBackoff, Duration maxBackoff,
			int maxAttempts) {
		try {
			return new RetryPolicy(poll, firstBackoff, maxBackoff, maxAttempts);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(prefix + ": " + ex.getMessage(), ex);
		}
	}

	/** The wait before attempt {@code attempt + 1}: {@code firstBackoff}, doubling, at most {@code maxBackoff}. */
	public Duration backoff(int attempt) {
		int doublings = Math.min(Math.max(attempt - 1, 0), 20);
		Duration wait = this.firstBackoff.multipliedBy(1L << doublings);
		return (wait.compareTo(this.maxBackoff) > 0) ? this.maxBackoff : wait;
	}

	/**
	 * How long a row that keeps failing is tried at most: the sum of the waits between its
	 * {@code maxAttempts} attempts.
	 */
	public Duration patience() {
		Duration total = Duration.ZERO;
		for (int attempt = 1; attempt < this.maxAttempts; attempt++) {
			total = total.plus(backoff(attempt));
		}
		return total;
	}

}
