package dev.kotae.channels.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link LoginThrottle} with a clock the test moves: windows, lockouts and their ends. */
class LoginThrottleTests {

	private static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

	private final MutableClock clock = new MutableClock();

	private final LoginThrottle throttle = new LoginThrottle(
			new SecurityProperties(null, List.of(),
					new SecurityProperties.LoginThrottle(3, 5, Duration.ofMinutes(10), Duration.ofMinutes(15))),
			provider(this.clock));

	@Test
	void theThirdFailureWithinTheWindowLocksTheUserNameOutUntilTheLockoutEnds() {
		fail("sato", "10.0.0.1");
		fail("Sato", "10.0.0.2");
		assertThat(this.throttle.refusedFor("sato", "10.0.0.9")).isZero();
		fail("sato", "10.0.0.3");
		assertThat(this.throttle.refusedFor("SATO", "10.0.0.9")).isEqualTo(Duration.ofMinutes(15));
		assertThat(this.throttle.refusedFor("kenji", "10.0.0.9")).isZero();
		this.clock.advance(Duration.ofMinutes(14));
		assertThat(this.throttle.refusedFor("sato", "10.0.0.9")).isEqualTo(Duration.ofMinutes(1));
		this.clock.advance(Duration.ofMinutes(1));
		assertThat(this.throttle.refusedFor("sato", "10.0.0.9")).isZero();
		// a fresh window: one more failure does not lock again
		fail("sato", "10.0.0.1");
		assertThat(this.throttle.refusedFor("sato", "10.0.0.9")).isZero();
	}

	@Test
	void failuresOutsideTheWindowAreForgottenAndASuccessClearsTheCount() {
		fail("sato", "10.0.0.1");
		fail("sato", "10.0.0.1");
		this.clock.advance(Duration.ofMinutes(11));
		fail("sato", "10.0.0.1");
		assertThat(this.throttle.refusedFor("sato", null)).isZero();
		fail("sato", "10.0.0.1");
		this.throttle.succeeded(new AuthenticationSuccessEvent(
				UsernamePasswordAuthenticationToken.authenticated("sato", null, List.of())));
		fail("sato", "10.0.0.1");
		assertThat(this.throttle.refusedFor("sato", null)).isZero();
	}

	@Test
	void manyUserNamesFromOneAddressLockTheAddressOut() {
		for (int i = 0; i < 5; i++) {
			fail("user" + i, "10.0.0.7");
		}
		assertThat(this.throttle.refusedFor("someone-else", "10.0.0.7")).isEqualTo(Duration.ofMinutes(15));
		assertThat(this.throttle.refusedFor("someone-else", "10.0.0.8")).isZero();
	}

	private void fail(String username, String address) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setRemoteAddr(address);
		UsernamePasswordAuthenticationToken attempt = UsernamePasswordAuthenticationToken.unauthenticated(username,
				"wrong");
		attempt.setDetails(new WebAuthenticationDetails(request));
		this.throttle.failed(new AuthenticationFailureBadCredentialsEvent(attempt, new BadCredentialsException("no")));
	}

	private static ObjectProvider<Clock> provider(Clock clock) {
		return new StaticListableBeanFactory(Map.of("clock", clock)).getBeanProvider(Clock.class);
	}

	/** A clock that stands still until the test moves it. */
	private static final class MutableClock extends Clock {

		private Instant now = START;

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
