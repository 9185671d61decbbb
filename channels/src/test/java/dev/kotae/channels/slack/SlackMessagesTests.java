package dev.kotae.channels.slack;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.kotae.bot.conversation.Channel;
import dev.kotae.bot.conversation.Conversation;
import dev.kotae.bot.conversation.Message;
import dev.kotae.bot.conversation.Message.Kind;
import dev.kotae.bot.conversation.Message.Sender;
import dev.kotae.bot.handoff.Handoff;
import dev.kotae.bot.handoff.HandoffStatus;
import dev.kotae.channels.slack.SlackThreads.SlackThread;
import dev.kotae.kb.faq.Language;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-off message and its states; what users and agents write is escaped both ways. */
class SlackMessagesTests {

	private static final Instant AT = Instant.parse("2026-11-24T01:00:00Z");

	private final JsonMapper json = JsonMapper.builder().build();

	private final SlackMessages messages = new SlackMessages(this.json);

	private final Conversation conversation = new Conversation("c-1", "demo", Channel.WEB, Language.EN, null,
			Map.of("plan", "pro"), AT, Conversation.Status.WAITING, false);

	@Test
	void theParentShowsTheLastQuestionsTheBotsAttemptsAndTheConversation() {
		// newest first, as Transcripts.recent returns them
		List<Message> recent = List.of(message(4, Sender.BOT, Kind.ESCALATE, "Let me find a person", 1.0),
				message(3, Sender.USER, Kind.HUMAN_REQUEST, "", null),
				message(2, Sender.BOT, Kind.ANSWER, "Click **Forgot password?**", 0.72),
				message(1, Sender.USER, Kind.TEXT, "Reset my password <!channel> & more", null));
		Handoff handoff = handoff(HandoffStatus.WAITING, null);
		ArrayNode summary = this.messages.summary(handoff, this.conversation, recent);
		ObjectNode parent = this.messages.parent("C1", handoff, summary, recent);

		assertThat(parent.get("text").asString())
			.isEqualTo("A user is waiting for a person (requested_human): Reset my password &lt;!channel&gt; &amp; more");
		List<String> texts = texts(parent);
		assertThat(texts.get(0)).startsWith(":raising_hand: *A user is waiting for a person* · reason `requested_human`");
		assertThat(texts.get(1)).isEqualTo("*The user asked*\n>Reset my password &lt;!channel&gt; &amp; more");
		assertThat(texts.get(2)).isEqualTo("*The bot tried*\n• `answer` 0.72 — Click **Forgot password?**\n"
				+ "• `escalate` 1.00 — handed over (requested_human)");
		assertThat(texts.get(3)).isEqualTo("web · site `demo` · `en` · plan=pro · conversation `c-1`");
		assertThat(buttons(parent)).containsExactly("kotae_take", "kotae_return", "kotae_close");
	}

	@Test
	void eachStateChangesTheFirstLineAndTheButtons() {
		SlackThread inSlack = new SlackThread(1, "c-1", "C1", "1.2", 0, "[]", "U0SATO", "sato");
		ObjectNode taken = this.messages.update(handoff(HandoffStatus.ACTIVE, "sato"), inSlack);
		assertThat(texts(taken).get(0)).startsWith(":technologist: *Taken by <@U0SATO> (sato)*");
		assertThat(buttons(taken)).containsExactly("kotae_return", "kotae_close");

		SlackThread fromConsole = new SlackThread(1, "c-1", "C1", "1.2", 0, "[]", null, "suzuki");
		assertThat(texts(this.messages.update(handoff(HandoffStatus.ACTIVE, "suzuki"), fromConsole)).get(0))
			.startsWith(":technologist: *Taken by suzuki* (web console)");
		assertThat(buttons(this.messages.update(handoff(HandoffStatus.RETURNED, "sato"), inSlack))).isEmpty();
		ObjectNode closed = this.messages.update(handoff(HandoffStatus.CLOSED, null), fromConsole);
		assertThat(closed.get("text").asString()).isEqualTo("Closed (closed_in_slack)");
		assertThat(buttons(closed)).isEmpty();
	}

	@Test
	void slackTextBecomesPlainTextForTheUser() {
		assertThat(SlackMessages.plain("Fish &amp; chips &lt;3 see <https://example.com/help|our help> or "
				+ "<https://example.com/a>")).isEqualTo("Fish & chips <3 see our help (https://example.com/help) or "
						+ "https://example.com/a");
		assertThat(SlackMessages.escape("<@U123> & <!here>")).isEqualTo("&lt;@U123&gt; &amp; &lt;!here&gt;");
	}

	private static Handoff handoff(HandoffStatus status, String agent) {
		return new Handoff(7, "c-1", status, "requested_human", AT, null, agent, null, null, null, null,
				(status == HandoffStatus.CLOSED) ? "closed_in_slack" : null, false);
	}

	private static Message message(long id, Sender sender, Kind kind, String text, Double confidence) {
		return new Message(id, "c-1", null, sender, kind, text, null, null,
				(kind == Kind.ESCALATE) ? "requested_human" : null, confidence, List.of(), AT, null);
	}

	private static List<String> texts(JsonNode body) {
		return body.get("blocks")
			.valueStream()
			.map((b) -> b.get("type").asString().equals("context") ? b.get("elements").get(0).get("text").asString()
					: b.path("text").path("text").asString(null))
			.filter((t) -> t != null)
			.toList();
	}

	private static List<String> buttons(JsonNode body) {
		return body.get("blocks")
			.valueStream()
			.filter((b) -> b.get("type").asString().equals("actions"))
			.flatMap((b) -> b.get("elements").valueStream())
			.map((e) -> e.get("action_id").asString())
			.toList();
	}

}
