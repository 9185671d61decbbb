package dev.kotae.bot.conversation;

/** No conversation (or no message in it) has the given id. */
public class ConversationNotFoundException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public ConversationNotFoundException(String message) {
		super(message);
	}

}
