package dev.kotae.bot.conversation;

/**
 * What an end user sends: typed text, a pick among offered FAQs, or a request for a person.
 */
public sealed interface NewMessage {

	/** The sender's id for this message: a retry with the same id returns the first result. */
	String clientMessageId();

	/** Typed text. */
	record Text(String clientMessageId, String text) implements NewMessage {
	}

	/** One of the FAQs offered by bot message {@code messageId}. */
	record Pick(String clientMessageId, long messageId, String faqId) implements NewMessage {
	}

	/** The "talk to a person" button. */
	record HumanRequest(String clientMessageId) implements NewMessage {
	}

}
