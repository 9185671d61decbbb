package dev.kotae.channels.line;

/** A webhook request whose {@code X-Line-Signature} is missing or not this channel's: answered with 401. */
final class InvalidLineSignatureException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	InvalidLineSignatureException(String message) {
		super(message);
	}

}
