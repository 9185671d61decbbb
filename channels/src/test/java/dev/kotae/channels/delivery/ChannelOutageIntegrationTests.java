package dev.kotae.channels.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.kotae.MutableClock;
import dev.kotae.TestHttp;
import dev.kotae.TestHttp.Response;
import dev.kotae.channels.line.FakeLine;
import dev.kotae.channels.line.LineWebhookBodies;
import dev.kotae.channels.slack.FakeSlack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * The LINE Messaging API and the Slack Web API down for a minute, on the real app: everything queued
 * meanwhile is delivered once after they are back (issue #8). Both fakes are bound once for a free
 * port and closed, so Kotae's calls are refused; while they are down three LINE users write (signed
 * webhook events, all answered 200: stored before acknowledged), two of them ask for a person, so
 * two hand-offs are posted to Slack, and an agent takes one and replies from the web console, which
 * is pushed to LINE and mirrored to the Slack thread, as is the user's next message. Then the fakes
 * start again on the same ports (first answering a few calls 503) and every push, with its retry
 * key, and every Slack call reaches them exactly once, in order per LINE user and per hand-off.
 * <p>
 * Time is scaled down 20 times: the outboxes poll every 25 ms (production 500 ms) and back off from
 * 50 ms (1 s), doubling; a minute is {@link #MINUTE} (3 s), counted from the last call queued, so
 * the first rows are down longer. The longest wait is 2 s here (5 min in production, 100 s scaled)
 * only so that a slow machine does not make the test wait: within a real minute the waits reach
 * 32 s, 1.6 s scaled, below either cap. The attempts before a row is given up are production's
 * (LINE 35, Slack 30), so a row that were given up within the minute would show here as a failed row
 * and a missing delivery.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:channel-outage;DB_CLOSE_DELAY=-1",
				"kotae.security.admin-password=" + TestHttp.ADMIN_PASSWORD, "kotae.nlu.enabled=false",
				"kotae.web.rate-limit.enabled=false", "kotae.security.users[0].name=sato",
				"kotae.security.users[0].password=sato-secret", "kotae.security.users[0].roles=agent",
				"kotae.line.enabled=true", "kotae.line.channel-secret=" + ChannelOutageIntegrationTests.LINE_SECRET,
				"kotae.line.channel-token=test-channel-access-token", "kotae.line.outbox.poll=25ms",
				"kotae.line.outbox.first-backoff=50ms", "kotae.line.outbox.max-backoff=2s", "kotae.slack.enabled=true",
				"kotae.slack.bot-token=xoxb-test-token", "kotae.slack.signing-secret=test-signing-secret-8f14e45f",
				"kotae.slack.channel=" + ChannelOutageIntegrationTests.CHANNEL, "kotae.slack.outbox.poll=25ms",
				"kotae.slack.outbox.first-backoff=50ms", "kotae.slack.outbox.max-backoff=2s" })
@Import(MutableClock.Config.class)
@DirtiesContext
class ChannelOutageIntegrationTests {

	static final String LINE_SECRET = "test-channel-secret-outage-0b1c2d3e";

	static final String CHANNEL = "C0OUTAGE";

	/** A minute of outage, scaled down 20 times. */
	static final Duration MINUTE = Duration.ofSeconds(3);

	static final Duration WAIT = Duration.ofSeconds(20);

	private static final String PUSH = "/v2/bot/message/push";

	private static final String JOINED = "担当者の sato が対応します。";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Logger log = LoggerFactory.getLogger(ChannelOutageIntegrationTests.class);

	/** Ports that nothing listens on until the fakes start again. */
	private static final int LINE_PORT;

	private static final int SLACK_PORT;

	static {
		try (FakeLine line = FakeLine.start(); FakeSlack slack = FakeSlack.start()) {
			LINE_PORT = line.port();
			SLACK_PORT = slack.port();
		}
	}

	private static FakeLine line;

	private static FakeSlack slack;

	@DynamicPropertySource
	static void apisThatAreDown(DynamicPropertyRegistry registry) {
		registry.add("kotae.line.api-base-url", () -> "http://127.0.0.1:" + LINE_PORT);
		registry.add("kotae.line.data-api-base-url", () -> "http://127.0.0.1:" + LINE_PORT);
		registry.add("kotae.slack.api-url", () -> "http://127.0.0.1:" + SLACK_PORT + "/api/");
	}

	@AfterAll
	static void stopFakes() {
		if (line != null) {
			line.close();
		}
		if (slack != null) {
			slack.close();
		}
	}

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	@Test
	void whatIsQueuedWhileLineAndSlackAreDownForAMinuteIsDeliveredOnceAfterwardsInOrder() {
		this.clock.set(MutableClock.Config.TUESDAY_10_TOKYO);
		TestHttp sato = new TestHttp(this.port).as("sato", "sato-secret");
		Instant down = Instant.now();

		// --- LINE and Slack are down: users write, ask for a person, an agent answers
		LineUser aoki = new LineUser();
		LineUser baba = new LineUser();
		LineUser chiba = new LineUser();
		aoki.says("請求書をダウンロードしたい");
		baba.says("パスワードを忘れました");
		chiba.says("こんにちは");
		aoki.asksForAPerson();
		baba.asksForAPerson();
		chiba.says("営業時間を教えてください");

		assertThat(sato.postJson("/api/v1/handoffs/" + aoki.conversationId() + "/claim", "{}").status())
			.isEqualTo(200);
		List<String> agentTexts = List.of("佐藤です。確認しますので少々お待ちください。", "請求書は「ご契約」画面から再発行できます。");
		for (String text : agentTexts) {
			assertThat(sato.postJson("/api/v1/conversations/" + aoki.conversationId() + "/agent-messages",
					"{\"text\":" + TestHttp.quote(text) + "}").status()).isEqualTo(201);
		}
		aoki.says("ありがとうございます、見てみます");
		long aokiHandoff = handoffId(aoki);
		long babaHandoff = handoffId(baba);
		long chibaHandoff = handoffId(chiba);

		// --- a minute later: every row has failed several times, none was given up, nothing was sent
		Instant lastQueued = Instant.now();
		await().atMost(WAIT).until(() -> headAttempts("line_outbox", "line_user_id") >= 3
				&& headAttempts("slack_outbox", "handoff_id") >= 3);
		await().atMost(MINUTE.plus(WAIT)).until(() -> Instant.now().isAfter(lastQueued.plus(MINUTE)));
		assertThat(statuses("line_outbox").keySet()).isSubsetOf("pending", "sending");
		assertThat(statuses("slack_outbox").keySet()).isSubsetOf("pending", "sending");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM line_outbox WHERE last_error IS NOT NULL")
			.query(Integer.class)
			.single()).as("each user's first push was tried").isEqualTo(3);
		List<Long> handoffs = this.jdbc.sql("SELECT id FROM handoff ORDER BY id").query(Long.class).list();
		assertThat(handoffs).containsExactlyInAnyOrder(aokiHandoff, babaHandoff, chibaHandoff);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM slack_outbox WHERE last_error IS NOT NULL")
			.query(Integer.class)
			.single()).as("each hand-off's first call was tried").isEqualTo(handoffs.size());
		// every event was processed while LINE was down: the replies went to the push outbox
		assertThat(statuses("line_event")).containsOnlyKeys("done");

		List<Row> pushes = pushRows();
		List<Row> calls = slackRows();
		assertThat(pushes).extracting(Row::key)
			.as("the replies to four messages and two postbacks, the agent joining, the agent's two replies")
			.hasSize(4 + 2 + 1 + 2);
		assertThat(calls).filteredOn((c) -> c.key().equals(aokiHandoff))
			.extracting(Row::method)
			.as("the hand-off, taken, the agent's two replies and the user's message in its thread")
			.containsExactly("chat.postMessage", "chat.update", "chat.postMessage", "chat.postMessage",
					"chat.postMessage");
		assertThat(calls).filteredOn((c) -> c.key().equals(babaHandoff))
			.extracting(Row::method)
			.as("a hand-off nobody took yet")
			.containsExactly("chat.postMessage");
		// the bot could not answer chiba's greeting: a hand-off too, with the next message in its thread
		assertThat(calls).filteredOn((c) -> c.key().equals(chibaHandoff))
			.extracting(Row::method)
			.containsExactly("chat.postMessage", "chat.postMessage");

		// --- LINE and Slack are back, answering the first few calls 503
		line = FakeLine.start(LINE_PORT);
		line.failNext(PUSH, (body) -> true, 2, 503);
		slack = FakeSlack.start(SLACK_PORT);
		slack.failNext("chat.postMessage", (body) -> true, 2, 503, null);
		Instant back = Instant.now();

		await().atMost(WAIT)
			.until(() -> statuses("line_outbox").keySet().equals(Set.of("sent"))
					&& statuses("slack_outbox").keySet().equals(Set.of("sent")));
		Duration recovery = Duration.between(back, Instant.now());
		log.info("Outage test: down {} ms, everything delivered {} ms after LINE and Slack were back",
				Duration.between(down, back).toMillis(), recovery.toMillis());
		// nothing more arrives
		int lineCalls = line.calls(PUSH).size();
		int slackCalls = slack.calls().size();
		await().during(Duration.ofMillis(500)).atMost(WAIT)
			.until(() -> line.calls(PUSH).size() == lineCalls && slack.calls().size() == slackCalls);

		assertThat(line.calls(PUSH)).filteredOn((c) -> c.status() == 503).hasSize(2);
		assertThat(line.calls(PUSH)).extracting(FakeLine.Call::status).containsOnly(200, 503);
		assertThat(line.calls("/v2/bot/message/reply")).as("expired reply tokens are not used").isEmpty();
		assertEveryPushOnceInOrder(pushes);
		assertThat(slack.calls("chat.postMessage")).filteredOn((c) -> c.status() == 503).hasSize(2);
		assertEverySlackCallOnceInOrder(calls);

		// what the users and the thread got, in order
		assertThat(pushedTexts(aoki)).containsSubsequence(JOINED, agentTexts.get(0), agentTexts.get(1));
		assertThat(pushedTexts(aoki)).filteredOn((t) -> t.equals(JOINED) || agentTexts.contains(t))
			.containsExactly(JOINED, agentTexts.get(0), agentTexts.get(1));
		String ts = this.jdbc.sql("SELECT ts FROM slack_thread WHERE handoff_id = ?").param(aokiHandoff)
			.query(String.class)
			.single();
		List<String> thread = slack.calls("chat.postMessage")
			.stream()
			.filter(FakeSlack.Call::ok)
			.map(FakeSlack.Call::json)
			.filter((b) -> ts.equals(b.path("thread_ts").asString()))
			.map((b) -> b.get("text").asString())
			.toList();
		assertThat(thread).containsExactly("*sato* (web console)\n>" + agentTexts.get(0),
				"*sato* (web console)\n>" + agentTexts.get(1), "*User*\n>ありがとうございます、見てみます");
		assertThat(recovery).as("delivered within the longest back-off after LINE and Slack are back")
			.isLessThan(Duration.ofSeconds(10));
	}

	// --- the outboxes

	/** A queued row: its key (the LINE user, the hand-off), what it says and how it went. */
	private record Row(long id, Object key, String method, String retryKey, String body, String status,
			int attempts) {
	}

	private List<Row> pushRows() {
		return this.jdbc.sql("SELECT id, line_user_id, retry_key, body, status, attempts FROM line_outbox ORDER BY id")
			.query((rs, n) -> new Row(rs.getLong("id"), rs.getString("line_user_id"), "push", rs.getString("retry_key"),
					rs.getString("body"), rs.getString("status"), rs.getInt("attempts")))
			.list();
	}

	private List<Row> slackRows() {
		return this.jdbc.sql("SELECT id, handoff_id, method, body, status, attempts FROM slack_outbox ORDER BY id")
			.query((rs, n) -> new Row(rs.getLong("id"), rs.getLong("handoff_id"), rs.getString("method"), null,
					rs.getString("body"), rs.getString("status"), rs.getInt("attempts")))
			.list();
	}

	/** The fewest attempts of a row that was due: the first not sent of each user or hand-off. */
	private int headAttempts(String table, String key) {
		return this.jdbc.sql("SELECT COALESCE(MIN(attempts), 0) FROM " + table + " o WHERE NOT EXISTS (SELECT 1 FROM "
				+ table + " e WHERE e." + key + " = o." + key + " AND e.id < o.id)")
			.query(Integer.class)
			.single();
	}

	private Map<String, Integer> statuses(String table) {
		Map<String, Integer> counts = new HashMap<>();
		this.jdbc.sql("SELECT status, COUNT(*) AS n FROM " + table + " GROUP BY status")
			.query((rs, n) -> counts.put(rs.getString("status"), rs.getInt("n")))
			.list();
		return counts;
	}

	/** Each queued push was accepted once, with its retry key and body, in order per user. */
	private void assertEveryPushOnceInOrder(List<Row> queued) {
		List<FakeLine.Call> accepted = line.calls(PUSH).stream().filter(FakeLine.Call::accepted).toList();
		assertThat(accepted).extracting(FakeLine.Call::retryKey)
			.containsExactlyInAnyOrderElementsOf(queued.stream().map(Row::retryKey).toList());
		Map<Object, Integer> lastIndex = new HashMap<>();
		for (Row push : queued) {
			List<Integer> at = new ArrayList<>();
			for (int i = 0; i < accepted.size(); i++) {
				if (accepted.get(i).retryKey().equals(push.retryKey())) {
					at.add(i);
				}
			}
			assertThat(at).as("push %d", push.id()).hasSize(1);
			assertThat(accepted.get(at.get(0)).json()).isEqualTo(JSON.readTree(push.body()));
			assertThat(at.get(0)).as("push %d after the user's earlier ones", push.id())
				.isGreaterThan(lastIndex.getOrDefault(push.key(), -1));
			lastIndex.put(push.key(), at.get(0));
		}
	}

	/** Each queued Slack call was answered ok once, as queued, in order per hand-off. */
	private void assertEverySlackCallOnceInOrder(List<Row> queued) {
		List<FakeSlack.Call> ok = slack.calls()
			.stream()
			.filter((c) -> c.ok() && c.method().startsWith("chat."))
			.toList();
		assertThat(ok).hasSameSizeAs(queued);
		Map<Object, Integer> lastIndex = new HashMap<>();
		for (Row call : queued) {
			JsonNode expected = withoutTarget(JSON.readTree(call.body()));
			List<Integer> at = new ArrayList<>();
			for (int i = 0; i < ok.size(); i++) {
				if (ok.get(i).method().equals(call.method()) && withoutTarget(ok.get(i).json()).equals(expected)) {
					at.add(i);
				}
			}
			assertThat(at).as("call %d (%s)", call.id(), call.method()).hasSize(1);
			assertThat(ok.get(at.get(0)).json().get("channel").asString()).isEqualTo(CHANNEL);
			assertThat(at.get(0)).as("call %d after the hand-off's earlier ones", call.id())
				.isGreaterThan(lastIndex.getOrDefault(call.key(), -1));
			lastIndex.put(call.key(), at.get(0));
		}
	}

	/** A call's body without what the sender fills in: the channel, the parent's ts. */
	private static JsonNode withoutTarget(JsonNode body) {
		ObjectNode copy = ((ObjectNode) body).deepCopy();
		copy.remove(List.of("channel", "thread_ts", "ts"));
		return copy;
	}

	/** The texts LINE accepted in pushes to the user, in order. */
	private static List<String> pushedTexts(LineUser user) {
		List<String> texts = new ArrayList<>();
		line.pushes(user.id)
			.stream()
			.filter(FakeLine.Call::accepted)
			.forEach((c) -> c.json().get("messages").forEach((m) -> texts.add(m.get("text").asString())));
		return texts;
	}

	private long handoffId(LineUser user) {
		return this.jdbc.sql("SELECT id FROM handoff WHERE conversation_id = ?")
			.param(user.conversationId())
			.query(Long.class)
			.single();
	}

	// --- LINE's webhook

	/** A LINE user; each event is signed, answered 200 and processed before the next. */
	private final class LineUser {

		final String id = "U" + hex(16);

		void says(String text) {
			send("message_text.json", Map.of("text", text));
		}

		void asksForAPerson() {
			send("postback.json", Map.of("data", "human"));
			await().atMost(WAIT).until(() -> ChannelOutageIntegrationTests.this.jdbc
				.sql("SELECT COUNT(*) FROM handoff WHERE conversation_id = ?")
				.param(conversationId())
				.query(Integer.class)
				.single() == 1);
		}

		private void send(String fixture, Map<String, String> values) {
			String eventId = eventId();
			Map<String, String> all = new HashMap<>(values);
			all.put("userId", this.id);
			all.put("eventId", eventId);
			all.put("replyToken", hex(16));
			String body = fixture(fixture, all);
			Response response = new TestHttp(ChannelOutageIntegrationTests.this.port)
				.header("X-Line-Signature", sign(body))
				.postJson("/line/webhook", body);
			assertThat(response.status()).as("stored before acknowledged, though LINE is down").isEqualTo(200);
			await().atMost(WAIT).until(() -> "done".equals(ChannelOutageIntegrationTests.this.jdbc
				.sql("SELECT status FROM line_event WHERE webhook_event_id = ?")
				.param(eventId)
				.query(String.class)
				.optional()
				.orElse(null)));
		}

		String conversationId() {
			return ChannelOutageIntegrationTests.this.jdbc
				.sql("SELECT id FROM conversation WHERE channel = 'line' AND user_id = ?")
				.param(this.id)
				.query(String.class)
				.single();
		}

	}

	private static String sign(String body) {
		return LineWebhookBodies.sign(body, LINE_SECRET);
	}

}
