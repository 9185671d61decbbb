package dev.kotae.channels.slack;

/**
 * A Slack Web API call that failed; split by whether trying again can help. Messages hold the
 * method and Slack's error code or HTTP status, never message text or tokens.
 */
abstract sealed class SlackCallException extends RuntimeException
		permits RetriableSlackException, NonRetriableSlackException {

	private static final long serialVersionUID = 1L;

	SlackCallException(String message, Throwable cause) {
		super(message, cause);
	}

}
