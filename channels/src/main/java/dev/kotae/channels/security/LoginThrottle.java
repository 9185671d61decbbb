package dev.kotae.channels.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Counts failed sign-ins (form login and HTTP Basic, from Spring Security's authentication events) per
 * user name and per client address, and refuses further attempts for a while once either has too many
 * (see {@link SecurityProperties.LoginThrottle}). In memory and per node: with several nodes an attacker
 * gets that many more attempts, and a restart forgets the counts. A successful sign-in clears its user
 * name's count.
 */
@Component
class LoginThrottle {

	private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

	/** Above this many tracked keys, expired ones are dropped. */
	private static final int PRUNE_ABOVE = 10_000;

	private final Map<String, Window> windows = new ConcurrentHashMap<>();

	private final SecurityProperties.LoginThrottle settings;

	private final Clock clock;

	LoginThrottle(SecurityProperties properties, ObjectProvider<Clock> clock) {
		this.settings = properties.loginThrottle();
		this.clock = clock.getIfAvailable(Clock::systemUTC);
	}

	/** How much longer sign-ins as {@code username} from {@code address} are refused; zero if they are not. */
	Duration refusedFor(String username, String address) {
		Instant now = this.clock.instant();
		Duration user = remaining(userKey(username), now);
		Duration from = remaining(addressKey(address), now);
		return (user.compareTo(from) >= 0) ? user : from;
	}

	@EventListener
	void failed(AbstractAuthenticationFailureEvent event) {
		Instant now = this.clock.instant();
		Authentication attempt = event.getAuthentication();
		String user = userKey(attempt.getName());
		if (user != null && count(user, this.settings.maxFailures(), now)) {
			log.warn("Too many failed sign-ins for one user name; refusing it for {}", this.settings.lockout());
		}
		String address = (attempt.getDetails() instanceof WebAuthenticationDetails details)
				? addressKey(details.getRemoteAddress()) : null;
		if (address != null && count(address, this.settings.maxFailuresPerAddress(), now)) {
			log.warn("Too many failed sign-ins from {}; refusing it for {}", address.substring(5), this.settings.lockout());
		}
		if (this.windows.size() > PRUNE_ABOVE) {
			this.windows.values().removeIf((w) -> w.expired(now, this.settings.window()));
		}
	}

	@EventListener
	void succeeded(AuthenticationSuccessEvent event) {
		String user = userKey(event.getAuthentication().getName());
		if (user != null) {
			this.windows.remove(user);
		}
	}

	/** Counts a failure; true when it locks the key out. */
	private boolean count(String key, int max, Instant now) {
		Window counted = this.windows.compute(key, (k, window) -> {
			Window current = (window == null || window.expired(now, this.settings.window())) ? new Window(0, now, null)
					: window;
			int failures = current.failures() + 1;
			Instant blockedUntil = (failures >= max && current.blockedUntil() == null)
					? now.plus(this.settings.lockout()) : current.blockedUntil();
			return new Window(failures, current.start(), blockedUntil);
		});
		return counted.failures() == max;
	}

	private Duration remaining(String key, Instant now) {
		Window window = (key != null) ? this.windows.get(key) : null;
		if (window == null || window.blockedUntil() == null || !window.blockedUntil().isAfter(now)) {
			return Duration.ZERO;
		}
		return Duration.between(now, window.blockedUntil());
	}

	private static String userKey(String username) {
		return (username == null || username.isBlank()) ? null : "user:" + username.strip().toLowerCase(Locale.ROOT);
	}

	private static String addressKey(String address) {
		return (address == null || address.isBlank()) ? null : "addr:" + address;
	}

	/** Failures since {@code start}; once locked out, refused until {@code blockedUntil}. */
	private record Window(int failures, Instant start, Instant blockedUntil) {

		boolean expired(Instant now, Duration length) {
			boolean counting = this.start.plus(length).isAfter(now);
			boolean blocked = this.blockedUntil != null && this.blockedUntil.isAfter(now);
			return !counting && !blocked;
		}

	}

}
