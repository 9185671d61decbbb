package dev.kotae.bot.conversation;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import dev.kotae.kb.faq.Language;

/**
 * One end user's conversation.
 *
 * @param id random, unguessable
 * @param siteKey the site it started on
 * @param channel where it takes place
 * @param locale its language
 * @param userId the site's id for the user, if it gave one
 * @param attributes the user's attributes (product, plan…), matched against FAQ audiences
 * @param createdAt when it started
 * @param status who handles it now
 * @param afterHours whether it started outside business hours
 */
public record Conversation(String id, String siteKey, Channel channel, Language locale, String userId,
		Map<String, String> attributes, Instant createdAt, Status status, boolean afterHours) {

	public Conversation {
		attributes = Map.copyOf(attributes);
	}

	/** Who handles a conversation: the bot, nobody yet (queued for a person), an agent; or nobody. */
	public enum Status {

		BOT, WAITING, AGENT, CLOSED;

		public String code() {
			return name().toLowerCase(Locale.ROOT);
		}

		public static Status of(String code) {
			return valueOf(code.toUpperCase(Locale.ROOT));
		}

	}

}
