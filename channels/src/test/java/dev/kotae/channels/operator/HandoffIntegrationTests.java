package dev.kotae.channels.operator;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.kotae.MutableClock;
import dev.kotae.TestHttp;
import dev.kotae.TestHttp.Response;
import dev.kotae.bot.handoff.Handoffs;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hand-off on the real app with a fixed clock (Tuesday 10:00 in Tokyo unless a test moves it): each
 * escalation trigger, the queue, a claim race, agent replies reaching the user's stream, first
 * response time, return to the bot, closing, business hours and the SLA flag.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:handoff;DB_CLOSE_DELAY=-1",
				"kotae.security.admin-password=" + TestHttp.ADMIN_PASSWORD, "kotae.nlu.enabled=false",
				"kotae.web.rate-limit.enabled=false", "kotae.handoff.holidays=2026-12-31",
				"kotae.security.users[0].name=sato", "kotae.security.users[0].password=sato-secret",
				"kotae.security.users[0].roles=agent", "kotae.security.users[1].name=suzuki",
				"kotae.security.users[1].password=suzuki-secret", "kotae.security.users[1].roles=agent",
				"kotae.security.users[2].name=eri", "kotae.security.users[2].password=eri-secret",
				"kotae.security.users[2].roles=editor" })
@Import(MutableClock.Config.class)
class HandoffIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

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
	void theTalkToAPersonButtonQueuesTheConversationAndTheBotStopsAnswering() {
		User user = start("ja");
		JsonNode escalated = user.post("{\"clientMessageId\":\"h\",\"action\":\"request_human\"}").get("reply");
		assertThat(escalated.get("kind").asString()).isEqualTo("escalate");
		assertThat(escalated.get("text").asString()).contains("番目");

		JsonNode queued = queue().stream().filter((h) -> h.get("conversationId").asString().equals(user.id)).findFirst()
			.orElseThrow();
		assertThat(queued.get("status").asString()).isEqualTo("waiting");
		assertThat(queued.get("reason").asString()).isEqualTo("requested_human");
		assertThat(queued.get("queuePosition").asInt()).isPositive();

		JsonNode whileWaiting = user.post(text("まだですか？")).get("reply");
		assertThat(whileWaiting.get("kind").asString()).isEqualTo("queued");
		assertThat(whileWaiting.get("text").asString()).contains("番目");
	}

	@Test
	void explicitRequestsInTextEscalateToo() {
		User user = start("en");
		JsonNode reply = user.post(text("I want to talk to a person")).get("reply");
		assertThat(reply.get("kind").asString()).isEqualTo("escalate");
		assertThat(reply.get("reason").asString()).isEqualTo("requested_human");
	}

	@Test
	void twoNotHelpfulVotesHandTheConversationToAPerson() {
		User user = start("ja");
		List<Long> answers = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			JsonNode greeting = user.transcript().get(0);
			JsonNode choice = greeting.get("choices").get(i);
			answers.add(user.post("{\"clientMessageId\":\"p" + i + "\",\"choice\":{\"messageId\":" + greeting.get("id").asLong()
					+ ",\"faqId\":\"" + choice.get("id").asString() + "\"}}").get("reply").get("id").asLong());
		}
		user.vote(answers.get(0), false);
		assertThat(status(user.id)).isEqualTo("bot");
		user.vote(answers.get(1), false);
		assertThat(status(user.id)).isEqualTo("waiting");
		List<JsonNode> messages = user.transcript();
		JsonNode last = messages.get(messages.size() - 1);
		assertThat(last.get("kind").asString()).isEqualTo("escalate");
		assertThat(last.get("reason").asString()).isEqualTo("not_helpful");
	}

	@Test
	void twoFailedAnswersInARowHandTheConversationToAPerson() {
		User user = start("en");
		// search alone (no classifier here) offers choices for these rather than answering
		JsonNode first = user.post(text("password")).get("reply");
		assertThat(first.get("kind").asString()).isEqualTo("choices");
		JsonNode second = user.post(text("password again")).get("reply");
		assertThat(second.get("kind").asString()).isEqualTo("escalate");
		assertThat(second.get("reason").asString()).isEqualTo("repeated_failure");
	}

	@Test
	void ofTwoAgentsClaimingAtOnceExactlyOneWinsAndTheOtherIsTold() throws Exception {
		User user = start("ja");
		user.post("{\"clientMessageId\":\"h\",\"action\":\"request_human\"}");
		String claim = "/api/v1/handoffs/" + user.id + "/claim";
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			Callable<Response> sato = () -> agent("sato").postJson(claim, "{}");
			Callable<Response> suzuki = () -> agent("suzuki").postJson(claim, "{}");
			Future<Response> a = pool.submit(sato);
			Future<Response> b = pool.submit(suzuki);
			List<Response> results = List.of(a.get(10, TimeUnit.SECONDS), b.get(10, TimeUnit.SECONDS));
			assertThat(results).extracting(Response::status).containsExactlyInAnyOrder(200, 409);
			Response lost = results.stream().filter((r) -> r.status() == 409).findFirst().orElseThrow();
			Response won = results.stream().filter((r) -> r.status() == 200).findFirst().orElseThrow();
			String winner = won.json().get("agent").asString();
			assertThat(lost.json().get("detail").asString()).contains(winner).contains("already");
			assertThat(lost.json().get("agent").asString()).isEqualTo(winner);
			assertThat(status(user.id)).isEqualTo("agent");
			assertThat(user.transcript()).extracting((m) -> m.get("kind").asString()).contains("notice");
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void anAgentsReplyReachesTheUsersStreamAndRecordsTheFirstResponseTime() throws Exception {
		User user = start("en");
		JsonNode escalate = user.post("{\"clientMessageId\":\"h\",\"action\":\"request_human\"}").get("reply");
		HttpResponse<InputStream> stream = user.stream(escalate.get("id").asLong());
		List<JsonNode> events = new ArrayList<>();
		CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> read(stream, events, 2));

		this.clock.advance(Duration.ofSeconds(42));
		assertThat(agent("sato").postJson("/api/v1/handoffs/" + user.id + "/claim", "{}").status()).isEqualTo(200);
		Response sent = agent("sato").postJson("/api/v1/conversations/" + user.id + "/agent-messages",
				"{\"text\":\"Hello, this is Sato. How can I help?\"}");
		assertThat(sent.status()).isEqualTo(201);
		reading.get(10, TimeUnit.SECONDS);
		stream.body().close();
		assertThat(events).extracting((e) -> e.get("sender").asString() + ":" + e.get("kind").asString())
			.containsExactly("system:notice", "agent:text");
		assertThat(events.get(1).get("text").asString()).isEqualTo("Hello, this is Sato. How can I help?");
		assertThat(events.get(1).get("agent").asString()).isEqualTo("sato");
		assertThat(events.get(0).get("text").asString()).contains("sato");

		JsonNode handoff = agent("sato").get("/api/v1/handoffs/" + user.id).json().get("handoff");
		assertThat(handoff.get("firstResponseSeconds").asLong()).isEqualTo(42);
		// while the agent has it, the bot keeps quiet: the user's message is stored, nothing answers it
		Response quiet = user.http.postJson(user.messages(), text("thanks, my invoice is missing"));
		assertThat(quiet.status()).isEqualTo(201);
		assertThat(quiet.json().path("reply").isMissingNode() || quiet.json().get("reply").isNull()).isTrue();
		// only the agent who has it may reply
		assertThat(agent("suzuki").postJson("/api/v1/conversations/" + user.id + "/agent-messages", "{\"text\":\"hi\"}")
			.status()).isEqualTo(403);
	}

	@Test
	void returningToTheBotLetsTheBotAnswerAgainAndClosingEndsIt() {
		User user = start("ja");
		user.post("{\"clientMessageId\":\"h\",\"action\":\"request_human\"}");
		agent("sato").postJson("/api/v1/handoffs/" + user.id + "/claim", "{}");
		assertThat(agent("sato").postJson("/api/v1/handoffs/" + user.id + "/return-to-bot", "{}").json().get("status")
			.asString()).isEqualTo("returned");
		assertThat(status(user.id)).isEqualTo("bot");
		JsonNode reply = user.post(text("請求書をダウンロードしたい")).get("reply");
		assertThat(reply.get("sender").asString()).isEqualTo("bot");
		assertThat(reply.get("kind").asString()).isNotEqualTo("queued");

		user.post("{\"clientMessageId\":\"h2\",\"action\":\"request_human\"}");
		Response badReason = agent("sato").postJson("/api/v1/handoffs/" + user.id + "/close", "{\"reason\":\"no spaces!\"}");
		assertThat(badReason.status()).isEqualTo(400);
		JsonNode closed = agent("sato").postJson("/api/v1/handoffs/" + user.id + "/close", "{\"reason\":\"solved\"}").json();
		assertThat(closed.get("status").asString()).isEqualTo("closed");
		assertThat(closed.get("closeReason").asString()).isEqualTo("solved");
		assertThat(status(user.id)).isEqualTo("closed");
		assertThat(this.jdbc.sql("SELECT type FROM conversation_event WHERE conversation_id = ? ORDER BY id")
			.param(user.id)
			.query(String.class)
			.list()).containsExactly("HandoffRequested", "AgentJoined", "ReturnedToBot", "HandoffRequested",
					"ConversationClosed");
		assertThat(agent("sato").postJson("/api/v1/handoffs/" + user.id + "/claim", "{}").status()).isEqualTo(404);
	}

	@Test
	void outsideBusinessHoursTheUserIsToldWhenPeopleAreBackAndMayLeaveAContact() {
		this.clock.set(Instant.parse("2026-11-27T12:00:00Z")); // Friday 21:00 in Tokyo
		User user = start("ja");
		JsonNode reply = user.post("{\"clientMessageId\":\"h\",\"action\":\"request_human\"}").get("reply");
		assertThat(reply.get("text").asString()).contains("営業時間外").contains("11月30日(月) 9:00");
		JsonNode prompt = user.transcript().get(user.transcript().size() - 1);
		assertThat(prompt.get("kind").asString()).isEqualTo("notice");
		assertThat(prompt.get("reason").asString()).as("the widget shows a contact form").isEqualTo("offline_contact");
		assertThat(user.http.postJson("/api/v1/conversations/" + user.id + "/contact", "{\"contact\":\"hanako@example.jp\"}")
			.status()).isEqualTo(204);
		assertThat(user.post(text("請求書の宛名を変えたいです")).get("reply").get("kind").asString()).isEqualTo("queued");

		this.clock.set(Instant.parse("2026-11-30T00:05:00Z")); // Monday 09:05
		List<JsonNode> queue = queue();
		assertThat(queue.get(0).get("status").asString()).as("offline hand-offs come first").isEqualTo("offline");
		JsonNode mine = queue.stream().filter((h) -> h.get("conversationId").asString().equals(user.id)).findFirst()
			.orElseThrow();
		assertThat(mine.get("contact").asString()).isEqualTo("hanako@example.jp");
		assertThat(this.jdbc.sql("SELECT after_hours FROM conversation WHERE id = ?").param(user.id).query(Boolean.class)
			.single()).isTrue();
		// a holiday is closed too
		this.clock.set(Instant.parse("2026-12-31T02:00:00Z"));
		assertThat(this.handoffs.businessHours().isOpen(this.clock.instant())).isFalse();
	}

	@Test
	void aHandoffWaitingLongerThanTheSlaIsFlaggedOnce() {
		User user = start("en");
		user.post("{\"clientMessageId\":\"h\",\"action\":\"request_human\"}");
		this.clock.advance(Duration.ofSeconds(61));
		JsonNode mine = queue().stream().filter((h) -> h.get("conversationId").asString().equals(user.id)).findFirst()
			.orElseThrow();
		assertThat(mine.get("overSla").asBoolean()).isTrue();
		assertThat(mine.get("slaSeconds").asLong()).isEqualTo(60);
		assertThat(mine.get("waitingSeconds").asLong()).isEqualTo(61);
		assertThat(this.handoffs.checkSla()).extracting((h) -> h.conversationId()).contains(user.id);
		assertThat(this.handoffs.checkSla()).extracting((h) -> h.conversationId()).doesNotContain(user.id);
	}

	@Test
	void theOperatorApiNeedsTheAgentRole() {
		assertThat(new TestHttp(this.port).get("/api/v1/handoffs").status()).isEqualTo(401);
		assertThat(new TestHttp(this.port).as("eri", "eri-secret").get("/api/v1/handoffs").status()).isEqualTo(403);
		assertThat(agent("sato").get("/api/v1/handoffs").status()).isEqualTo(200);
		JsonNode me = agent("sato").get("/api/v1/operator/me").json();
		assertThat(me.get("name").asString()).isEqualTo("sato");
		assertThat(me.get("roles").get(0).asString()).isEqualTo("agent");
		assertThat(agent("sato").get("/api/v1/handoffs?status=nope").status()).isEqualTo(400);
		assertThat(agent("sato").postJson("/api/v1/handoffs/" + UUID.randomUUID() + "/claim", "{}").status())
			.isEqualTo(404);
	}

	// --- helpers -----------------------------------------------------------------------------------

	private List<JsonNode> queue() {
		List<JsonNode> list = new ArrayList<>();
		agent("sato").get("/api/v1/handoffs").json().forEach(list::add);
		return list;
	}

	private String status(String conversationId) {
		return this.jdbc.sql("SELECT status FROM conversation WHERE id = ?").param(conversationId).query(String.class).single();
	}

	private TestHttp agent(String name) {
		return new TestHttp(this.port).as(name, name + "-secret");
	}

	private static String text(String text) {
		return "{\"clientMessageId\":\"" + UUID.randomUUID() + "\",\"text\":" + TestHttp.quote(text) + "}";
	}

	private User start(String locale) {
		JsonNode json = new TestHttp(this.port)
			.postJson("/api/v1/conversations", "{\"siteKey\":\"demo\",\"locale\":\"" + locale + "\"}")
			.json();
		return new User(json.get("id").asString(), new TestHttp(this.port).bearer(json.get("token").asString()));
	}

	private record User(String id, TestHttp http) {

		String messages() {
			return "/api/v1/conversations/" + this.id + "/messages";
		}

		JsonNode post(String body) {
			Response response = this.http.postJson(messages(), body);
			assertThat(response.status()).as(response.body()).isIn(200, 201);
			return response.json();
		}

		List<JsonNode> transcript() {
			List<JsonNode> list = new ArrayList<>();
			this.http.get(messages()).json().get("messages").forEach(list::add);
			return list;
		}

		void vote(long messageId, boolean helpful) {
			assertThat(this.http.postJson(messages() + "/" + messageId + "/feedback", "{\"helpful\":" + helpful + "}")
				.status()).isEqualTo(200);
		}

		HttpResponse<InputStream> stream(long lastEventId) throws Exception {
			HttpRequest request = this.http.requestTo("/api/v1/conversations/" + this.id + "/events")
				.header("Last-Event-ID", Long.toString(lastEventId))
				.GET()
				.build();
			return this.http.client().send(request, HttpResponse.BodyHandlers.ofInputStream());
		}

	}

	private static void read(HttpResponse<InputStream> stream, List<JsonNode> into, int count) {
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
			String line;
			while (into.size() < count && (line = reader.readLine()) != null) {
				if (line.startsWith("data:")) {
					into.add(JSON.readTree(line.substring(5).strip()));
				}
			}
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
