package dev.kotae.channels.security;

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
 */
@ConfigurationProperties("kotae.security")
public record SecurityProperties(String adminPassword, List<ConfiguredUser> users) {

	public SecurityProperties {
		users = (users != null) ? List.copyOf(users) : List.of();
	}

	/** A user from configuration. */
	public record ConfiguredUser(String name, String password, List<String> roles) {
	}

}
