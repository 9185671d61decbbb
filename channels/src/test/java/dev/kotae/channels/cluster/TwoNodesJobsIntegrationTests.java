package dev.kotae.channels.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.kotae.MutableClock;
import dev.kotae.TestHttp;
import dev.kotae.TestHttp.Response;
import dev.kotae.channels.line.FakeLine;
import dev.kotae.channels.line.LineWebhookBodies;
import dev.kotae.channels.slack.FakeSlack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static dev.kotae.channels.cluster.ClusterNodes.port;
import static dev.kotae.channels.line.LineWebhookBodies.eventId;
import static dev.kotae.channels.line.LineWebhookBodies.fixture;
import static dev.kotae.channels.line.LineWebhookBodies.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The scheduled jobs of two application instances on loopback ports sharing one PostgreSQL database
 * (runs when {@code KOTAE_TEST_POSTGRES_URL} names a server) run once per cluster, not once per node
 * (issue #8). Both nodes send to the same fake LINE Messaging API and Slack Web API, each node with a
 * token of its own (so the fakes tell which node sent a call), and both poll the outboxes every
 * 25 ms, backing off from 50 ms: so both compete for every row that is due.
 * <ul>
 * <li>LINE users write to both nodes while LINE refuses connections, so every reply is queued as a
 * push; when LINE is back (answering a few pushes 503, 429, or 502 after accepting them) each push
 * was accepted once by its retry key, in order per user, and both nodes sent some.</li>
 * <li>Hand-offs from both nodes, taken and answered on the other, while Slack answers the first calls
 * 503 or 429: each Slack call arrives once, in order per hand-off.</li>
 * <li>A hand-off waiting longer than {@code kotae.handoff.sla} (the application clocks of both nodes
 * are moved on) is alerted once: one message in its Slack thread, one {@code sla} event on each
 * node's operator stream, and no second one while both nodes' SLA monitors run again.</li>
 * </ul>
 */
class TwoNodesJobsIntegrationTests {

	static final String LINE_SECRET = "test-channel-secret-two-nodes-7c4d";

	static final String CHANNEL = "C0TWONODES";

	static final Duration SLA = Duration.ofMinutes(2);

	/** How often each node's SLA monitor checks ({@code SlaMonitor.PERIOD_SECONDS}). */
	static final Duration SLA_PERIOD = Duration.ofSeconds(5);

	static final Duration WAIT = Duration.ofSeconds(30);

	private static final String PUSH = "/v2/bot/message/push";

	private static final String SLA_TEXT = "waiting for more than";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Logger log = LoggerFactory.getLogger(TwoNodesJobsIntegrationTests.class);

	private static ConfigurableApplicationContext a;

	private static ConfigurableApplicationContext b;

	private static ClusterNodes nodes;

	/** A port nothing listens on until the LINE test starts the fake LINE there. */
	private static int linePort;

	private static FakeLine line;

	private static FakeSlack slack;

	@BeforeAll
	static void startTwoNodes() throws IOException {
		nodes = ClusterNodes.onFreshDatabase("two-nodes-jobs");
		try (FakeLine probe = FakeLine.start()) {
			linePort = probe.port();
		}
		slack = FakeSlack.start();
		a = node("a");
		b = node("b");
	}

	@AfterAll
	static void stopNodes() {
		if (nodes != null) {
			nodes.close();
		}
		if (line != null) {
			line.close();
		}
		if (slack != null) {
			slack.close();
		}
	}

	private static ConfigurableApplicationContext node(String name) {
		return nodes.start(name, "kotae.nlu.enabled=false", "kotae.security.users[0].name=sato",
				"kotae.security.users[0].password=sato-secret", "kotae.security.users[0].roles=agent",
				"kotae.handoff.sla=" + SLA,
				// LINE and Slack: the same fakes, a token per node
				"kotae.line.enabled=true", "kotae.line.channel-secret=" + LINE_SECRET,
				"kotae.line.channel-token=line-token-" + name, "kotae.line.api-base-url=http://127.0.0.1:" + linePort,
				"kotae.line.data-api-base-url=http://127.0.0.1:" + linePort, "kotae.line.outbox.poll=25ms",
				"kotae.line.outbox.first-backoff=50ms", "kotae.line.outbox.max-backoff=500ms",
				"kotae.slack.enabled=true", "kotae.slack.bot-token=xoxb-node-" + name,
				"kotae.slack.signing-secret=test-signing-secret-two-nodes", "kotae.slack.channel=" + CHANNEL,
				"kotae.slack.api-url=" + slack.apiUrl(), "kotae.slack.outbox.poll=25ms",
				"kotae.slack.outbox.first-backoff=50ms", "kotae.slack.outbox.max-backoff=500ms");
	}

	private static JdbcClient jdbc() {
		return a.getBean(JdbcClient.class);
	}

	// ---------------------------------------------------------------- LINE

	@Test
	void pushesQueuedOnBothNodesWhileLineIsDownAreAcceptedOnceEachByRetryKey() throws Exception {
		List<String> texts = List.of("パスワードを忘れました", "請求書をダウンロードしたい", "料金プランを変更したい");
		List<LineUser> users = Stream.generate(LineUser::new).limit(8).toList();

		// --- LINE refuses connections: users write at once, each user's events one after another, to alternate nodes
		try (ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<?>> writing = new ArrayList<>();
			for (int i = 0; i < users.size(); i++) {
				LineUser user = users.get(i);
				int first = i;
				writing.add(writers.submit(() -> {
					for (int k = 0; k < texts.size(); k++) {
						user.says(((first + k) % 2 == 0) ? a : b, texts.get(k));
					}
				}));
			}
			for (Future<?> writer : writing) {
				writer.get(WAIT.toSeconds(), TimeUnit.SECONDS);
			}
		}
		Set<String> userIds = users.stream().map(LineUser::id).collect(Collectors.toSet());
		List<Push> queued = pushRows(userIds);
		assertThat(queued).as("every reply pushed instead").hasSize(users.size() * texts.size());
		// each user's first push has been tried while LINE was down (by either node), none given up
		await().atMost(WAIT).until(() -> headAttempts(userIds) >= 2);
		assertThat(pushRows(userIds)).extracting(Push::status).doesNotContain("sent", "failed");

		// --- LINE is back, answering the first pushes 503, then accepting three but answering 502, then a 429
		line = FakeLine.start(linePort);
		line.failNext(PUSH, (body) -> true, 4, 503);
		line.acceptButFailNext(PUSH, (body) -> true, 3, 502);
		line.failNext(PUSH, (body) -> true, 1, 429);
		await().atMost(WAIT).until(() -> pushRows(userIds).stream().allMatch((p) -> p.status().equals("sent")));
		int calls = line.calls(PUSH).size();
		await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> line.calls(PUSH).size() == calls);

		List<FakeLine.Call> pushes = line.calls(PUSH);
		assertThat(pushes).extracting(FakeLine.Call::retryKey)
			.as("only the queued pushes")
			.isSubsetOf(queued.stream().map(Push::retryKey).toList());
		// LINE took a push when it answered 2xx, or 502 after accepting it (the answer lost): the moment the user
		// sees it; a 409 is a repeat LINE dropped
		List<FakeLine.Call> taken = new ArrayList<>();
		for (FakeLine.Call call : pushes) {
			if ((call.accepted() || call.status() == 502)
					&& taken.stream().noneMatch((t) -> t.retryKey().equals(call.retryKey()))) {
				taken.add(call);
			}
		}
		Map<String, Integer> lastIndex = new HashMap<>();
		for (Push push : queued) {
			List<Integer> attempts = pushes.stream()
				.filter((c) -> c.retryKey().equals(push.retryKey()))
				.map(FakeLine.Call::status)
				.toList();
			// sent once: failures, then one answer that marked it sent, then nothing more
			assertThat(attempts).as("push %d", push.id()).filteredOn((s) -> s == 200 || s == 409).hasSize(1);
			assertThat(attempts.get(attempts.size() - 1)).as("push %d", push.id()).isIn(200, 409);
			assertThat(attempts.subList(0, attempts.size() - 1)).as("push %d", push.id()).isSubsetOf(503, 502, 429);
			assertThat(attempts.get(attempts.size() - 1) == 409).as("push %d: 409 after a lost answer", push.id())
				.isEqualTo(attempts.contains(502));
			int at = indexOf(taken, push.retryKey());
			assertThat(taken.get(at).json()).isEqualTo(JSON.readTree(push.body()));
			assertThat(at).as("push %d after the user's earlier ones", push.id())
				.isGreaterThan(lastIndex.getOrDefault(push.lineUserId(), -1));
			lastIndex.put(push.lineUserId(), at);
		}
		assertThat(pushes).filteredOn((c) -> c.status() == 502).isNotEmpty();
		Map<String, Long> byNode = taken.stream()
			.collect(Collectors.groupingBy(FakeLine.Call::authorization, Collectors.counting()));
		log.info("LINE: {} pushes taken, by node {}, in {} calls", taken.size(), byNode, pushes.size());
		assertThat(byNode).as("both nodes sent pushes").containsOnlyKeys("Bearer line-token-a", "Bearer line-token-b");
	}

	/** A queued push. */
	private record Push(long id, String lineUserId, String retryKey, String body, String status) {
	}

	private static List<Push> pushRows(Set<String> userIds) {
		return jdbc().sql("SELECT id, line_user_id, retry_key, body, status FROM line_outbox ORDER BY id")
			.query((rs, n) -> new Push(rs.getLong("id"), rs.getString("line_user_id"), rs.getString("retry_key"),
					rs.getString("body"), rs.getString("status")))
			.list()
			.stream()
			.filter((p) -> userIds.contains(p.lineUserId()))
			.toList();
	}

	/** The fewest attempts of these users' first pushes. */
	private static int headAttempts(Set<String> userIds) {
		return jdbc().sql("SELECT line_user_id, MIN(id) AS head FROM line_outbox GROUP BY line_user_id")
			.query((rs, n) -> Map.entry(rs.getString("line_user_id"), rs.getLong("head")))
			.list()
			.stream()
			.filter((e) -> userIds.contains(e.getKey()))
			.mapToInt((e) -> jdbc().sql("SELECT attempts FROM line_outbox WHERE id = ?")
				.param(e.getValue())
				.query(Integer.class)
				.single())
			.min()
			.orElse(0);
	}

	private static int indexOf(List<FakeLine.Call> calls, String retryKey) {
		for (int i = 0; i < calls.size(); i++) {
			if (retryKey.equals(calls.get(i).retryKey())) {
				return i;
			}
		}
		throw new AssertionError("no push with the retry key " + retryKey);
	}

	// ---------------------------------------------------------------- Slack

	@Test
	void handOffsFromBothNodesReachSlackOnceEachThoughSlackFailsAtFirst() {
		Set<String> conversations = ConcurrentHashMap.newKeySet();
		Predicate<String> ours = (body) -> conversations.stream().anyMatch(body::contains);
		slack.failNext("chat.postMessage", ours, 5, 503, null);
		slack.failNext("chat.postMessage", ours, 1, 429, "1");
		slack.failNext("chat.update", ours, 3, 503, null);

		// users on both nodes ask for a person; sato takes each hand-off on the other node and answers
		List<WebUser> users = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			WebUser user = new WebUser((i % 2 == 0) ? a : b);
			conversations.add(user.id);
			user.asksForAPerson();
			users.add(user);
		}
		for (int i = 0; i < users.size(); i++) {
			WebUser user = users.get(i);
			TestHttp sato = new TestHttp(port((i % 2 == 0) ? b : a)).as("sato", "sato-secret");
			assertThat(sato.postJson("/api/v1/handoffs/" + user.id + "/claim", "{}").status()).isEqualTo(200);
			assertThat(sato.postJson("/api/v1/conversations/" + user.id + "/agent-messages",
					"{\"text\":\"Sato here about " + user.id + "\"}").status()).isEqualTo(201);
		}
		Set<Long> handoffs = users.stream().map(WebUser::handoffId).collect(Collectors.toSet());
		await().atMost(WAIT).until(() -> slackRows(handoffs).stream().allMatch((c) -> c.status().equals("sent")));
		int calls = slack.calls().size();
		await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> slack.calls().size() == calls);

		List<SlackCall> queued = slackRows(handoffs);
		for (long handoff : handoffs) {
			assertThat(queued).filteredOn((c) -> c.handoffId() == handoff)
				.extracting(SlackCall::method)
				.as("the hand-off, taken, the agent's reply in its thread")
				.containsExactly("chat.postMessage", "chat.update", "chat.postMessage");
		}
		List<FakeSlack.Call> ok = slack.calls()
			.stream()
			.filter((c) -> c.ok() && ours.test(c.body()))
			.toList();
		assertThat(ok).as("each queued call once").hasSameSizeAs(queued);
		assertThat(slack.calls()).filteredOn((c) -> !c.ok() && ours.test(c.body())).hasSize(5 + 1 + 3);
		Map<Long, Integer> lastIndex = new HashMap<>();
		for (SlackCall call : queued) {
			JsonNode expected = withoutTarget(JSON.readTree(call.body()));
			List<Integer> at = new ArrayList<>();
			for (int i = 0; i < ok.size(); i++) {
				if (ok.get(i).method().equals(call.method()) && withoutTarget(ok.get(i).json()).equals(expected)) {
					at.add(i);
				}
			}
			assertThat(at).as("call %d (%s)", call.id(), call.method()).hasSize(1);
			JsonNode sent = ok.get(at.get(0)).json();
			assertThat(sent.get("channel").asString()).isEqualTo(CHANNEL);
			if (!call.method().equals("chat.postMessage") || sent.has("thread_ts")) {
				assertThat(sent.has("thread_ts") ? sent.get("thread_ts") : sent.get("ts")).as("in the hand-off's thread")
					.isEqualTo(JSON.getNodeFactory().stringNode(threadTs(call.handoffId())));
			}
			assertThat(at.get(0)).as("call %d after the hand-off's earlier ones", call.id())
				.isGreaterThan(lastIndex.getOrDefault(call.handoffId(), -1));
			lastIndex.put(call.handoffId(), at.get(0));
		}
	}

	/** A queued Slack call. */
	private record SlackCall(long id, long handoffId, String method, String body, String status) {
	}

	private static List<SlackCall> slackRows(Set<Long> handoffs) {
		return jdbc().sql("SELECT id, handoff_id, method, body, status FROM slack_outbox ORDER BY id")
			.query((rs, n) -> new SlackCall(rs.getLong("id"), rs.getLong("handoff_id"), rs.getString("method"),
					rs.getString("body"), rs.getString("status")))
			.list()
			.stream()
			.filter((c) -> handoffs.contains(c.handoffId()))
			.toList();
	}

	private static String threadTs(long handoffId) {
		return jdbc().sql("SELECT ts FROM slack_thread WHERE handoff_id = ?")
			.param(handoffId)
			.query(String.class)
			.optional()
			.orElse(null);
	}

	/** A call's body without what the sender fills in: the channel, the parent's ts. */
	private static JsonNode withoutTarget(JsonNode body) {
		ObjectNode copy = ((ObjectNode) body).deepCopy();
		copy.remove(List.of("channel", "thread_ts", "ts"));
		return copy;
	}

	// ---------------------------------------------------------------- SLA

	@Test
	void aHandOffOverTheSlaIsAlertedOnceAcrossBothNodes() throws Exception {
		OperatorStream onA = OperatorStream.open(a);
		OperatorStream onB = OperatorStream.open(b);
		try {
			WebUser user = new WebUser(b);
			user.asksForAPerson();
			long handoff = user.handoffId();
			await().atMost(WAIT).until(() -> threadTs(handoff) != null);
			String ts = threadTs(handoff);

			// both nodes' application clocks move on past the SLA
			a.getBean(MutableClock.class).advance(SLA.plusSeconds(30));
			b.getBean(MutableClock.class).advance(SLA.plusSeconds(30));
			await().atMost(SLA_PERIOD.multipliedBy(3).plus(WAIT))
				.until(() -> !slaAlerts(ts).isEmpty() && onA.slaEvents(user.id) > 0 && onB.slaEvents(user.id) > 0);
			// once, and nothing more while both nodes' monitors run again (each at least once)
			await().during(SLA_PERIOD.plusSeconds(1)).atMost(SLA_PERIOD.plusSeconds(3)).untilAsserted(() -> {
				assertThat(slaAlerts(ts)).as("SLA alerts in the hand-off's Slack thread").hasSize(1);
				assertThat(onA.slaEvents(user.id)).as("sla events on node A's operator stream").isOne();
				assertThat(onB.slaEvents(user.id)).as("sla events on node B's operator stream").isOne();
			});
			assertThat(slaAlerts(ts)).singleElement()
				.satisfies((c) -> assertThat(c.json().get("text").asString()).contains(SLA_TEXT + " " + SLA.toSeconds()
						+ " s"));
			assertThat(jdbc().sql("SELECT sla_alerted FROM handoff WHERE id = ?").param(handoff).query(Boolean.class)
				.single()).isTrue();
			assertThat(jdbc().sql("SELECT COUNT(*) FROM slack_outbox WHERE handoff_id = ? AND body LIKE ?")
				.params(handoff, "%" + SLA_TEXT + "%")
				.query(Integer.class)
				.single()).as("one alert queued, on one node").isOne();
			// any other hand-off still waiting (from the other tests) was alerted once too
			int alerted = jdbc().sql("SELECT COUNT(*) FROM handoff WHERE sla_alerted").query(Integer.class).single();
			await().atMost(WAIT)
				.until(() -> slack.calls("chat.postMessage").stream().filter((c) -> c.ok() && c.body().contains(SLA_TEXT))
					.count() == alerted);
			assertThat(slack.calls("chat.postMessage")).filteredOn((c) -> c.ok() && c.body().contains(SLA_TEXT))
				.extracting((c) -> c.json().get("thread_ts").asString())
				.doesNotHaveDuplicates();
		}
		finally {
			onA.close();
			onB.close();
		}
	}

	/** The SLA alerts Slack took in the thread {@code ts}. */
	private static List<FakeSlack.Call> slaAlerts(String ts) {
		return slack.calls("chat.postMessage")
			.stream()
			.filter((c) -> c.ok() && ts.equals(c.json().path("thread_ts").asString(null))
					&& c.body().contains(SLA_TEXT))
			.toList();
	}

	/** Sato's operator console stream on one node, read on a thread of its own. */
	private static final class OperatorStream implements AutoCloseable {

		private final HttpResponse<InputStream> response;

		private final List<JsonNode> handoffEvents = new CopyOnWriteArrayList<>();

		private final Thread reader;

		private OperatorStream(HttpResponse<InputStream> response) {
			this.response = response;
			this.reader = Thread.ofVirtual().start(this::read);
		}

		static OperatorStream open(ConfigurableApplicationContext node) throws Exception {
			TestHttp sato = new TestHttp(port(node)).as("sato", "sato-secret");
			HttpResponse<InputStream> response = sato.client()
				.send(sato.requestTo("/api/v1/handoffs/events").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
			assertThat(response.statusCode()).isEqualTo(200);
			return new OperatorStream(response);
		}

		/** How many {@code sla} events about this conversation arrived. */
		long slaEvents(String conversationId) {
			return this.handoffEvents.stream()
				.filter((e) -> e.path("type").asString().equals("sla")
						&& e.path("handoff").path("conversationId").asString().equals(conversationId))
				.count();
		}

		private void read() {
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(this.response.body(), StandardCharsets.UTF_8))) {
				String event = null;
				String text;
				while ((text = lines.readLine()) != null) {
					if (text.startsWith("event:")) {
						event = text.substring(6).strip();
					}
					else if (text.startsWith("data:") && "handoff".equals(event)) {
						this.handoffEvents.add(JSON.readTree(text.substring(5).strip()));
					}
					else if (text.isEmpty()) {
						event = null;
					}
				}
			}
			catch (IOException ex) {
				// closed by the test
			}
		}

		@Override
		public void close() throws IOException {
			this.response.body().close();
			this.reader.interrupt();
		}

	}

	// ---------------------------------------------------------------- users

	/** A user of the web widget on one node, in English. */
	private static final class WebUser {

		final String id;

		private final TestHttp http;

		WebUser(ConfigurableApplicationContext node) {
			JsonNode started = new TestHttp(port(node))
				.postJson("/api/v1/conversations", "{\"siteKey\":\"demo\",\"locale\":\"en\"}")
				.json();
			this.id = started.get("id").asString();
			this.http = new TestHttp(port(node)).bearer(started.get("token").asString());
		}

		void asksForAPerson() {
			Response escalated = this.http.postJson("/api/v1/conversations/" + this.id + "/messages",
					"{\"clientMessageId\":\"" + UUID.randomUUID() + "\",\"action\":\"request_human\"}");
			assertThat(escalated.status()).isIn(200, 201);
		}

		long handoffId() {
			return jdbc().sql("SELECT id FROM handoff WHERE conversation_id = ?")
				.param(this.id)
				.query(Long.class)
				.single();
		}

	}

	/** A LINE user; each event is signed, answered 200 and processed before the next. */
	private static final class LineUser {

		private final String id = "U" + hex(16);

		String id() {
			return this.id;
		}

		void says(ConfigurableApplicationContext node, String text) {
			String eventId = eventId();
			String body = fixture("message_text.json",
					Map.of("text", text, "userId", this.id, "eventId", eventId, "replyToken", hex(16)));
			Response response = new TestHttp(port(node)).header("X-Line-Signature", sign(body))
				.postJson("/line/webhook", body);
			assertThat(response.status()).as("stored before acknowledged, though LINE is down").isEqualTo(200);
			await().atMost(WAIT).until(() -> "done".equals(jdbc()
				.sql("SELECT status FROM line_event WHERE webhook_event_id = ?")
				.param(eventId)
				.query(String.class)
				.optional()
				.orElse(null)));
		}

	}

	private static String sign(String body) {
		return LineWebhookBodies.sign(body, LINE_SECRET);
	}

}
