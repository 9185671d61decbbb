package dev.kotae.channels.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code kotae.security.*}.
 *
 * @param adminPassword password of the built-in user {@code admin} ({@code KOTAE_ADMIN_PASSWORD});
 * when empty, a random one is generated and logged once at start-up
 */
@ConfigurationProperties("kotae.security")
public record SecurityProperties(String adminPassword) {
}
