package dev.kotae.channels.slack;

import java.time.Duration;

/**
 * Slack could not take the call now: rate limited (HTTP 429), a 5xx, a time-out or a broken
 * connection, or an {@code ok:false} that Slack documents as temporary ({@code internal_error}…).
 */
final class RetriableSlackException extends SlackCallException {

	private static final long serialVersionUID = 1L;

	private final transient Duration retryAfter;

	RetriableSlackException(String message, Duration retryAfter, Throwable cause) {
		super(message, cause);
		this.retryAfter = retryAfter;
	}

	/** How long Slack asked us to wait ({@code Retry-After}), or {@code null} to back off on our own. */
	Duration retryAfter() {
		return this.retryAfter;
	}

}
