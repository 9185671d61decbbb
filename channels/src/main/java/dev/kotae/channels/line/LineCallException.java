package dev.kotae.channels.line;

/**
 * A Messaging API call that failed; split by whether trying again can help. Messages hold the
 * endpoint and the HTTP status, never message text or tokens.
 */
abstract sealed class LineCallException extends RuntimeException
		permits RetriableLineException, NonRetriableLineException {

	private static final long serialVersionUID = 1L;

	private final int status;

	LineCallException(String message, int status, Throwable cause) {
		super(message, cause);
		this.status = status;
	}

	/** The HTTP status LINE answered, or 0 when there was no answer (I/O error, time-out). */
	int status() {
		return this.status;
	}

}
