package dev.kotae.channels.line;

import java.time.Instant;
import java.util.List;

import dev.kotae.bot.conversation.Message;
import dev.kotae.bot.conversation.Message.Choice;
import dev.kotae.bot.conversation.Message.Kind;
import dev.kotae.bot.conversation.Message.Sender;
import dev.kotae.channels.line.LineMessages.Postback;
import dev.kotae.kb.faq.Language;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The bot's messages as LINE message objects, and Kotae's postback data read back. */
class LineMessagesTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final LineMessages messages = new LineMessages(JSON);

	@Test
	void offeredFaqsBecomePostbackQuickRepliesWithTalkToAPersonLast() {
		Message choices = bot(Kind.CHOICES, "もしかして、次のどれかでしょうか？",
				List.of(new Choice("ja-a", "パスワードを忘れた場合はどうすればよいですか？"), new Choice("ja-b", "短い質問")));
		ArrayNode line = this.messages.bot(choices, Language.JA);
		assertThat(line).isEqualTo(JSON.readTree("""
				[{"type": "text", "text": "もしかして、次のどれかでしょうか？", "quickReply": {"items": [
				  {"type": "action", "action": {"type": "postback", "label": "パスワードを忘れた場合はどうすればよい…",
				   "data": "pick:42:ja-a", "displayText": "パスワードを忘れた場合はどうすればよいですか？"}},
				  {"type": "action", "action": {"type": "postback", "label": "短い質問", "data": "pick:42:ja-b",
				   "displayText": "短い質問"}},
				  {"type": "action", "action": {"type": "postback", "label": "担当者と話す", "data": "human",
				   "displayText": "担当者と話す"}}]}}]"""));
	}

	@Test
	void anAnswerIsPlainTextWithVotesOnItsLastMessage() {
		Message answer = bot(Kind.ANSWER,
				"**Yes.** See [help](https://h.example). " + "word ".repeat(700) + "\n\n" + "*more* ".repeat(700), List.of());
		ArrayNode line = this.messages.bot(answer, Language.EN);
		assertThat(line).hasSize(2);
		assertThat(line.get(0).get("text").asString())
			.isEqualTo("Yes. See help (https://h.example). " + "word ".repeat(700).strip());
		assertThat(line.get(1).get("text").asString()).isEqualTo("more ".repeat(700).strip());
		assertThat(line.get(0).has("quickReply")).isFalse();
		JsonNode items = line.get(1).get("quickReply").get("items");
		assertThat(items).extracting((i) -> i.get("action").get("data").asString())
			.containsExactly("feedback:42:1", "feedback:42:0", "human");
		assertThat(items).extracting((i) -> i.get("action").get("label").asString())
			.containsExactly("👍 Helpful", "👎 Not helpful", "Talk to a person");
	}

	@Test
	void otherMessagesArePlainTexts() {
		assertThat(this.messages.bot(bot(Kind.ESCALATE, "担当者におつなぎします。", List.of()), Language.JA))
			.isEqualTo(JSON.readTree("[{\"type\":\"text\",\"text\":\"担当者におつなぎします。\"}]"));
		assertThat(this.messages.push("U1", this.messages.text("hi", 1)))
			.isEqualTo("{\"to\":\"U1\",\"messages\":[{\"type\":\"text\",\"text\":\"hi\"}]}");
	}

	@Test
	void postbackDataIsReadBackAndAnythingElseIsNotKotaes() {
		assertThat(LineMessages.postback("pick:42:ja-account-password-reset"))
			.isEqualTo(new Postback.Pick(42, "ja-account-password-reset"));
		assertThat(LineMessages.postback("feedback:7:0")).isEqualTo(new Postback.Feedback(7, false));
		assertThat(LineMessages.postback("feedback:7:1")).isEqualTo(new Postback.Feedback(7, true));
		assertThat(LineMessages.postback("human")).isEqualTo(new Postback.Human());
		assertThat(List.of("richmenu=1", "pick:x:y", "pick:1:", "feedback:1:2", "", "human ")).allSatisfy(
				(data) -> assertThat(LineMessages.postback(data)).isNull());
		assertThat(LineMessages.postback(null)).isNull();
	}

	@Test
	void labelsAreShortenedToLinesLimitWithoutSplittingEmoji() {
		assertThat(LineMessages.shorten("12345678901234567890", 20)).isEqualTo("12345678901234567890");
		assertThat(LineMessages.shorten("123456789012345678901", 20)).isEqualTo("1234567890123456789…");
		assertThat(LineMessages.shorten("1234567890123456789😀x", 20)).isEqualTo("1234567890123456789…");
		assertThat(LineMessages.shorten("123456789012345678😀xx", 20)).isEqualTo("123456789012345678…");
		assertThat(LineMessages.shorten("  two\n lines ", 20)).isEqualTo("two lines");
	}

	private static Message bot(Kind kind, String text, List<Choice> choices) {
		return new Message(42, "c1", null, Sender.BOT, kind, text, null, null, null, null, choices, Instant.EPOCH, null);
	}

}
