package dev.kotae.channels.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Unit tests of {@link RateLimiter} with a clock the test moves.
 */
class RateLimiterTests {

	private final TestClock clock = new TestClock();

	@Test
	void allowsABurstUpToCapacityThenRefusesUntilOneTokenIsBack() {
		RateLimiter limiter = new RateLimiter(30, Duration.ofMinutes(1), this.clock);
		for (int i = 0; i < 30; i++) {
			assertThat(limiter.tryAcquire("a")).isEqualTo(new RateLimiter.Decision(true, Duration.ZERO));
		}
		RateLimiter.Decision refused = limiter.tryAcquire("a");
		assertThat(refused.allowed()).isFalse();
		assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void roundsRetryAfterUpToWholeSecondsAndAtLeastOne() {
		RateLimiter limiter = new RateLimiter(30, Duration.ofMinutes(1), this.clock);
		drain(limiter, "a", 30);
		this.clock.advance(Duration.ofMillis(500));
		assertThat(limiter.tryAcquire("a").retryAfter()).isEqualTo(Duration.ofSeconds(2));
		this.clock.advance(Duration.ofMillis(1400));
		assertThat(limiter.tryAcquire("a").retryAfter()).isEqualTo(Duration.ofSeconds(1));
		this.clock.advance(Duration.ofMillis(99));
		assertThat(limiter.tryAcquire("a").retryAfter()).isEqualTo(Duration.ofSeconds(1));
		this.clock.advance(Duration.ofMillis(1));
		assertThat(limiter.tryAcquire("a").allowed()).isTrue();
	}

	@Test
	void refusesForLongerWhenTheRefillIsSlow() {
		RateLimiter limiter = new RateLimiter(2, Duration.ofMinutes(1), this.clock);
		drain(limiter, "a", 2);
		assertThat(limiter.tryAcquire("a").retryAfter()).isEqualTo(Duration.ofSeconds(30));
		this.clock.advance(Duration.ofMillis(10_001));
		assertThat(limiter.tryAcquire("a").retryAfter()).isEqualTo(Duration.ofSeconds(20));
	}

	@Test
	void refillsContinuouslyOneTokenPerInterval() {
		RateLimiter limiter = new RateLimiter(30, Duration.ofMinutes(1), this.clock);
		drain(limiter, "a", 30);
		for (int i = 0; i < 10; i++) {
			this.clock.advance(Duration.ofSeconds(2));
			assertThat(limiter.tryAcquire("a").allowed()).isTrue();
			assertThat(limiter.tryAcquire("a").allowed()).isFalse();
		}
		this.clock.advance(Duration.ofSeconds(10));
		assertThat(allowedOf(limiter, "a", 100)).isEqualTo(5);
	}

	@Test
	void refillsNoFurtherThanCapacity() {
		RateLimiter limiter = new RateLimiter(30, Duration.ofMinutes(1), this.clock);
		drain(limiter, "a", 30);
		this.clock.advance(Duration.ofHours(1));
		assertThat(allowedOf(limiter, "a", 100)).isEqualTo(30);
	}

	@Test
	void keysAreIndependent() {
		RateLimiter limiter = new RateLimiter(3, Duration.ofMinutes(1), this.clock);
		drain(limiter, "a", 3);
		assertThat(limiter.tryAcquire("a").allowed()).isFalse();
		assertThat(allowedOf(limiter, "b", 10)).isEqualTo(3);
		assertThat(limiter.tryAcquire("a").allowed()).isFalse();
	}

	@Test
	void dropsBucketsThatAreFullAgain() {
		RateLimiter limiter = new RateLimiter(30, Duration.ofMinutes(1), this.clock);
		for (int i = 0; i < 10_000; i++) {
			limiter.tryAcquire("client-" + i);
		}
		assertThat(limiter.size()).isEqualTo(10_000);
		this.clock.advance(Duration.ofMinutes(1));
		limiter.tryAcquire("late");
		assertThat(limiter.size()).isEqualTo(1);
	}

	@Test
	void keepsBucketsThatAreNotFullYet() {
		RateLimiter limiter = new RateLimiter(30, Duration.ofMinutes(1), this.clock);
		drain(limiter, "busy", 30);
		limiter.tryAcquire("quiet");
		this.clock.advance(Duration.ofSeconds(59));
		limiter.tryAcquire("busy");
		this.clock.advance(Duration.ofSeconds(1));
		limiter.tryAcquire("other");
		assertThat(limiter.size()).isEqualTo(2);
		assertThat(allowedOf(limiter, "busy", 100)).isEqualTo(29);
	}

	@Test
	void staysBoundedUnderAFloodOfDistinctKeys() {
		RateLimiter limiter = new RateLimiter(30, Duration.ofMinutes(1), this.clock, 1_000);
		for (int i = 0; i < 50_000; i++) {
			assertThat(limiter.tryAcquire("client-" + i).allowed()).isTrue();
			assertThat(limiter.size()).isLessThanOrEqualTo(1_000);
		}
	}

	@Test
	void dropsTheBucketsNearestToFullWhenCrowded() {
		RateLimiter limiter = new RateLimiter(30, Duration.ofMinutes(1), this.clock, 10);
		drain(limiter, "heavy", 30);
		for (int i = 0; i < 100; i++) {
			limiter.tryAcquire("light-" + i);
		}
		assertThat(limiter.tryAcquire("heavy").allowed()).isFalse();
	}

	@Test
	void allowsExactlyCapacityUnderContention() throws Exception {
		int capacity = 250;
		RateLimiter limiter = new RateLimiter(capacity, Duration.ofMinutes(1), this.clock);
		ExecutorService executor = Executors.newFixedThreadPool(8);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Integer>> results = new ArrayList<>();
			for (int t = 0; t < 8; t++) {
				results.add(executor.submit(() -> {
					start.await();
					return allowedOf(limiter, "shared", 1_000);
				}));
			}
			start.countDown();
			int allowed = 0;
			for (Future<Integer> result : results) {
				allowed += result.get(30, TimeUnit.SECONDS);
			}
			assertThat(allowed).isEqualTo(capacity);
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void rejectsNonsense() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RateLimiter(0, Duration.ofMinutes(1), this.clock));
		assertThatIllegalArgumentException().isThrownBy(() -> new RateLimiter(10, Duration.ofNanos(5), this.clock));
	}

	private static void drain(RateLimiter limiter, String key, int n) {
		assertThat(allowedOf(limiter, key, n)).isEqualTo(n);
	}

	private static int allowedOf(RateLimiter limiter, String key, int attempts) {
		int allowed = 0;
		for (int i = 0; i < attempts; i++) {
			if (limiter.tryAcquire(key).allowed()) {
				allowed++;
			}
		}
		return allowed;
	}

	/** A clock the test moves. */
	static final class TestClock extends Clock {

		private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			throw new UnsupportedOperationException();
		}

	}

}
