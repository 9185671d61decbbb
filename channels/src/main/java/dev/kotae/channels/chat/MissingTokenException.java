package dev.kotae.channels.chat;

/** A conversation call came without {@code Authorization: Bearer <token>}. */
class MissingTokenException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	MissingTokenException() {
		super("This call needs the conversation's token: send 'Authorization: Bearer <token>'.");
	}

}
