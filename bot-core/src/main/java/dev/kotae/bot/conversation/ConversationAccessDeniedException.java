package dev.kotae.bot.conversation;

/** The token does not belong to the conversation. */
public class ConversationAccessDeniedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public ConversationAccessDeniedException() {
		super("This token does not give access to the conversation.");
	}

}
