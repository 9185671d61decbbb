package dev.kotae.channels.web;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code kotae.web.rate-limit.*}: how many chat requests one client address and one site may send,
 * checked at start-up. Buckets refill continuously: 30 per minute is one request every 2 s, with
 * bursts of up to 30.
 *
 * @param enabled whether chat requests are limited at all
 * @param perIp requests allowed per client IP address and {@code period}
 * @param perSite requests allowed per site key and {@code period}, whatever the address
 * @param period the time an exhausted limit takes to refill completely (at least 1 s)
 */
@Validated
@ConfigurationProperties("kotae.web.rate-limit")
public record RateLimitProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue("30") @Min(1) int perIp,
		@DefaultValue("600") @Min(1) int perSite,
		@DefaultValue("1m") @NotNull @DurationMin(seconds = 1) Duration period) {
}
