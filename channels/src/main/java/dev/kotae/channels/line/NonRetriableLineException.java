package dev.kotae.channels.line;

/**
 * LINE refused the call for good (HTTP 400 such as an expired reply token, 401 for a bad channel
 * token, 403, 404…): sending it again cannot help, the configuration or the request must change.
 */
final class NonRetriableLineException extends LineCallException {

	private static final long serialVersionUID = 1L;

	NonRetriableLineException(String message, int status) {
		super(message, status, null);
	}

}
