package dev.kotae.channels.slack;

/**
 * Slack refused the call for good ({@code invalid_auth}, {@code channel_not_found},
 * {@code not_in_channel}, an HTTP 4xx…): sending it again cannot help, the configuration or the
 * request must change.
 */
final class NonRetriableSlackException extends SlackCallException {

	private static final long serialVersionUID = 1L;

	private final String error;

	NonRetriableSlackException(String message, String error) {
		super(message, null);
		this.error = error;
	}

	/** Slack's error code, e.g. {@code channel_not_found}, or {@code http_<status>}. */
	String error() {
		return this.error;
	}

}
