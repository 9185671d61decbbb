package dev.kotae.channels.slack;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.kotae.MutableClock;
import dev.kotae.TestHttp;
import dev.kotae.TestHttp.Response;
import dev.kotae.bot.handoff.Handoffs;
import dev.kotae.channels.slack.FakeSlack.Call;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Slack hand-off channel on the real app, against a fake Slack Web API on loopback that records
 * every call: the hand-off message, Take / Return to bot / Close, replies in the thread both ways,
 * claims and replies from the web console, signature checks, Slack's URL check, rate limits and the
 * SLA alert. Slack's requests are recorded fixtures under
 * {@code src/test/resources/slack/}, filled in and signed for real with the test signing secret.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:slack;DB_CLOSE_DELAY=-1",
				"kotae.security.admin-password=" + TestHttp.ADMIN_PASSWORD, "kotae.nlu.enabled=false",
				"kotae.web.rate-limit.enabled=false", "kotae.slack.enabled=true",
				"kotae.slack.bot-token=xoxb-test-token", "kotae.slack.signing-secret=" + SlackIntegrationTests.SECRET,
				"kotae.slack.channel=" + SlackIntegrationTests.CHANNEL })
@Import(MutableClock.Config.class)
@DirtiesContext
class SlackIntegrationTests {

	static final String SECRET = "test-signing-secret-8f14e45fceea167a";

	static final String CHANNEL = "C0HANDOFF";

	static final Duration WAIT = Duration.ofSeconds(10);

	static final FakeSlack slack = FakeSlack.start();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final AtomicInteger messageTs = new AtomicInteger(500);

	@DynamicPropertySource
	static void slackApi(DynamicPropertyRegistry registry) {
		registry.add("kotae.slack.api-url", slack::apiUrl);
	}

	@AfterAll
	static void stopSlack() {
		slack.close();
	}

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	@Autowired
	Handoffs handoffs;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void businessHours() {
		this.clock.set(MutableClock.Config.TUESDAY_10_TOKYO);
	}

	@Test
	void aHandOffIsPostedOnceToTheChannelWithTheQuestionAndThreeButtons() {
		User user = start();
		JsonNode botReply = user.say("How do I reset my password?");
		assertThat(botReply.get("kind").asString()).isIn("answer", "choices");
		user.askForAPerson();

		await().atMost(WAIT).until(() -> parents(user).size() == 1);
		await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> parents(user).size() == 1);
		JsonNode body = parents(user).get(0).json();
		assertThat(body.get("channel").asString()).isEqualTo(CHANNEL);
		assertThat(body.has("thread_ts")).isFalse();
		assertThat(body.get("text").asString())
			.isEqualTo("A user is waiting for a person (requested_human): How do I reset my password?");
		assertThat(sectionTexts(body)).anySatisfy((text) -> assertThat(text)
			.isEqualTo("*The user asked*\n>How do I reset my password?"));
		assertThat(sectionTexts(body)).anySatisfy((text) -> assertThat(text).startsWith("*The bot tried*\n• `"
				+ botReply.get("kind").asString() + "`"));
		assertThat(actions(body)).extracting((b) -> b.get("action_id").asString())
			.containsExactly("kotae_take", "kotae_return", "kotae_close");
		assertThat(actions(body)).extracting((b) -> b.get("value").asString()).containsOnly(user.id);
		assertThat(slack.calls("chat.postMessage").get(0).contentType()).startsWith("application/json");
	}

	@Test
	void takeClaimsTheHandOffForTheSlackUserAndASecondTakeIsToldWhoHasIt() {
		User user = start();
		user.askForAPerson();
		String ts = parentTs(user);

		long started = System.nanoTime();
		Response take = interact("take", user, ts, "U0SATO", "sato");
		assertThat(take.status()).isEqualTo(200);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));

		await().atMost(WAIT).untilAsserted(() -> {
			JsonNode handoff = handoff(user);
			assertThat(handoff.get("status").asString()).isEqualTo("active");
			assertThat(handoff.get("agent").asString()).isEqualTo("sato");
		});
		JsonNode update = await().atMost(WAIT).until(() -> updates(ts), (list) -> !list.isEmpty()).get(0);
		assertThat(update.get("channel").asString()).isEqualTo(CHANNEL);
		assertThat(update.get("text").asString()).isEqualTo("Taken by sato");
		assertThat(sectionTexts(update).get(0)).contains("Taken by <@U0SATO> (sato)");
		assertThat(actions(update)).extracting((b) -> b.get("action_id").asString())
			.containsExactly("kotae_return", "kotae_close");

		assertThat(interact("take", user, ts, "U0SUZUKI", "suzuki").status()).isEqualTo(200);
		JsonNode note = await().atMost(WAIT)
			.until(() -> ephemerals("U0SUZUKI", CHANNEL), (list) -> !list.isEmpty())
			.get(0);
		assertThat(note.get("text").asString()).isEqualTo("sato has already taken this conversation.");
		assertThat(handoff(user).get("agent").asString()).isEqualTo("sato");
	}

	@Test
	void theTakersThreadReplyReachesTheUserAndTheUsersNextMessageReachesTheThread() {
		User user = start();
		user.askForAPerson();
		String ts = parentTs(user);
		interact("take", user, ts, "U0SATO", "sato");
		await().atMost(WAIT).until(() -> "active".equals(handoff(user).get("status").asString()));

		Response event = event(ts, "U0SATO", "Hi, this is Sato &amp; I can help &lt;3");
		assertThat(event.status()).isEqualTo(200);
		await().atMost(WAIT).untilAsserted(() -> assertThat(user.transcript())
			.anySatisfy((m) -> assertThat(m.get("sender").asString() + ":" + m.get("text").asString())
				.isEqualTo("agent:Hi, this is Sato & I can help <3")));

		user.say("Thanks! My invoice number is 4711.");
		JsonNode relayed = await().atMost(WAIT).until(() -> threadReplies(ts), (list) -> !list.isEmpty()).get(0);
		assertThat(relayed.get("channel").asString()).isEqualTo(CHANNEL);
		assertThat(relayed.get("text").asString()).isEqualTo("*User*\n>Thanks! My invoice number is 4711.");
		// calls go out in order per hand-off: an echo of Sato's reply would have come before this one
		assertThat(threadReplies(ts)).hasSize(1);

		// somebody else in the thread is told, privately, that Sato has it
		event(ts, "U0SUZUKI", "I can take over");
		JsonNode note = await().atMost(WAIT)
			.until(() -> ephemerals("U0SUZUKI", CHANNEL), (list) -> list.stream()
				.anyMatch((n) -> ts.equals(n.path("thread_ts").asString())))
			.stream()
			.filter((n) -> ts.equals(n.path("thread_ts").asString()))
			.findFirst()
			.orElseThrow();
		assertThat(note.get("text").asString()).startsWith("sato has this conversation");
		assertThat(user.transcript()).noneSatisfy((m) -> assertThat(m.get("text").asString()).contains("take over"));
	}

	@Test
	void requestsWithABadOrOldSignatureAreRefusedAndNotProcessed() {
		User user = start();
		user.askForAPerson();
		String ts = parentTs(user);
		String body = form(compact(fixture("block_actions_take.json", clickValues(user, ts, "U0SATO", "sato"))));
		String now = Long.toString(Instant.now().getEpochSecond());

		Response forged = post(body, "application/x-www-form-urlencoded", now, sign("not-the-secret", now, body));
		assertThat(forged.status()).isEqualTo(401);
		assertThat(forged.json().get("type").asString()).isEqualTo("urn:kotae:problem:invalid-slack-signature");
		String old = Long.toString(Instant.now().minus(Duration.ofMinutes(6)).getEpochSecond());
		assertThat(post(body, "application/x-www-form-urlencoded", old, sign(SECRET, old, body)).status())
			.isEqualTo(401);
		assertThat(post(body + "&x=1", "application/x-www-form-urlencoded", now, sign(SECRET, now, body)).status())
			.as("signature of another body")
			.isEqualTo(401);
		assertThat(post(body, "application/x-www-form-urlencoded", null, null).status()).isEqualTo(401);

		await().during(Duration.ofMillis(700)).atMost(WAIT)
			.until(() -> "waiting".equals(handoff(user).get("status").asString()) && updates(ts).isEmpty());
	}

	@Test
	void whenSlackRateLimitsTheHandOffStillQueuesAndIsPostedOnceAfterRetryAfter() {
		User user = start();
		slack.failNext("chat.postMessage", (body) -> body.contains(user.id) && !body.contains("thread_ts"), 1, 429,
				"1");
		user.askForAPerson();

		assertThat(handoffQueue()).anySatisfy((h) -> assertThat(h.get("conversationId").asString()).isEqualTo(user.id));
		List<Call> attempts = await().atMost(WAIT)
			.until(() -> parentAttempts(user), (list) -> list.stream().anyMatch(Call::ok));
		assertThat(attempts).extracting(Call::status).containsExactly(429, 200);
		assertThat(Duration.between(attempts.get(0).at(), attempts.get(1).at()))
			.as("waited as long as Retry-After said")
			.isGreaterThanOrEqualTo(Duration.ofMillis(900));
		await().during(Duration.ofMillis(700)).atMost(WAIT).until(() -> parentAttempts(user).size() == 2);
		assertThat(this.jdbc.sql("SELECT ts FROM slack_thread t WHERE conversation_id = ?")
			.param(user.id)
			.query(String.class)
			.single()).isNotNull();
	}

	@Test
	void returnToBotAndCloseEndTheHandOffAndUpdateTheMessage() {
		User returned = start();
		returned.askForAPerson();
		String ts = parentTs(returned);
		interact("take", returned, ts, "U0SATO", "sato");
		await().atMost(WAIT).until(() -> "active".equals(handoff(returned).get("status").asString()));
		interact("return", returned, ts, "U0SUZUKI", "suzuki");
		await().atMost(WAIT).until(() -> !ephemerals("U0SUZUKI", CHANNEL).isEmpty()
				&& ephemerals("U0SUZUKI", CHANNEL).stream().anyMatch((n) -> n.get("text").asString().contains("Only they")));
		assertThat(handoff(returned).get("status").asString()).isEqualTo("active");

		assertThat(interact("return", returned, ts, "U0SATO", "sato").status()).isEqualTo(200);
		await().atMost(WAIT).until(() -> "returned".equals(handoff(returned).get("status").asString()));
		JsonNode update = await().atMost(WAIT)
			.until(() -> updates(ts), (list) -> list.stream().anyMatch((u) -> u.get("text").asString().startsWith("Returned")))
			.getLast();
		assertThat(update.get("text").asString()).isEqualTo("Returned to the bot by sato");
		assertThat(actions(update)).isEmpty();
		assertThat(status(returned.id)).isEqualTo("bot");

		User closed = start();
		closed.askForAPerson();
		String closedTs = parentTs(closed);
		assertThat(interact("close", closed, closedTs, "U0SUZUKI", "suzuki").status()).isEqualTo(200);
		await().atMost(WAIT).untilAsserted(() -> {
			JsonNode handoff = handoff(closed);
			assertThat(handoff.get("status").asString()).isEqualTo("closed");
			assertThat(handoff.get("closeReason").asString()).isEqualTo("closed_in_slack");
		});
		JsonNode closing = await().atMost(WAIT).until(() -> updates(closedTs), (list) -> !list.isEmpty()).get(0);
		assertThat(closing.get("text").asString()).isEqualTo("Closed (closed_in_slack)");
		assertThat(actions(closing)).isEmpty();
		assertThat(status(closed.id)).isEqualTo("closed");
	}

	@Test
	void aClaimAndRepliesFromTheWebConsoleShowInSlackToo() {
		User user = start();
		user.askForAPerson();
		String ts = parentTs(user);
		TestHttp admin = new TestHttp(this.port).asAdmin();
		assertThat(admin.postJson("/api/v1/handoffs/" + user.id + "/claim", "{}").status()).isEqualTo(200);
		JsonNode update = await().atMost(WAIT).until(() -> updates(ts), (list) -> !list.isEmpty()).get(0);
		assertThat(sectionTexts(update).get(0)).startsWith(":technologist: *Taken by admin* (web console)");

		assertThat(admin.postJson("/api/v1/conversations/" + user.id + "/agent-messages",
				"{\"text\":\"Hello from the console <b>\"}").status()).isEqualTo(201);
		JsonNode relayed = await().atMost(WAIT).until(() -> threadReplies(ts), (list) -> !list.isEmpty()).get(0);
		assertThat(relayed.get("text").asString()).isEqualTo("*admin* (web console)\n>Hello from the console &lt;b&gt;");

		// the thread belongs to whoever took it: a Slack user's reply does not reach the user
		event(ts, "U0SATO", "Let me help");
		await().atMost(WAIT).until(() -> ephemerals("U0SATO", CHANNEL).stream()
			.anyMatch((n) -> ts.equals(n.path("thread_ts").asString())
					&& n.get("text").asString().startsWith("admin has this conversation")));
		assertThat(user.transcript()).noneSatisfy((m) -> assertThat(m.get("text").asString()).isEqualTo("Let me help"));
	}

	@Test
	void slacksUrlVerificationIsAnsweredWithItsChallenge() {
		String challenge = "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P";
		String body = compact(fixture("url_verification.json", Map.of("challenge", challenge)));
		String now = Long.toString(Instant.now().getEpochSecond());
		Response response = post(body, "application/json", now, sign(SECRET, now, body));
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(challenge);
	}

	@Test
	void aHandOffWaitingLongerThanTheSlaIsFlaggedInItsThread() {
		User user = start();
		user.askForAPerson();
		String ts = parentTs(user);
		this.clock.advance(Duration.ofSeconds(61));
		this.handoffs.checkSla(); // the SLA monitor may be first: either way, once

		JsonNode alert = await().atMost(WAIT).until(() -> threadReplies(ts), (list) -> !list.isEmpty()).get(0);
		assertThat(alert.get("text").asString()).startsWith(":warning: This user has been waiting for more than 60 s");
		assertThat(alert.get("reply_broadcast").asBoolean()).isTrue();
	}

	// --- Slack's side ------------------------------------------------------------------------------

	private Response interact(String action, User user, String ts, String slackUser, String name) {
		String body = form(compact(fixture("block_actions_" + action + ".json", clickValues(user, ts, slackUser, name))));
		String now = Long.toString(Instant.now().getEpochSecond());
		return post(body, "application/x-www-form-urlencoded", now, sign(SECRET, now, body));
	}

	private Response event(String threadTs, String slackUser, String slackText) {
		int n = messageTs.incrementAndGet();
		// Slack sends compact JSON; the fixture is indented for people to read
		String body = compact(fixture("event_message_in_thread.json",
				Map.of("text", slackText, "userId", slackUser, "ts", "1700000100.000" + n, "threadTs", threadTs,
						"channel", CHANNEL, "eventSuffix", String.format("%012d", n))));
		String now = Long.toString(Instant.now().getEpochSecond());
		return post(body, "application/json", now, sign(SECRET, now, body));
	}

	private static Map<String, String> clickValues(User user, String ts, String slackUser, String name) {
		return Map.of("conversationId", user.id, "messageTs", ts, "channel", CHANNEL, "userId", slackUser,
				"userName", name);
	}

	private Response post(String body, String contentType, String timestamp, String signature) {
		var request = new TestHttp(this.port).requestTo("/slack/events")
			.header("Content-Type", contentType)
			.POST(BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		if (timestamp != null) {
			request.header("X-Slack-Request-Timestamp", timestamp).header("X-Slack-Signature", signature);
		}
		try {
			return new Response(new TestHttp(this.port).client()
				.send(request.build(), BodyHandlers.ofByteArray()));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Slack's v0 signature: HMAC-SHA256 of "v0:" + timestamp + ":" + body, in hex. */
	static String sign(String secret, String timestamp, String body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			byte[] hash = mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8));
			return "v0=" + HexFormat.of().formatHex(hash);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A fixture with its {{placeholders}} filled in (as JSON string content). */
	static String fixture(String name, Map<String, String> values) {
		String json;
		try (InputStream in = SlackIntegrationTests.class.getResourceAsStream("/slack/" + name)) {
			json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		for (Map.Entry<String, String> e : values.entrySet()) {
			String quoted = TestHttp.quote(e.getValue());
			json = json.replace("{{" + e.getKey() + "}}", quoted.substring(1, quoted.length() - 1));
		}
		assertThat(json).as(name + " has unfilled placeholders").doesNotContain("{{");
		return json;
	}

	static String compact(String json) {
		return JSON.writeValueAsString(JSON.readTree(json));
	}

	/** An interaction as Slack sends it: form-encoded {@code payload=<json>}. */
	static String form(String json) {
		return "payload=" + URLEncoder.encode(json, StandardCharsets.UTF_8);
	}

	// --- what the fake Slack received --------------------------------------------------------------

	/** The hand-off message(s) of a conversation that Slack accepted. */
	private static List<Call> parents(User user) {
		return parentAttempts(user).stream().filter(Call::ok).toList();
	}

	private static List<Call> parentAttempts(User user) {
		return slack.calls("chat.postMessage")
			.stream()
			.filter((c) -> c.body().contains(user.id) && !c.json().has("thread_ts"))
			.toList();
	}

	/** The ts Slack gave the conversation's hand-off message, once Kotae stored it. */
	private String parentTs(User user) {
		return await().atMost(WAIT)
			.until(() -> this.jdbc.sql("SELECT ts FROM slack_thread WHERE conversation_id = ? ORDER BY handoff_id DESC")
				.param(user.id)
				.query(String.class)
				.list(), (list) -> !list.isEmpty() && list.get(0) != null)
			.get(0);
	}

	private static List<JsonNode> updates(String ts) {
		return slack.calls("chat.update")
			.stream()
			.filter(Call::ok)
			.map(Call::json)
			.filter((b) -> ts.equals(b.path("ts").asString()))
			.toList();
	}

	private static List<JsonNode> threadReplies(String ts) {
		return slack.calls("chat.postMessage")
			.stream()
			.filter(Call::ok)
			.map(Call::json)
			.filter((b) -> ts.equals(b.path("thread_ts").asString()))
			.toList();
	}

	private static List<JsonNode> ephemerals(String slackUser, String channel) {
		return slack.calls("chat.postEphemeral")
			.stream()
			.map(Call::json)
			.filter((b) -> slackUser.equals(b.path("user").asString()) && channel.equals(b.path("channel").asString()))
			.toList();
	}

	private static List<JsonNode> actions(JsonNode body) {
		List<JsonNode> buttons = new ArrayList<>();
		body.get("blocks").forEach((block) -> {
			if ("actions".equals(block.get("type").asString())) {
				block.get("elements").forEach(buttons::add);
			}
		});
		return buttons;
	}

	private static List<String> sectionTexts(JsonNode body) {
		List<String> texts = new ArrayList<>();
		body.get("blocks").forEach((block) -> {
			if ("section".equals(block.get("type").asString())) {
				texts.add(block.get("text").get("text").asString());
			}
		});
		return texts;
	}

	// --- Kotae's side ------------------------------------------------------------------------------

	private JsonNode handoff(User user) {
		return new TestHttp(this.port).asAdmin().get("/api/v1/handoffs/" + user.id).json().get("handoff");
	}

	private List<JsonNode> handoffQueue() {
		List<JsonNode> list = new ArrayList<>();
		new TestHttp(this.port).asAdmin().get("/api/v1/handoffs").json().forEach(list::add);
		return list;
	}

	private String status(String conversationId) {
		return this.jdbc.sql("SELECT status FROM conversation WHERE id = ?")
			.param(conversationId)
			.query(String.class)
			.single();
	}

	private User start() {
		JsonNode json = new TestHttp(this.port)
			.postJson("/api/v1/conversations", "{\"siteKey\":\"demo\",\"locale\":\"en\"}")
			.json();
		return new User(json.get("id").asString(), new TestHttp(this.port).bearer(json.get("token").asString()));
	}

	private record User(String id, TestHttp http) {

		/** @return the bot's reply, if any */
		JsonNode say(String text) {
			return post("{\"clientMessageId\":\"" + UUID.randomUUID() + "\",\"text\":" + TestHttp.quote(text) + "}")
				.path("reply");
		}

		void askForAPerson() {
			post("{\"clientMessageId\":\"" + UUID.randomUUID() + "\",\"action\":\"request_human\"}");
		}

		private JsonNode post(String body) {
			Response response = this.http.postJson("/api/v1/conversations/" + this.id + "/messages", body);
			assertThat(response.status()).as(response.body()).isIn(200, 201);
			return response.json();
		}

		List<JsonNode> transcript() {
			List<JsonNode> list = new ArrayList<>();
			this.http.get("/api/v1/conversations/" + this.id + "/messages").json().get("messages").forEach(list::add);
			return list;
		}

	}

}
