package dev.kotae.channels.web;

import java.time.Duration;
import java.util.Objects;

/**
 * A request refused because a rate limit is exhausted; retrying after {@link #retryAfter()} helps.
 * Answered with 429 and a {@code Retry-After} header.
 */
public class RateLimitedException extends RuntimeException {

	/** The limit per client IP address. */
	public static final String IP = "ip";

	/** The limit per site key. */
	public static final String SITE = "site";

	private final Duration retryAfter;

	private final String limit;

	/**
	 * @param limit which limit is exhausted: {@link #IP} or {@link #SITE}
	 * @param retryAfter how long to wait before a retry can succeed
	 */
	public RateLimitedException(String limit, Duration retryAfter) {
		super("Rate limit '" + limit + "' exhausted; retry after " + retryAfter.toSeconds() + " s");
		this.limit = Objects.requireNonNull(limit, "limit");
		this.retryAfter = retryAfter;
	}

	/** How long to wait before a retry can succeed, in whole seconds (at least one). */
	public Duration retryAfter() {
		return this.retryAfter;
	}

	/** Which limit is exhausted: {@link #IP} or {@link #SITE}. */
	public String limit() {
		return this.limit;
	}

}
