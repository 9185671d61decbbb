package dev.kotae.channels.line;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.kotae.MutableClock;
import dev.kotae.TestHttp;
import dev.kotae.TestHttp.Response;
import dev.kotae.bot.conversation.Attributes;
import dev.kotae.bot.conversation.Message;
import dev.kotae.bot.conversation.Message.Kind;
import dev.kotae.bot.conversation.Message.Sender;
import dev.kotae.bot.conversation.Transcripts;
import dev.kotae.channels.line.FakeLine.Call;
import dev.kotae.kb.faq.Language;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.kotae.channels.line.LineWebhookBodies.eventId;
import static dev.kotae.channels.line.LineWebhookBodies.fixture;
import static dev.kotae.channels.line.LineWebhookBodies.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The LINE channel on the real app, against a fake Messaging API on loopback that records every call:
 * signatures, LINE's verify call, the greeting on follow, answers in plain text with quick replies,
 * picks, votes and "talk to a person", an agent's replies pushed, redelivered events, retried pushes,
 * the reply-to-push fallback, stickers, unfollow and long answers. LINE's requests are recorded
 * fixtures under {@code src/test/resources/line/}, filled in and signed for real with the test
 * channel secret.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:line;DB_CLOSE_DELAY=-1",
				"kotae.security.admin-password=" + TestHttp.ADMIN_PASSWORD, "kotae.nlu.enabled=false",
				"kotae.web.rate-limit.enabled=false", "kotae.security.users[0].name=sato",
				"kotae.security.users[0].password=sato-secret", "kotae.security.users[0].roles=agent",
				"kotae.line.enabled=true", "kotae.line.channel-secret=" + LineWebhookIntegrationTests.SECRET,
				"kotae.line.channel-token=" + LineWebhookIntegrationTests.TOKEN })
@Import(MutableClock.Config.class)
@DirtiesContext
class LineWebhookIntegrationTests {

	static final String SECRET = "test-channel-secret-5d41402abc4b2a76";

	static final String TOKEN = "test-channel-access-token";

	static final Duration WAIT = Duration.ofSeconds(10);

	static final FakeLine line = FakeLine.start();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String PUSH = "/v2/bot/message/push";

	@DynamicPropertySource
	static void lineApi(DynamicPropertyRegistry registry) {
		registry.add("kotae.line.api-base-url", line::baseUrl);
		registry.add("kotae.line.data-api-base-url", line::baseUrl);
	}

	@AfterAll
	static void stopLine() {
		line.close();
	}

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Transcripts transcripts;

	@BeforeEach
	void businessHours() {
		this.clock.set(MutableClock.Config.TUESDAY_10_TOKYO);
	}

	@Test
	void aMissingOrWrongSignatureGets401AndNothingIsStoredOrSent() {
		LineUser user = new LineUser();
		String eventId = eventId();
		String body = fixture("message_text.json",
				Map.of("userId", user.id, "eventId", eventId, "replyToken", hex(16), "text", "こんにちは"));

		Response wrong = webhook(body, sign(body.replace("こんにちは", "さようなら")));
		Response missing = webhook(body, null);
		Response garbage = webhook(body, "not base64 at all!");

		for (Response response : List.of(wrong, missing, garbage)) {
			assertThat(response.status()).isEqualTo(401);
			assertThat(response.header("Content-Type")).startsWith("application/problem+json");
			assertThat(response.json().get("type").asString()).isEqualTo("urn:kotae:problem:invalid-line-signature");
		}
		await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> line.about(user.id).isEmpty());
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM line_event WHERE webhook_event_id = ?").param(eventId)
			.query(Integer.class).single()).isZero();
		assertThat(user.conversationId()).isNull();
	}

	@Test
	void linesVerifyCallWithoutEventsGets200() {
		Response response = webhook(fixture("verify.json", Map.of()));
		assertThat(response.status()).isEqualTo(200);
	}

	@Test
	void followRepliesWithTheGreetingAndPopularFaqsAsQuickReplies() {
		LineUser user = new LineUser();
		String replyToken = user.follow();

		Call reply = line.replies(replyToken).get(0);
		assertThat(reply.method()).isEqualTo("POST");
		assertThat(reply.authorization()).isEqualTo("Bearer " + TOKEN);
		Message greeting = user.transcript().get(0);
		assertThat(greeting.kind()).isEqualTo(Kind.GREETING);
		assertThat(greeting.choices()).isNotEmpty();
		JsonNode body = reply.json();
		assertThat(body.get("replyToken").asString()).isEqualTo(replyToken);
		assertThat(body.get("messages")).hasSize(1);
		JsonNode message = body.get("messages").get(0);
		assertThat(message.get("type").asString()).isEqualTo("text");
		assertThat(message.get("text").asString()).isEqualTo(greeting.text()).startsWith("こんにちは");
		JsonNode items = message.get("quickReply").get("items");
		assertThat(items).hasSize(greeting.choices().size() + 1);
		for (int i = 0; i < greeting.choices().size(); i++) {
			Message.Choice choice = greeting.choices().get(i);
			JsonNode item = items.get(i);
			assertThat(item.get("type").asString()).isEqualTo("action");
			assertThat(item.get("action").get("type").asString()).isEqualTo("postback");
			assertThat(item.get("action").get("data").asString())
				.isEqualTo("pick:" + greeting.id() + ":" + choice.faqId());
			assertThat(item.get("action").get("label").asString())
				.isEqualTo(LineMessages.shorten(choice.question(), 20))
				.hasSizeLessThanOrEqualTo(20);
			assertThat(item.get("action").get("displayText").asString()).isEqualTo(choice.question());
		}
		JsonNode human = items.get(items.size() - 1).get("action");
		assertThat(human.get("data").asString()).isEqualTo("human");
		assertThat(human.get("label").asString()).isEqualTo("担当者と話す");

		// the LINE display name is fetched once, for agents, and the conversation is a LINE one
		assertThat(line.calls("/v2/bot/profile/" + user.id)).hasSize(1);
		Map<String, Object> conversation = this.jdbc
			.sql("SELECT channel, locale, attributes FROM conversation WHERE id = ?").param(user.conversationId())
			.query().singleRow();
		assertThat(conversation.get("CHANNEL")).isEqualTo("line");
		assertThat(conversation.get("LOCALE")).isEqualTo("ja");
		assertThat(Attributes.parse((String) conversation.get("ATTRIBUTES")))
			.containsEntry("lineDisplayName", FakeLine.DISPLAY_NAME);
	}

	@Test
	void aTextMessageIsAnsweredInPlainTextWithFeedbackButtonsAndStoredMasked() {
		String faqId = "ja-line-md-" + UUID.randomUUID().toString().substring(0, 8);
		String question = "LINE連携の通知が届かないときはどうすればよいですか？";
		publishFaq(faqId, question, "## 確認すること\n\n- **通知設定**を開く\n- [ヘルプ](https://help.example/line)を見る\n\n`LINE` の設定も確認してください。");
		LineUser user = new LineUser();
		String replyToken = user.say(question + " 連絡先は taro.yamada@example.com です");

		assertThat(this.jdbc.sql("SELECT m.body FROM message m JOIN conversation c ON c.id = m.conversation_id "
				+ "WHERE c.channel = 'line' AND c.user_id = ? AND m.sender = 'user'").param(user.id)
			.query(String.class).list()).singleElement().satisfies((text) -> assertThat(text)
				.contains("[email]")
				.doesNotContain("taro.yamada@example.com"));
		assertThat(line.calls("/v2/bot/chat/loading/start"))
			.anySatisfy((c) -> assertThat(c.json().get("chatId").asString()).isEqualTo(user.id));

		Message bot = user.lastFromBot();
		JsonNode reply = line.replies(replyToken).get(0).json();
		if (bot.kind() == Kind.CHOICES) {
			assertQuickReplies(reply, bot);
			Message.Choice choice = bot.choices().stream()
				.filter((c) -> c.faqId().equals(faqId))
				.findFirst()
				.orElse(bot.choices().get(0));
			replyToken = user.postback("pick:" + bot.id() + ":" + choice.faqId());
			bot = user.lastFromBot();
			reply = line.replies(replyToken).get(0).json();
		}
		assertThat(bot.kind()).as("%s: %s", bot.kind(), bot.reason()).isEqualTo(Kind.ANSWER);
		assertThat(bot.faqId()).isEqualTo(faqId);
		assertAnswer(reply, bot);
		assertThat(reply.get("messages").get(0).get("text").asString()).isEqualTo(
				"確認すること\n\n・通知設定を開く\n・ヘルプ (https://help.example/line)を見る\n\nLINE の設定も確認してください。");
	}

	@Test
	void aRedeliveredEventIsProcessedOnce() {
		LineUser user = new LineUser();
		String eventId = eventId();
		String replyToken = hex(16);
		String body = fixture("message_text.json",
				Map.of("userId", user.id, "eventId", eventId, "replyToken", replyToken, "text", "請求書をダウンロードしたい"));
		ObjectNode redelivered = (ObjectNode) JSON.readTree(body);
		((ObjectNode) redelivered.get("events").get(0).get("deliveryContext")).put("isRedelivery", true);

		assertThat(webhook(body).status()).isEqualTo(200);
		assertThat(webhook(JSON.writeValueAsString(redelivered)).status()).isEqualTo(200);
		assertThat(webhook(body).status()).isEqualTo(200);

		await().atMost(WAIT).until(() -> line.replies(replyToken).size() == 1);
		await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> line.replies(replyToken).size() == 1);
		assertThat(user.transcript()).filteredOn((m) -> m.sender() == Sender.USER).hasSize(1);
		assertThat(line.pushes(user.id)).isEmpty();
	}

	@Test
	void aRedeliveredEventWhoseReplyTokenHasExpiredIsPushed() {
		LineUser user = new LineUser();
		String replyToken = hex(16);
		String body = fixture("message_sticker.json",
				Map.of("userId", user.id, "eventId", eventId(), "replyToken", replyToken), Instant.now().minusSeconds(300));
		ObjectNode redelivered = (ObjectNode) JSON.readTree(body);
		((ObjectNode) redelivered.get("events").get(0).get("deliveryContext")).put("isRedelivery", true);

		assertThat(webhook(JSON.writeValueAsString(redelivered)).status()).isEqualTo(200);
		await().atMost(WAIT).until(() -> pushedTexts(user).equals(List.of(LineTexts.get(Language.JA, "unsupported"))));
		assertThat(line.replies(replyToken)).isEmpty();
	}

	@Test
	void aPickedFaqIsAnsweredTalkToAPersonEscalatesAndTheAgentsRepliesArePushed() {
		LineUser user = new LineUser();
		user.follow();
		Message greeting = user.transcript().get(0);
		String pickToken = user.postback("pick:" + greeting.id() + ":" + greeting.choices().get(0).faqId());
		Message answer = user.lastFromBot();
		assertThat(answer.kind()).isEqualTo(Kind.ANSWER);
		assertThat(answer.faqId()).isEqualTo(greeting.choices().get(0).faqId());
		assertAnswer(line.replies(pickToken).get(0).json(), answer);

		// a vote gets a thank-you
		String voteToken = user.postback("feedback:" + answer.id() + ":1");
		assertThat(line.replies(voteToken).get(0).json().get("messages").get(0).get("text").asString())
			.isEqualTo(LineTexts.get(Language.JA, "feedback.thanks"));
		assertThat(user.transcript()).filteredOn((m) -> m.id() == answer.id())
			.singleElement()
			.satisfies((m) -> assertThat(m.helpful()).isTrue());

		String humanToken = user.postback("human");
		Message escalation = user.lastFromBot();
		assertThat(escalation.kind()).isEqualTo(Kind.ESCALATE);
		JsonNode escalated = line.replies(humanToken).get(0).json().get("messages").get(0);
		assertThat(escalated.get("text").asString()).isEqualTo(escalation.text()).contains("番目");
		assertThat(escalated.has("quickReply")).isFalse();
		assertThat(status(user)).isEqualTo("waiting");

		TestHttp sato = new TestHttp(this.port).as("sato", "sato-secret");
		assertThat(sato.postJson("/api/v1/handoffs/" + user.conversationId() + "/claim", "{}").status())
			.isEqualTo(200);
		await().atMost(WAIT).until(() -> pushedTexts(user).contains("担当者の sato が対応します。"));
		String text = "佐藤です。ご不便をおかけしています。すぐに確認します。";
		assertThat(sato.postJson("/api/v1/conversations/" + user.conversationId() + "/agent-messages",
				"{\"text\":" + TestHttp.quote(text) + "}").status()).isEqualTo(201);

		await().atMost(WAIT).until(() -> pushedTexts(user).contains(text));
		List<Call> pushes = line.pushes(user.id).stream().filter((c) -> c.body().contains(text)).toList();
		assertThat(pushes).singleElement().satisfies((push) -> {
			assertThat(push.status()).isEqualTo(200);
			assertThat(push.authorization()).isEqualTo("Bearer " + TOKEN);
			assertThat(UUID.fromString(push.retryKey())).isNotNull();
			assertThat(push.json()).isEqualTo(JSON.readTree("{\"to\":\"" + user.id
					+ "\",\"messages\":[{\"type\":\"text\",\"text\":\"" + text + "\"}]}"));
		});

		// while the agent has the conversation the bot keeps quiet: the message is stored, nothing answers it
		String quietToken = user.send("message_text.json", Map.of("text", "ありがとうございます"));
		await().atMost(WAIT).until(() -> user.transcript().stream()
			.anyMatch((m) -> m.sender() == Sender.USER && m.text().equals("ありがとうございます")));
		await().during(Duration.ofMillis(700)).atMost(WAIT).until(() -> line.replies(quietToken).isEmpty());
	}

	@Test
	void aPushThatFailsIsTriedAgainWithTheSameRetryKeyAndSentOnce() {
		LineUser user = withAgent();
		String afterError = "一度目は500で失敗するメッセージ";
		line.failNext(PUSH, (body) -> body.contains(afterError), 1, 500);
		agentSays(user, afterError);
		String afterRateLimit = "一度目は429で待たされるメッセージ";
		line.failNext(PUSH, (body) -> body.contains(afterRateLimit), 1, 429);
		agentSays(user, afterRateLimit);
		String answerLost = "受け付けられたのに応答が失われたメッセージ";
		line.acceptButFailNext(PUSH, (body) -> body.contains(answerLost), 1, 500);
		agentSays(user, answerLost);

		for (String text : List.of(afterError, afterRateLimit, answerLost)) {
			await().atMost(WAIT).until(() -> attempts(user, text).stream().anyMatch((c) -> c.status() != 500
					&& c.status() != 429));
		}
		assertThat(attempts(user, afterError)).extracting(Call::status).containsExactly(500, 200);
		assertThat(attempts(user, afterRateLimit)).extracting(Call::status).containsExactly(429, 200);
		// LINE took the first attempt; the second, with the same key, is answered 409: sent, once
		assertThat(attempts(user, answerLost)).extracting(Call::status).containsExactly(500, 409);
		for (String text : List.of(afterError, afterRateLimit, answerLost)) {
			assertThat(attempts(user, text)).extracting(Call::retryKey).doesNotContainNull().containsOnly(
					attempts(user, text).get(0).retryKey());
		}
		// and they arrive in the order the agent wrote them
		List<String> order = pushedTexts(user).stream()
			.filter((t) -> List.of(afterError, afterRateLimit, answerLost).contains(t))
			.toList();
		assertThat(order).containsExactly(afterError, afterRateLimit);
		await().atMost(WAIT).until(() -> this.jdbc
			.sql("SELECT COUNT(*) FROM line_outbox WHERE line_user_id = ? AND status <> 'sent'").param(user.id)
			.query(Integer.class).single() == 0);
	}

	@Test
	void aReplyThatLineRefusesIsPushedInstead() {
		LineUser user = new LineUser();
		String replyToken = hex(16);
		line.failNext("/v2/bot/message/reply", (body) -> body.contains(replyToken), 1, 400);
		user.send("message_sticker.json", Map.of("replyToken", replyToken));

		await().atMost(WAIT).until(() -> !pushedTexts(user).isEmpty());
		assertThat(line.replies(replyToken)).extracting(Call::status).containsExactly(400);
		assertThat(line.pushes(user.id)).singleElement().satisfies((push) -> {
			assertThat(push.retryKey()).isNotBlank();
			assertThat(push.json().get("messages")).isEqualTo(line.replies(replyToken).get(0).json().get("messages"));
		});
	}

	@Test
	void aStickerGetsAPoliteText() {
		LineUser user = new LineUser();
		String replyToken = user.send("message_sticker.json", Map.of());
		await().atMost(WAIT).until(() -> line.replies(replyToken).size() == 1);
		JsonNode messages = line.replies(replyToken).get(0).json().get("messages");
		assertThat(messages).hasSize(1);
		assertThat(messages.get(0).get("text").asString()).isEqualTo(LineTexts.get(Language.JA, "unsupported"));
		assertThat(user.transcript()).filteredOn((m) -> m.sender() == Sender.USER).isEmpty();
	}

	@Test
	void unfollowEndsTheConversationWithoutPushingToTheUser() {
		LineUser user = withAgent();
		int pushesBefore = line.pushes(user.id).size();
		user.send("unfollow.json", Map.of());

		await().atMost(WAIT).until(() -> "closed".equals(status(user)));
		await().during(Duration.ofMillis(700)).atMost(WAIT).until(() -> line.pushes(user.id).size() == pushesBefore);
		assertThat(this.jdbc.sql("SELECT status FROM handoff WHERE conversation_id = ?").param(user.conversationId())
			.query(String.class).list()).containsOnly("closed");
	}

	@Test
	void aLongAnswerIsSplitIntoSeveralPlainTextMessages() {
		String id = "ja-line-long-" + UUID.randomUUID().toString().substring(0, 8);
		String question = "LINEで長い回答を受け取るテスト用の質問 " + id;
		StringBuilder answer = new StringBuilder("## 長い回答\n\n");
		for (int i = 1; answer.length() < 12_000; i++) {
			answer.append("**手順").append(i).append("** は [ヘルプ](https://help.example/").append(i)
				.append(") をご覧ください。").append("詳しい説明が続きます。".repeat(20)).append("\n\n");
		}
		publishFaq(id, question, answer.toString());

		LineUser user = new LineUser();
		String replyToken = user.say(question);
		Message bot = user.lastFromBot();
		if (bot.kind() == Kind.CHOICES) {
			replyToken = user.postback("pick:" + bot.id() + ":" + id);
			bot = user.lastFromBot();
		}
		assertThat(bot.faqId()).isEqualTo(id);
		JsonNode messages = line.replies(replyToken).get(0).json().get("messages");
		List<String> expected = PlainText.split(PlainText.of(answer.toString()), 5);
		assertThat(expected).hasSizeGreaterThan(2);
		assertThat(messages).hasSize(expected.size());
		for (int i = 0; i < expected.size(); i++) {
			String text = messages.get(i).get("text").asString();
			assertThat(text).isEqualTo(expected.get(i)).hasSizeLessThanOrEqualTo(5000).doesNotContain("**", "](");
			assertThat(messages.get(i).has("quickReply")).isEqualTo(i == expected.size() - 1);
		}
		assertThat(messages.get(0).get("text").asString()).startsWith("長い回答\n\n手順1 は ヘルプ (https://help.example/1) をご覧ください。");
	}

	// --- helpers

	/** Publishes an FAQ through the admin API and waits until search finds it. */
	private void publishFaq(String id, String question, String answer) {
		TestHttp admin = new TestHttp(this.port).asAdmin();
		Response created = admin.postJson("/api/v1/faqs", """
				{"id": %s, "locale": "ja", "question": %s, "answer": %s, "category": "account", "status": "published"}"""
			.formatted(TestHttp.quote(id), TestHttp.quote(question), TestHttp.quote(answer)));
		assertThat(created.status()).isEqualTo(201);
		await().atMost(WAIT).until(() -> admin.get("/api/v1/search?locale=ja&q="
				+ URLEncoder.encode(question, StandardCharsets.UTF_8)).body().contains(id));
	}

	private void assertAnswer(JsonNode reply, Message answer) {
		List<String> expected = PlainText.split(PlainText.of(answer.text()), 5);
		JsonNode messages = reply.get("messages");
		assertThat(messages).hasSize(expected.size());
		for (int i = 0; i < expected.size(); i++) {
			assertThat(messages.get(i).get("type").asString()).isEqualTo("text");
			assertThat(messages.get(i).get("text").asString()).isEqualTo(expected.get(i)).doesNotContain("**");
		}
		assertQuickReplies(reply, answer);
	}

	/** The last message's quick replies: the offered FAQs or the votes, then "talk to a person". */
	private void assertQuickReplies(JsonNode reply, Message bot) {
		JsonNode messages = reply.get("messages");
		JsonNode items = messages.get(messages.size() - 1).get("quickReply").get("items");
		List<String> data = new ArrayList<>();
		items.forEach((item) -> {
			assertThat(item.get("type").asString()).isEqualTo("action");
			assertThat(item.get("action").get("type").asString()).isEqualTo("postback");
			data.add(item.get("action").get("data").asString());
		});
		List<String> expected = new ArrayList<>();
		if (bot.kind() == Kind.ANSWER) {
			expected.add("feedback:" + bot.id() + ":1");
			expected.add("feedback:" + bot.id() + ":0");
		}
		else {
			bot.choices().forEach((c) -> expected.add("pick:" + bot.id() + ":" + c.faqId()));
		}
		expected.add("human");
		assertThat(data).isEqualTo(expected);
	}

	/** A LINE user whose conversation an agent (sato) has taken. */
	private LineUser withAgent() {
		LineUser user = new LineUser();
		user.follow();
		user.postback("human");
		assertThat(new TestHttp(this.port).as("sato", "sato-secret")
			.postJson("/api/v1/handoffs/" + user.conversationId() + "/claim", "{}")
			.status()).isEqualTo(200);
		await().atMost(WAIT).until(() -> pushedTexts(user).contains("担当者の sato が対応します。"));
		return user;
	}

	private void agentSays(LineUser user, String text) {
		assertThat(new TestHttp(this.port).as("sato", "sato-secret")
			.postJson("/api/v1/conversations/" + user.conversationId() + "/agent-messages",
					"{\"text\":" + TestHttp.quote(text) + "}")
			.status()).isEqualTo(201);
	}

	private static List<Call> attempts(LineUser user, String text) {
		return line.pushes(user.id).stream().filter((c) -> c.body().contains(text)).toList();
	}

	/** The texts LINE accepted in pushes to the user, in order. */
	private static List<String> pushedTexts(LineUser user) {
		List<String> texts = new ArrayList<>();
		line.pushes(user.id).stream().filter(Call::accepted).forEach((c) -> c.json().get("messages")
			.forEach((m) -> texts.add(m.get("text").asString())));
		return texts;
	}

	private String status(LineUser user) {
		return this.jdbc.sql("SELECT status FROM conversation WHERE id = ?").param(user.conversationId())
			.query(String.class).single();
	}

	private Response webhook(String body) {
		return webhook(body, sign(body));
	}

	private Response webhook(String body, String signature) {
		TestHttp http = new TestHttp(this.port);
		if (signature != null) {
			http.header("X-Line-Signature", signature);
		}
		return http.postJson("/line/webhook", body);
	}

	/** One LINE user, new for each test. */
	private final class LineUser {

		final String id = "U" + hex(16);

		/** Sends a fixture for this user with a new event id and reply token; returns the token. */
		String send(String fixture, Map<String, String> values) {
			String replyToken = values.getOrDefault("replyToken", hex(16));
			Map<String, String> all = new java.util.HashMap<>(values);
			all.put("userId", this.id);
			all.put("eventId", eventId());
			all.put("replyToken", replyToken);
			Response response = webhook(fixture(fixture, all));
			assertThat(response.status()).isEqualTo(200);
			return replyToken;
		}

		/** Follows the account and waits for the greeting; returns its reply token. */
		String follow() {
			return answered(send("follow.json", Map.of()));
		}

		/** Says something and waits for the bot's reply; returns its reply token. */
		String say(String text) {
			return answered(send("message_text.json", Map.of("text", text)));
		}

		/** Taps a quick reply and waits for the reply; returns its reply token. */
		String postback(String data) {
			return answered(send("postback.json", Map.of("data", data)));
		}

		private String answered(String replyToken) {
			await().atMost(WAIT).until(() -> line.replies(replyToken).size() == 1);
			return replyToken;
		}

		String conversationId() {
			return LineWebhookIntegrationTests.this.jdbc
				.sql("SELECT id FROM conversation WHERE channel = 'line' AND user_id = ?")
				.param(this.id)
				.query(String.class)
				.optional()
				.orElse(null);
		}

		List<Message> transcript() {
			return LineWebhookIntegrationTests.this.transcripts.messages(conversationId(), 0, 500);
		}

		Message lastFromBot() {
			List<Message> fromBot = transcript().stream().filter((m) -> m.sender() == Sender.BOT).toList();
			return fromBot.get(fromBot.size() - 1);
		}

	}

	/** {@code X-Line-Signature} with this test's channel secret. */
	static String sign(String body) {
		return LineWebhookBodies.sign(body, SECRET);
	}

}
