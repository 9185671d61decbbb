package dev.kotae.channels.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A thread-safe, in-memory token bucket per key: {@code capacity} requests per {@code refillPeriod},
 * refilled continuously (30 per minute is one token every 2 s, with bursts of up to 30).
 * <p>
 * Each bucket is a single number, the time at which it will be full again (the "theoretical
 * arrival time" of the generic cell rate algorithm), updated atomically with
 * {@link ConcurrentHashMap#compute}. A bucket that is full again holds no information, so it is
 * dropped:
 * <ul>
 * <li>at most once per refill period, one caller sweeps out every bucket that is full again;</li>
 * <li>when more than {@code maxKeys} buckets are held (a flood of distinct keys within one period),
 * the caller that notices sweeps at once and, if that is not enough, drops the buckets nearest to
 * full until 90% of {@code maxKeys} remain. A dropped bucket starts full again, so this forgives at
 * most a few requests to the keys that had used the least, in exchange for bounded memory.</li>
 * </ul>
 * Memory is bounded by about {@code maxKeys} buckets (concurrent callers may exceed it briefly
 * while a sweep runs).
 */
public final class RateLimiter {

	/** The default bound on the number of buckets held. */
	static final int DEFAULT_MAX_KEYS = 100_000;

	private static final long NANOS_PER_SECOND = 1_000_000_000L;

	private final Clock clock;

	private final Instant origin;

	/** Time for one token to come back. */
	private final long intervalNanos;

	/** Time for an empty bucket to fill: {@code capacity * intervalNanos}. */
	private final long windowNanos;

	private final int maxKeys;

	/** Key to the time, in nanoseconds since {@link #origin}, at which its bucket is full again. */
	private final ConcurrentHashMap<String, Long> fullAt = new ConcurrentHashMap<>();

	private final AtomicBoolean sweeping = new AtomicBoolean();

	private volatile long nextSweep;

	/**
	 * Creates a limiter allowing {@code capacity} requests per {@code refillPeriod} and key.
	 * @param capacity the most requests allowed at once (the burst), at least 1
	 * @param refillPeriod the time an empty bucket takes to fill again
	 * @param clock the source of the time
	 */
	public RateLimiter(int capacity, Duration refillPeriod, Clock clock) {
		this(capacity, refillPeriod, clock, DEFAULT_MAX_KEYS);
	}

	RateLimiter(int capacity, Duration refillPeriod, Clock clock, int maxKeys) {
		if (capacity < 1) {
			throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
		}
		Objects.requireNonNull(refillPeriod, "refillPeriod");
		if (refillPeriod.toNanos() < capacity) {
			throw new IllegalArgumentException(
					"refillPeriod must be at least one nanosecond per token, not " + refillPeriod);
		}
		if (maxKeys < 1) {
			throw new IllegalArgumentException("maxKeys must be at least 1, not " + maxKeys);
		}
		this.clock = Objects.requireNonNull(clock, "clock");
		this.origin = clock.instant();
		this.intervalNanos = refillPeriod.toNanos() / capacity;
		this.windowNanos = this.intervalNanos * capacity;
		this.maxKeys = maxKeys;
		this.nextSweep = this.windowNanos;
	}

	/**
	 * Takes one token from the bucket of {@code key} if it has one.
	 * @param key whose bucket to use
	 * @return whether the request is allowed and, if not, how long to wait
	 */
	public Decision tryAcquire(String key) {
		Objects.requireNonNull(key, "key");
		long now = now();
		long[] refusedFor = { 0 };
		this.fullAt.compute(key, (k, stored) -> {
			long next = Math.max((stored != null) ? stored : now, now) + this.intervalNanos;
			if (next - now <= this.windowNanos) {
				return next;
			}
			refusedFor[0] = next - this.windowNanos - now;
			return stored;
		});
		maybeSweep(now);
		return (refusedFor[0] > 0) ? Decision.refused(refusedFor[0]) : Decision.ALLOWED;
	}

	/** The number of buckets held, for tests. */
	int size() {
		return this.fullAt.size();
	}

	private long now() {
		return Duration.between(this.origin, this.clock.instant()).toNanos();
	}

	private void maybeSweep(long now) {
		boolean due = now >= this.nextSweep;
		boolean crowded = this.fullAt.size() > this.maxKeys;
		if ((due || crowded) && this.sweeping.compareAndSet(false, true)) {
			try {
				this.nextSweep = now + this.windowNanos;
				removeFull(now);
				if (this.fullAt.size() > this.maxKeys) {
					removeNearestToFull(this.maxKeys - this.maxKeys / 10);
				}
			}
			finally {
				this.sweeping.set(false);
			}
		}
	}

	private void removeFull(long now) {
		for (String key : this.fullAt.keySet()) {
			this.fullAt.computeIfPresent(key, (k, fullAt) -> (fullAt <= now) ? null : fullAt);
		}
	}

	private void removeNearestToFull(int target) {
		List<Map.Entry<String, Long>> entries = new ArrayList<>(this.fullAt.size());
		this.fullAt.forEach((key, fullAt) -> entries.add(Map.entry(key, fullAt)));
		entries.sort(Map.Entry.comparingByValue(Comparator.naturalOrder()));
		int excess = entries.size() - target;
		for (int i = 0; i < excess; i++) {
			Map.Entry<String, Long> entry = entries.get(i);
			// only if untouched since the snapshot
			this.fullAt.remove(entry.getKey(), entry.getValue());
		}
	}

	/**
	 * The outcome of {@link #tryAcquire(String)}.
	 *
	 * @param allowed whether the request may proceed
	 * @param retryAfter when refused, the time until a token is available, rounded up to whole
	 * seconds and at least one second; {@link Duration#ZERO} when allowed
	 */
	public record Decision(boolean allowed, Duration retryAfter) {

		static final Decision ALLOWED = new Decision(true, Duration.ZERO);

		public Decision {
			Objects.requireNonNull(retryAfter, "retryAfter");
		}

		static Decision refused(long waitNanos) {
			long seconds = Math.max(1, Math.ceilDiv(waitNanos, NANOS_PER_SECOND));
			return new Decision(false, Duration.ofSeconds(seconds));
		}

	}

}
