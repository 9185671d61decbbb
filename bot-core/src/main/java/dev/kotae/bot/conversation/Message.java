package dev.kotae.bot.conversation;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * One message of a transcript, as stored (personal data in {@code text} already masked).
 *
 * @param id increases with every stored message (the push stream's event id)
 * @param conversationId its conversation
 * @param clientMessageId the sender's id for retries, if any
 * @param sender who wrote it
 * @param kind what it is
 * @param text what it says (Markdown for FAQ answers)
 * @param replyTo the user message a bot reply answers
 * @param faqId the FAQ answered with, or chosen
 * @param reason why the bot escalated ({@link Kind#ESCALATE}), the small-talk intent, the agent's
 * name (agent messages) or what a {@link Kind#NOTICE} is about
 * @param confidence the bot's confidence in its decision
 * @param choices the FAQs offered ({@link Kind#CHOICES}, {@link Kind#GREETING})
 * @param createdAt when it was stored
 * @param helpful the user's vote on a bot answer, {@code null} before any
 */
public record Message(long id, String conversationId, String clientMessageId, Sender sender, Kind kind, String text,
		Long replyTo, String faqId, String reason, Double confidence, List<Choice> choices, Instant createdAt,
		Boolean helpful) {

	public Message {
		choices = List.copyOf(choices);
	}

	/** Who wrote a message. */
	public enum Sender {

		USER, BOT, AGENT, SYSTEM;

		public String code() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/** What a message is. */
	public enum Kind {

		/** The user typed it. */
		TEXT,
		/** The user picked one of the offered FAQs. */
		CHOICE,
		/** The user asked for a person (button). */
		HUMAN_REQUEST,
		/** The bot's welcome, with popular FAQs as choices. */
		GREETING,
		/** The bot answered with an FAQ. */
		ANSWER,
		/** The bot offered a few FAQs. */
		CHOICES,
		/** The bot could not help and hands over to a person. */
		ESCALATE,
		/** The bot replied to a greeting, thanks or goodbye. */
		SMALLTALK,
		/** The bot tells a user who waits for a person where they are in the queue. */
		QUEUED,
		/** A system line: an agent joined, the conversation went back to the bot or was closed. */
		NOTICE;

		public String code() {
			return name().toLowerCase(Locale.ROOT);
		}

		static Kind of(String code) {
			return valueOf(code.toUpperCase(Locale.ROOT));
		}

	}

	/** An FAQ offered as a choice. */
	public record Choice(String faqId, String question) {
	}

}
