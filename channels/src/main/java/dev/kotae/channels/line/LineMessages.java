package dev.kotae.channels.line;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.kotae.bot.conversation.Message;
import dev.kotae.bot.conversation.Message.Choice;
import dev.kotae.kb.faq.Language;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Kotae's messages as LINE message objects. The bot's FAQ answers become plain text (see
 * {@link PlainText}) with 👍 / 👎 quick replies; offered FAQs (the greeting's popular ones, the bot's
 * "did you mean") become postback quick replies; every offer also has "talk to a person". Postback
 * data: {@code pick:<offering message id>:<faq id>}, {@code feedback:<message id>:1|0},
 * {@code human}.
 */
final class LineMessages {

	/** LINE's limit for an action's label. */
	static final int MAX_LABEL = 20;

	/** LINE's limit for a postback's display text (and data). */
	static final int MAX_DISPLAY_TEXT = 300;

	/** LINE's limit of quick-reply buttons. */
	static final int MAX_QUICK_REPLIES = 13;

	private static final Pattern PICK = Pattern.compile("pick:([0-9]{1,18}):([A-Za-z0-9][A-Za-z0-9._-]{0,99})");

	private static final Pattern FEEDBACK = Pattern.compile("feedback:([0-9]{1,18}):([01])");

	private final JsonMapper json;

	LineMessages(JsonMapper json) {
		this.json = json;
	}

	/** What a postback from one of Kotae's quick replies asks for. */
	sealed interface Postback {

		/** One of the FAQs that bot message {@code offerId} offered. */
		record Pick(long offerId, String faqId) implements Postback {
		}

		/** A vote on bot answer {@code messageId}. */
		record Feedback(long messageId, boolean helpful) implements Postback {
		}

		/** "Talk to a person". */
		record Human() implements Postback {
		}

	}

	/** The postback behind {@code data}, or {@code null} when it is not one of Kotae's. */
	static Postback postback(String data) {
		if (data == null) {
			return null;
		}
		if (data.equals("human")) {
			return new Postback.Human();
		}
		Matcher pick = PICK.matcher(data);
		if (pick.matches()) {
			return new Postback.Pick(Long.parseLong(pick.group(1)), pick.group(2));
		}
		Matcher feedback = FEEDBACK.matcher(data);
		if (feedback.matches()) {
			return new Postback.Feedback(Long.parseLong(feedback.group(1)), feedback.group(2).equals("1"));
		}
		return null;
	}

	/**
	 * One of the bot's messages as at most {@value PlainText#MAX_MESSAGES} LINE messages.
	 * @param language the conversation's, for button labels
	 */
	ArrayNode bot(Message message, Language language) {
		return switch (message.kind()) {
			case GREETING, CHOICES -> {
				ArrayNode messages = text(message.text(), PlainText.MAX_MESSAGES);
				ArrayNode items = this.json.createArrayNode();
				for (Choice choice : message.choices()) {
					if (items.size() < MAX_QUICK_REPLIES - 1) {
						items.add(postbackItem(choice.question(), "pick:" + message.id() + ":" + choice.faqId(),
								choice.question()));
					}
				}
				items.add(humanItem(language));
				quickReply(messages, items);
				yield messages;
			}
			case ANSWER -> {
				ArrayNode messages = text(PlainText.of(message.text()), PlainText.MAX_MESSAGES);
				ArrayNode items = this.json.createArrayNode()
					.add(postbackItem(LineTexts.get(language, "helpful.label"), "feedback:" + message.id() + ":1",
							LineTexts.get(language, "helpful.display")))
					.add(postbackItem(LineTexts.get(language, "not_helpful.label"), "feedback:" + message.id() + ":0",
							LineTexts.get(language, "not_helpful.display")))
					.add(humanItem(language));
				quickReply(messages, items);
				yield messages;
			}
			default -> text(message.text(), PlainText.MAX_MESSAGES);
		};
	}

	/** Plain text as text messages: split at {@value PlainText#MAX_MESSAGE} characters, at most {@code max}. */
	ArrayNode text(String text, int max) {
		ArrayNode messages = this.json.createArrayNode();
		for (String part : PlainText.split(text, max)) {
			messages.add(this.json.createObjectNode().put("type", "text").put("text", part));
		}
		return messages;
	}

	/** The body of a push to {@code to}. */
	String push(String to, ArrayNode messages) {
		ObjectNode body = this.json.createObjectNode().put("to", to);
		body.set("messages", messages);
		return this.json.writeValueAsString(body);
	}

	private ObjectNode humanItem(Language language) {
		String label = LineTexts.get(language, "human.label");
		return postbackItem(label, "human", label);
	}

	private ObjectNode postbackItem(String label, String data, String displayText) {
		ObjectNode action = this.json.createObjectNode()
			.put("type", "postback")
			.put("label", shorten(label, MAX_LABEL))
			.put("data", data)
			.put("displayText", shorten(displayText, MAX_DISPLAY_TEXT));
		ObjectNode item = this.json.createObjectNode().put("type", "action");
		item.set("action", action);
		return item;
	}

	/** Attaches the quick reply to the last message (LINE shows only the last message's). */
	private void quickReply(ArrayNode messages, ArrayNode items) {
		if (messages.isEmpty()) {
			return;
		}
		ObjectNode quickReply = this.json.createObjectNode();
		quickReply.set("items", items);
		((ObjectNode) messages.get(messages.size() - 1)).set("quickReply", quickReply);
	}

	/** At most {@code max} characters (UTF-16 units, never half a surrogate pair), "…" when cut. */
	static String shorten(String text, int max) {
		String t = text.strip().replaceAll("\\s+", " ");
		if (t.length() <= max) {
			return t;
		}
		int end = max - 1;
		if (Character.isLowSurrogate(t.charAt(end)) && Character.isHighSurrogate(t.charAt(end - 1))) {
			end--;
		}
		return t.substring(0, end) + "…";
	}

}
