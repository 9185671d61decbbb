package dev.kotae;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** A clock tests set and advance; {@link Config} makes it the application's clock. */
public final class MutableClock extends Clock {

	private volatile Instant now;

	public MutableClock(Instant start) {
		this.now = start;
	}

	public void set(Instant instant) {
		this.now = instant;
	}

	public void advance(Duration duration) {
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
		return this;
	}

	/** Registers a {@link MutableClock} starting on a Tuesday at 10:00 in Tokyo (business hours). */
	@TestConfiguration(proxyBeanMethods = false)
	public static class Config {

		public static final Instant TUESDAY_10_TOKYO = Instant.parse("2026-11-24T01:00:00Z");

		@Bean
		MutableClock clock() {
			return new MutableClock(TUESDAY_10_TOKYO);
		}

	}

}
