package dev.kotae.channels.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.kotae.TestHttp;
import dev.kotae.TestHttp.Response;
import dev.kotae.bot.conversation.Message;
import dev.kotae.bot.conversation.Transcripts;
import dev.kotae.bot.nlu.IntentModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static dev.kotae.channels.cluster.ClusterNodes.port;
import static dev.kotae.channels.cluster.ClusterNodes.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two application instances on loopback ports sharing one PostgreSQL database (runs when
 * {@code KOTAE_TEST_POSTGRES_URL} names a server, as in CI's PostgreSQL pass): a user's event stream
 * on node A receives an agent's reply sent on node B, the operator stream on A sees a hand-off taken
 * on B, an FAQ published or deleted on B reaches A's search index within 2 s, and a knowledge-base
 * change is trained into the classifier by one node and loaded by the other, a staff login made
 * on A is valid on B, and a message is signalled to the other node exactly when its transaction commits.
 */
class TwoNodesIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static ConfigurableApplicationContext a;

	private static ConfigurableApplicationContext b;

	private static ClusterNodes nodes;

	@BeforeAll
	static void startTwoNodes() throws IOException {
		nodes = ClusterNodes.onFreshDatabase("two-nodes");
		a = node("a");
		b = node("b");
	}

	@AfterAll
	static void stopNodes() {
		if (nodes != null) {
			nodes.close();
		}
	}

	private static ConfigurableApplicationContext node(String name) {
		return nodes.start(name, "kotae.nlu.retrain-delay=200ms", "kotae.security.users[0].name=sato",
				"kotae.security.users[0].password=sato-secret", "kotae.security.users[0].roles=agent");
	}

	@Test
	void bothNodesListenForSignals() {
		assertThat(a.getBean(ClusterSignals.class).enabled()).isTrue();
		assertThat(b.getBean(ClusterSignals.class).listening()).isTrue();
		assertThat(a.getBean(ClusterSignals.class).node()).isNotEqualTo(b.getBean(ClusterSignals.class).node());
	}

	@Test
	void anAgentsReplyOnNodeBReachesTheUsersStreamOnNodeA() throws Exception {
		TestHttp onA = new TestHttp(port(a));
		JsonNode started = onA.postJson("/api/v1/conversations", "{\"siteKey\":\"demo\",\"locale\":\"en\"}").json();
		String id = started.get("id").asString();
		TestHttp user = new TestHttp(port(a)).bearer(started.get("token").asString());
		Response escalated = user.postJson("/api/v1/conversations/" + id + "/messages",
				"{\"clientMessageId\":\"h1\",\"action\":\"request_human\"}");
		assertThat(escalated.status()).isIn(200, 201);
		long after = escalated.json().get("reply").get("id").asLong();

		// the operator console's stream on node A, and the user's stream on node A
		TestHttp agentOnA = new TestHttp(port(a)).as("sato", "sato-secret");
		HttpResponse<InputStream> operatorStream = agentOnA.client()
			.send(agentOnA.requestTo("/api/v1/handoffs/events").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
		List<String> operatorEvents = new CopyOnWriteArrayList<>();
		CompletableFuture<Void> operatorReading = CompletableFuture
			.runAsync(() -> readUntil(operatorStream, operatorEvents, "\"joined\""));
		HttpResponse<InputStream> stream = user.client()
			.send(user.requestTo("/api/v1/conversations/" + id + "/events")
				.header("Last-Event-ID", Long.toString(after))
				.GET()
				.build(), HttpResponse.BodyHandlers.ofInputStream());
		List<String> events = new CopyOnWriteArrayList<>();
		CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> readUntil(stream, events, "agent-only"));

		TestHttp agentOnB = new TestHttp(port(b)).as("sato", "sato-secret");
		assertThat(agentOnB.postJson("/api/v1/handoffs/" + id + "/claim", "{}").status()).isEqualTo(200);
		assertThat(agentOnB.postJson("/api/v1/conversations/" + id + "/agent-messages",
				"{\"text\":\"Sato here, from node B (agent-only)\"}").status()).isEqualTo(201);

		reading.get(10, TimeUnit.SECONDS);
		operatorReading.get(10, TimeUnit.SECONDS);
		stream.body().close();
		operatorStream.body().close();
		List<JsonNode> messages = new ArrayList<>();
		for (String data : events) {
			messages.add(JSON.readTree(data));
		}
		assertThat(messages).extracting((m) -> m.get("sender").asString() + ":" + m.get("text").asString())
			.contains("agent:Sato here, from node B (agent-only)");
		// every message once, in order
		assertThat(messages).extracting((m) -> m.get("id").asLong()).doesNotHaveDuplicates().isSorted();
		assertThat(operatorEvents).anySatisfy((data) -> assertThat(data).contains("\"joined\"").contains(id));
	}

	@Test
	void aMessageIsSignalledToTheOtherNodeWhenItsTransactionCommitsAndNeverWhenItRollsBack() throws Exception {
		List<ClusterSignal> heardOnB = new CopyOnWriteArrayList<>();
		b.addApplicationListener(ApplicationListener.<ClusterSignal>forPayload(heardOnB::add));
		String id = new TestHttp(port(a)).postJson("/api/v1/conversations", "{\"siteKey\":\"demo\",\"locale\":\"en\"}")
			.json()
			.get("id")
			.asString();
		Transcripts transcripts = a.getBean(Transcripts.class);
		TransactionTemplate tx = new TransactionTemplate(a.getBean(PlatformTransactionManager.class));
		long[] rolledBack = new long[1];
		tx.executeWithoutResult((status) -> {
			rolledBack[0] = transcripts.append(notice(id, "rolled back")).id();
			status.setRollbackOnly();
		});
		long committed = tx.execute((status) -> transcripts.append(notice(id, "committed")).id());

		waitUntil(() -> heardOnB.stream().anyMatch((s) -> s.key().equals(id + "/" + committed)), Duration.ofSeconds(5));
		// signals arrive in commit order: a signal of the rolled-back message would have come first
		assertThat(heardOnB).extracting(ClusterSignal::key)
			.doesNotContain(id + "/" + rolledBack[0])
			.containsOnlyOnce(id + "/" + committed);
	}

	private static Message notice(String conversationId, String text) {
		return new Message(0, conversationId, null, Message.Sender.SYSTEM, Message.Kind.NOTICE, text, null, null,
				"test", null, List.of(), Instant.now().truncatedTo(ChronoUnit.MICROS), null);
	}

	@Test
	void anFaqPublishedOnNodeBIsFoundOnNodeAWithinTwoSecondsAndGoneWhenDeleted() throws Exception {
		TestHttp adminOnB = new TestHttp(port(b)).asAdmin();
		String faqId = "two-nodes-" + UUID.randomUUID().toString().substring(0, 8);
		assertThat(adminOnB.postJson("/api/v1/faqs", """
				{"id": "%s", "locale": "en", "question": "Can the zeppelin hangar be rented for weddings?",
				 "answer": "Yes, on weekends.", "status": "published"}""".formatted(faqId)).status()).isEqualTo(201);
		long published = System.nanoTime();
		TestHttp onA = new TestHttp(port(a));
		waitUntil(() -> searchIds(onA, "zeppelin hangar wedding").contains(faqId), Duration.ofSeconds(2));
		assertThat(Duration.ofNanos(System.nanoTime() - published)).isLessThan(Duration.ofSeconds(2));

		assertThat(adminOnB.delete("/api/v1/faqs/" + faqId).status()).isEqualTo(204);
		waitUntil(() -> !searchIds(onA, "zeppelin hangar wedding").contains(faqId), Duration.ofSeconds(2));
	}

	@Test
	void theClassifierIsTrainedByOneNodeAndLoadedByTheOther() throws Exception {
		IntentModel onA = a.getBean(IntentModel.class);
		IntentModel onB = b.getBean(IntentModel.class);
		waitUntil(() -> onA.status().upToDate() && onB.status().upToDate(), Duration.ofMinutes(3));
		long before = onA.trainings() + onB.trainings();
		String version = onA.status().kbVersion();
		assertThat(onB.status().kbVersion()).isEqualTo(version);

		TestHttp adminOnA = new TestHttp(port(a)).asAdmin();
		String faqId = "nlu-" + UUID.randomUUID().toString().substring(0, 8);
		assertThat(adminOnA.postJson("/api/v1/faqs", """
				{"id": "%s", "locale": "en", "question": "Do you ship replacement propellers for the airship?",
				 "alternativeQuestions": ["airship propeller spare part"], "answer": "Yes.",
				 "status": "published"}""".formatted(faqId)).status()).isEqualTo(201);
		waitUntil(() -> !version.equals(onB.status().kbVersion()) && onA.status().upToDate()
				&& onB.status().upToDate(), Duration.ofMinutes(3));
		assertThat(onA.status().kbVersion()).isEqualTo(onB.status().kbVersion());
		assertThat(onA.trainings() + onB.trainings()).as("one training for the change, on one node")
			.isEqualTo(before + 1);
		assertThat(a.getBean(JdbcClient.class).sql("SELECT kb_version FROM nlu_model").query(String.class).list())
			.containsExactly(onA.status().kbVersion());
	}

	@Test
	void aStaffLoginOnNodeAIsValidOnNodeB() throws Exception {
		// one browser: cookies are per host, and both nodes are 127.0.0.1
		CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
		HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
		HttpResponse<String> page = browser.send(HttpRequest.newBuilder(node(a, "/login")).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
		assertThat(csrf.find()).isTrue();
		String form = "username=sato&password=sato-secret&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
		HttpResponse<String> login = browser.send(HttpRequest.newBuilder(node(a, "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(login.statusCode()).isEqualTo(302);
		assertThat(login.headers().firstValue("Location").orElseThrow()).doesNotContain("error");

		HttpResponse<String> me = browser.send(HttpRequest.newBuilder(node(b, "/api/v1/me")).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(me.statusCode()).isEqualTo(200);
		assertThat(me.body()).contains("\"name\":\"sato\"");
		HttpResponse<String> console = browser.send(HttpRequest.newBuilder(node(b, "/operator")).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(console.statusCode()).isEqualTo(200);
	}

	private static URI node(ConfigurableApplicationContext node, String path) {
		return URI.create("http://127.0.0.1:" + port(node) + path);
	}

	private static List<String> searchIds(TestHttp http, String q) {
		Response response = http.get("/api/v1/search?locale=en&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
		assertThat(response.status()).isEqualTo(200);
		List<String> ids = new ArrayList<>();
		response.json().get("hits").forEach((hit) -> ids.add(hit.get("id").asString()));
		return ids;
	}

	/** Collects each event's data until one contains {@code marker} (or the stream ends). */
	private static void readUntil(HttpResponse<InputStream> stream, List<String> into, String marker) {
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				if (line.startsWith("data:")) {
					String data = line.substring(5).strip();
					into.add(data);
					if (data.contains(marker)) {
						return;
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
