package dev.kotae.channels.security;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code kotae.security.*}.
 *
 * @param adminPassword password of the built-in user {@code admin} ({@code KOTAE_ADMIN_PASSWORD});
 * when empty, a random one is generated and logged once at start-up
 * @param users further users from configuration (until accounts are kept in the database), each
 * with a name, a password ({@code {bcrypt}…} or plain) and roles ({@code admin}, {@code editor},
 * {@code agent})
 * @param loginThrottle how many failed sign-ins (form or HTTP Basic) lock a user name or an address out
 */
@ConfigurationProperties("kotae.security")
public record SecurityProperties(String adminPassword, List<ConfiguredUser> users, LoginThrottle loginThrottle) {

	public SecurityProperties {
		users = (users != null) ? List.copyOf(users) : List.of();
		loginThrottle = (loginThrottle != null) ? loginThrottle : new LoginThrottle(0, 0, null, null);
	}

	/**
	 * {@code kotae.security.login-throttle.*}: after {@code maxFailures} failed sign-ins for one user name
	 * (or {@code maxFailuresPerAddress} from one client address) within {@code window}, further attempts are
	 * refused for {@code lockout}, even with the right password. Kept in memory, per node.
	 *
	 * @param maxFailures failures per user name (default 5)
	 * @param maxFailuresPerAddress failures per client address, for guessing across many names (default 50)
	 * @param window how long failures count (default 15 minutes)
	 * @param lockout how long attempts are then refused (default 15 minutes)
	 */
	public record LoginThrottle(int maxFailures, int maxFailuresPerAddress, Duration window, Duration lockout) {

		public LoginThrottle {
			maxFailures = (maxFailures > 0) ? maxFailures : 5;
			maxFailuresPerAddress = (maxFailuresPerAddress > 0) ? maxFailuresPerAddress : 50;
			window = (window != null && window.isPositive()) ? window : Duration.ofMinutes(15);
			lockout = (lockout != null && lockout.isPositive()) ? lockout : Duration.ofMinutes(15);
		}

	}

	/** A user from configuration. */
	public record ConfiguredUser(String name, String password, List<String> roles) {
	}

}
