package dev.kotae.channels.line;

import java.time.Duration;

/** LINE could not take the call now: rate limited (HTTP 429), a 5xx, a time-out or a broken connection. */
final class RetriableLineException extends LineCallException {

	private static final long serialVersionUID = 1L;

	private final transient Duration retryAfter;

	RetriableLineException(String message, int status, Duration retryAfter, Throwable cause) {
		super(message, status, cause);
		this.retryAfter = retryAfter;
	}

	/** How long LINE asked us to wait ({@code Retry-After}), or {@code null} to back off on our own. */
	Duration retryAfter() {
		return this.retryAfter;
	}

}
