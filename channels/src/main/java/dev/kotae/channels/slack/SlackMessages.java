package dev.kotae.channels.slack;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.kotae.bot.conversation.Conversation;
import dev.kotae.bot.conversation.Message;
import dev.kotae.bot.conversation.Message.Kind;
import dev.kotae.bot.conversation.Message.Sender;
import dev.kotae.bot.handoff.Handoff;
import dev.kotae.channels.slack.SlackThreads.SlackThread;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What Kotae says in Slack, as Web API request bodies: the hand-off message (Block Kit with a text
 * fallback) in each of its states, thread replies and ephemeral notes. Everything that comes from
 * users or agents is escaped, so a message cannot mention {@code @channel} or fake a link.
 */
class SlackMessages {

	static final String TAKE = "kotae_take";

	static final String RETURN = "kotae_return";

	static final String CLOSE = "kotae_close";

	/** How many typed questions and bot replies the hand-off message shows. */
	static final int SHOWN = 3;

	/** Slack's limit for a section's text is 3000 characters; excerpts stay well below. */
	static final int EXCERPT = 500;

	/** Slack truncates longer message texts; thread replies are cut here. */
	static final int MAX_TEXT = 3500;

	private static final Set<Kind> BOT_ATTEMPTS = Set.of(Kind.ANSWER, Kind.CHOICES, Kind.ESCALATE, Kind.SMALLTALK);

	private static final Pattern LINK = Pattern.compile("<((?:https?|mailto):[^|>]+)(?:\\|([^>]*))?>");

	private final JsonMapper json;

	SlackMessages(JsonMapper json) {
		this.json = json;
	}

	/**
	 * The parent's blocks about the conversation, fixed when the hand-off is requested: the user's
	 * last typed questions, the bot's last attempts, and where the conversation takes place.
	 * @param recent the conversation's last messages, newest first
	 */
	ArrayNode summary(Handoff handoff, Conversation conversation, List<Message> recent) {
		List<Message> questions = new ArrayList<>();
		List<Message> attempts = new ArrayList<>();
		for (Message m : recent) {
			if (m.sender() == Sender.USER && m.kind() == Kind.TEXT && questions.size() < SHOWN) {
				questions.add(m);
			}
			else if (m.sender() == Sender.BOT && BOT_ATTEMPTS.contains(m.kind()) && attempts.size() < SHOWN) {
				attempts.add(m);
			}
		}
		Collections.reverse(questions);
		Collections.reverse(attempts);
		ArrayNode blocks = this.json.createArrayNode();
		if (questions.isEmpty()) {
			blocks.add(section("*The user asked*\n_Nothing typed: they pressed “talk to a person”._"));
		}
		else {
			blocks.add(section("*The user asked*\n"
					+ questions.stream().map((m) -> quote(escape(excerpt(m.text(), EXCERPT)))).collect(Collectors.joining("\n"))));
		}
		if (!attempts.isEmpty()) {
			blocks.add(section("*The bot tried*\n"
					+ attempts.stream().map(SlackMessages::attempt).collect(Collectors.joining("\n"))));
		}
		List<String> context = new ArrayList<>();
		context.add(conversation.channel().code() + " · site `" + escape(conversation.siteKey()) + "` · `"
				+ conversation.locale().code() + "`");
		if (!conversation.attributes().isEmpty()) {
			context.add(new TreeMap<>(conversation.attributes()).entrySet()
				.stream()
				.map((e) -> escape(e.getKey()) + "=" + escape(excerpt(e.getValue(), 100)))
				.collect(Collectors.joining(", ")));
		}
		context.add("conversation `" + conversation.id() + "`");
		ObjectNode contextBlock = blocks.addObject().put("type", "context");
		contextBlock.putArray("elements").addObject().put("type", "mrkdwn").put("text", String.join(" · ", context));
		return blocks;
	}

	/** The first post of a hand-off: state, summary and the three buttons. */
	ObjectNode parent(String channel, Handoff handoff, ArrayNode summary, List<Message> recent) {
		String question = recent.stream()
			.filter((m) -> m.sender() == Sender.USER && m.kind() == Kind.TEXT)
			.findFirst()
			.map((m) -> ": " + escape(excerpt(m.text(), 200)))
			.orElse("");
		ObjectNode body = this.json.createObjectNode();
		body.put("channel", channel);
		body.put("text", fallback(handoff, null) + question);
		body.set("blocks", blocks(handoff, null, summary));
		body.put("unfurl_links", false);
		body.put("unfurl_media", false);
		return body;
	}

	/** The hand-off message after a change ({@code chat.update}; channel and ts are added when sent). */
	ObjectNode update(Handoff handoff, SlackThread thread) {
		ObjectNode body = this.json.createObjectNode();
		body.put("text", fallback(handoff, thread));
		body.set("blocks", blocks(handoff, thread, (ArrayNode) this.json.readTree(thread.summary())));
		return body;
	}

	/** A reply in the hand-off's thread ({@code thread_ts} is added when sent). */
	ObjectNode threadReply(String mrkdwn, boolean broadcast) {
		ObjectNode body = this.json.createObjectNode();
		body.put("text", cut(mrkdwn));
		if (broadcast) {
			body.put("reply_broadcast", true);
		}
		body.put("unfurl_links", false);
		body.put("unfurl_media", false);
		return body;
	}

	/** A note only {@code slackUserId} sees, in the hand-off's thread. */
	ObjectNode ephemeral(String slackUserId, String mrkdwn) {
		ObjectNode body = this.json.createObjectNode();
		body.put("user", slackUserId);
		body.put("text", mrkdwn);
		return body;
	}

	/** A user's later message, for the thread. */
	String userMessage(Message message) {
		String label = (message.kind() == Kind.CHOICE) ? "*User* (picked an FAQ)" : "*User*";
		return label + "\n" + quote(escape(message.text()));
	}

	/** An agent's message sent from the web console, for the thread. */
	String consoleMessage(Message message) {
		return "*" + escape(message.reason()) + "* (web console)\n" + quote(escape(message.text()));
	}

	String slaBreached(Duration sla) {
		return ":warning: This user has been waiting for more than " + sla.toSeconds()
				+ " s. Press *Take* to answer them.";
	}

	private ArrayNode blocks(Handoff handoff, SlackThread thread, ArrayNode summary) {
		ArrayNode blocks = this.json.createArrayNode();
		blocks.add(section(state(handoff, thread)));
		blocks.addAll(summary);
		List<String[]> buttons = switch (handoff.status()) {
			case WAITING, OFFLINE -> List.of(new String[] { TAKE, "Take", "primary" },
					new String[] { RETURN, "Return to bot", null }, new String[] { CLOSE, "Close", "danger" });
			case ACTIVE -> List.of(new String[] { RETURN, "Return to bot", null },
					new String[] { CLOSE, "Close", "danger" });
			case RETURNED, CLOSED -> List.of();
		};
		if (!buttons.isEmpty()) {
			ObjectNode actions = blocks.addObject().put("type", "actions").put("block_id", "kotae_handoff");
			ArrayNode elements = actions.putArray("elements");
			for (String[] b : buttons) {
				ObjectNode button = elements.addObject().put("type", "button").put("action_id", b[0]);
				button.putObject("text").put("type", "plain_text").put("text", b[1]);
				button.put("value", handoff.conversationId());
				if (b[2] != null) {
					button.put("style", b[2]);
				}
			}
		}
		return blocks;
	}

	private static String state(Handoff handoff, SlackThread thread) {
		String reason = "reason `" + escape(handoff.reason()) + "` · requested " + date(handoff.requestedAt());
		return switch (handoff.status()) {
			case WAITING -> ":raising_hand: *A user is waiting for a person* · " + reason;
			case OFFLINE -> ":crescent_moon: *A user asked for a person outside business hours* (offline: they were "
					+ "told when people are back) · " + reason;
			case ACTIVE -> ":technologist: *Taken by " + agent(handoff, thread) + "*" + (inSlack(handoff, thread) ? ""
					: " (web console)") + " · replies in this thread reach the user";
			case RETURNED -> ":robot_face: *Returned to the bot* by " + agent(handoff, thread);
			case CLOSED -> ":white_check_mark: *Closed*" + ((handoff.agent() != null) ? " by " + agent(handoff, thread)
					: "") + " · `" + escape(handoff.closeReason()) + "`";
		};
	}

	private static String fallback(Handoff handoff, SlackThread thread) {
		String agent = (handoff.agent() != null) ? handoff.agent() : "";
		return escape(switch (handoff.status()) {
			case WAITING -> "A user is waiting for a person (" + handoff.reason() + ")";
			case OFFLINE -> "A user asked for a person outside business hours (" + handoff.reason() + ")";
			case ACTIVE -> "Taken by " + agent;
			case RETURNED -> "Returned to the bot by " + agent;
			case CLOSED -> "Closed" + (agent.isEmpty() ? "" : " by " + agent) + " (" + handoff.closeReason() + ")";
		});
	}

	private static boolean inSlack(Handoff handoff, SlackThread thread) {
		return thread != null && thread.agentSlackUser() != null && handoff.agent() != null
				&& handoff.agent().equals(thread.agentName());
	}

	/** The agent as a Slack mention when they took it in Slack, else by name. */
	private static String agent(Handoff handoff, SlackThread thread) {
		if (inSlack(handoff, thread)) {
			return "<@" + thread.agentSlackUser() + "> (" + escape(handoff.agent()) + ")";
		}
		return (handoff.agent() != null) ? escape(handoff.agent()) : "somebody";
	}

	private static String attempt(Message m) {
		String confidence = (m.confidence() != null)
				? String.format(Locale.ROOT, " %.2f", m.confidence()) : "";
		String what = switch (m.kind()) {
			case CHOICES -> "offered " + m.choices().stream().map((c) -> "“" + escape(excerpt(c.question(), 80)) + "”")
				.collect(Collectors.joining(", "));
			case ESCALATE -> "handed over (" + escape(String.valueOf(m.reason())) + ")";
			default -> escape(excerpt(m.text().replaceAll("\\s+", " "), 150));
		};
		return "• `" + m.kind().code() + "`" + confidence + " — " + what;
	}

	private ObjectNode section(String mrkdwn) {
		ObjectNode section = this.json.createObjectNode().put("type", "section");
		section.putObject("text").put("type", "mrkdwn").put("text", mrkdwn);
		return section;
	}

	/** A Slack date people read in their own time zone, with a UTC fallback. */
	private static String date(Instant instant) {
		return "<!date^" + instant.getEpochSecond() + "^{date_short_pretty} {time}|" + instant + ">";
	}

	private static String quote(String text) {
		return text.lines().map((line) -> ">" + line).collect(Collectors.joining("\n"));
	}

	private static String excerpt(String text, int max) {
		if (text == null) {
			return "";
		}
		return (text.length() <= max) ? text : text.substring(0, max - 1) + "…";
	}

	private static String cut(String text) {
		return excerpt(text, MAX_TEXT);
	}

	/** Slack's three control characters; everything else is shown as written. */
	static String escape(String text) {
		if (text == null) {
			return "";
		}
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}

	/**
	 * What a person typed in Slack, as plain text for the user: entities decoded and links
	 * ({@code <https://…|label>}) written out; mentions stay as Slack wrote them.
	 */
	static String plain(String slackText) {
		Matcher m = LINK.matcher(slackText);
		StringBuilder out = new StringBuilder();
		while (m.find()) {
			String url = m.group(1);
			String label = m.group(2);
			String written = (label == null || label.isBlank() || label.equals(url)) ? url : label + " (" + url + ")";
			m.appendReplacement(out, Matcher.quoteReplacement(written));
		}
		m.appendTail(out);
		return out.toString().replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
	}

}
