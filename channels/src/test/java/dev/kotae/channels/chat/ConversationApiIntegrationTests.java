package dev.kotae.channels.chat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.kotae.MutableClock;
import dev.kotae.TestHttp;
import dev.kotae.TestHttp.Response;
import dev.kotae.bot.site.Site;
import dev.kotae.bot.site.Sites;
import dev.kotae.kb.faq.Language;
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
 * The widget's conversation API on the real app (H2, demo knowledge base, search-only answers: the
 * classifier is off here; the browser test trains it).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:conversation-api;DB_CLOSE_DELAY=-1",
				"kotae.security.admin-password=" + TestHttp.ADMIN_PASSWORD, "kotae.nlu.enabled=false",
				"kotae.web.rate-limit.per-ip=10000", "kotae.web.rate-limit.per-site=10000" })
@Import(MutableClock.Config.class) // business hours: escalations queue for a person, not offline
class ConversationApiIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Sites sites;

	TestHttp http;

	@BeforeEach
	void client() {
		this.http = new TestHttp(this.port);
	}

	@Test
	void aConversationStartsWithAGreetingAndPopularFaqsAndAnswersQuestions() {
		Started c = start("ja");
		assertThat(c.greeting().get("kind").asString()).isEqualTo("greeting");
		assertThat(c.greeting().get("choices").size()).isBetween(1, 5);

		Response posted = asUser(c).postJson(messages(c), message("パスワードを忘れてしまいました"));
		assertThat(posted.status()).isEqualTo(201);
		JsonNode user = posted.json().get("message");
		JsonNode reply = posted.json().get("reply");
		assertThat(user.get("sender").asString()).isEqualTo("user");
		assertThat(user.get("text").asString()).isEqualTo("パスワードを忘れてしまいました");
		assertThat(reply.get("sender").asString()).isEqualTo("bot");
		assertThat(reply.get("replyTo").asLong()).isEqualTo(user.get("id").asLong());
		assertThat(reply.get("kind").asString()).isIn("answer", "choices", "escalate");
	}

	@Test
	void everyCallNeedsTheConversationsOwnToken() {
		Started c = start("ja");
		Started other = start("en");
		Response none = this.http.get(messages(c));
		assertThat(none.status()).isEqualTo(401);
		assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer");
		assertThat(none.json().get("type").asString()).isEqualTo("urn:kotae:problem:unauthorized");
		assertThat(new TestHttp(this.port).bearer("not-the-token").get(messages(c)).status()).isEqualTo(403);
		assertThat(new TestHttp(this.port).bearer(other.token()).get(messages(c)).status()).isEqualTo(403);
		assertThat(new TestHttp(this.port).bearer(other.token()).postJson(messages(c), message("hi")).status())
			.isEqualTo(403);
		assertThat(asUser(c).get("/api/v1/conversations/" + UUID.randomUUID() + "/messages").status()).isEqualTo(404);
		assertThat(asUser(c).get(messages(c)).status()).isEqualTo(200);
	}

	@Test
	void aRepeatedClientMessageIdReturnsTheFirstResultAndStoresNothingTwice() {
		Started c = start("en");
		String body = "{\"clientMessageId\":\"retry-1\",\"text\":\"How do I reset my password?\"}";
		Response first = asUser(c).postJson(messages(c), body);
		Response again = asUser(c).postJson(messages(c), body);
		assertThat(first.status()).isEqualTo(201);
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.json()).isEqualTo(first.json());
		assertThat(transcript(c)).extracting((m) -> m.get("sender").asString()).containsExactly("bot", "user", "bot");
	}

	@Test
	void badMessagesGetAProblemAndStoreNothing() {
		Started c = start("en");
		Response tooLong = asUser(c).postJson(messages(c), message("x".repeat(2001)));
		assertThat(tooLong.status()).isEqualTo(400);
		assertThat(tooLong.header("Content-Type")).startsWith("application/problem+json");
		assertThat(asUser(c).postJson(messages(c), "{\"text\":\"hello\"}").status()).as("no clientMessageId")
			.isEqualTo(400);
		assertThat(asUser(c).postJson(messages(c), message("bad \u0000 byte")).status()).isEqualTo(400);
		assertThat(asUser(c).postJson(messages(c), "{\"clientMessageId\":\"x1\",\"text\":\"a\",\"action\":\"request_human\"}")
			.status()).as("text and action").isEqualTo(400);
		assertThat(asUser(c).postJson(messages(c), "[1,2]").status()).isEqualTo(400);
		assertThat(asUser(c).postJson(messages(c), message("x".repeat(2000))).status()).isEqualTo(201);
		assertThat(transcript(c)).hasSize(3);
		assertThat(this.http.postJson("/api/v1/conversations", "{\"siteKey\":\"no-such-site\"}").status()).isEqualTo(400);
		assertThat(this.http.postJson("/api/v1/conversations", "{\"siteKey\":\"demo\",\"locale\":\"fr\"}").status())
			.isEqualTo(400);
	}

	@Test
	void personalDataIsMaskedBeforeItIsStored() {
		Started c = start("en");
		Response posted = asUser(c).postJson(messages(c),
				message("I'm taro.yamada@example.co.jp, card 4111 1111 1111 1111, call 090-1234-5678"));
		String shown = posted.json().get("message").get("text").asString();
		String stored = this.jdbc.sql("SELECT body FROM message WHERE id = ?")
			.param(posted.json().get("message").get("id").asLong())
			.query(String.class)
			.single();
		assertThat(stored).isEqualTo(shown)
			.contains("[email]", "[card]", "[phone]")
			.doesNotContain("taro.yamada", "4111", "090-1234");
	}

	@Test
	void pickingAnOfferedFaqIsAMessageThatAnswersWithIt() {
		Started c = start("ja");
		JsonNode offered = c.greeting().get("choices").get(0);
		Response picked = asUser(c).postJson(messages(c), """
				{"clientMessageId": "pick-1", "choice": {"messageId": %d, "faqId": "%s"}}"""
			.formatted(c.greeting().get("id").asLong(), offered.get("id").asString()));
		assertThat(picked.status()).isEqualTo(201);
		assertThat(picked.json().get("message").get("kind").asString()).isEqualTo("choice");
		assertThat(picked.json().get("message").get("text").asString()).isEqualTo(offered.get("question").asString());
		assertThat(picked.json().get("reply").get("kind").asString()).isEqualTo("answer");
		assertThat(picked.json().get("reply").get("faqId").asString()).isEqualTo(offered.get("id").asString());

		Response notOffered = asUser(c).postJson(messages(c), """
				{"clientMessageId": "pick-2", "choice": {"messageId": %d, "faqId": "nope"}}"""
			.formatted(c.greeting().get("id").asLong()));
		assertThat(notOffered.status()).isEqualTo(400);
	}

	@Test
	void theTalkToAPersonButtonEscalates() {
		Started c = start("ja");
		Response human = asUser(c).postJson(messages(c), "{\"clientMessageId\":\"h-1\",\"action\":\"request_human\"}");
		assertThat(human.json().get("message").get("kind").asString()).isEqualTo("human_request");
		assertThat(human.json().get("reply").get("kind").asString()).isEqualTo("escalate");
		assertThat(human.json().get("reply").get("reason").asString()).isEqualTo("requested_human");
	}

	@Test
	void feedbackOnAnswersAndTheEndOfChatRating() {
		Started c = start("ja");
		JsonNode offered = c.greeting().get("choices").get(0);
		JsonNode answer = asUser(c).postJson(messages(c), """
				{"clientMessageId": "p", "choice": {"messageId": %d, "faqId": "%s"}}"""
			.formatted(c.greeting().get("id").asLong(), offered.get("id").asString())).json();
		String feedback = messages(c) + "/" + answer.get("reply").get("id").asLong() + "/feedback";
		Response voted = asUser(c).postJson(feedback, "{\"helpful\": false, \"comment\": \"mail me: a@b.example\"}");
		assertThat(voted.status()).isEqualTo(200);
		assertThat(voted.json().get("helpful").asBoolean()).isFalse();
		assertThat(this.jdbc.sql("SELECT feedback_comment FROM message WHERE id = ?")
			.param(answer.get("reply").get("id").asLong())
			.query(String.class)
			.single()).isEqualTo("mail me: [email]");
		assertThat(asUser(c).postJson(messages(c) + "/" + answer.get("message").get("id").asLong() + "/feedback",
				"{\"helpful\": true}").status()).as("not a bot answer").isEqualTo(400);
		assertThat(asUser(c).postJson(feedback, "{}").status()).isEqualTo(400);

		String rating = "/api/v1/conversations/" + c.id() + "/rating";
		assertThat(asUser(c).postJson(rating, "{\"score\": 6}").status()).isEqualTo(400);
		assertThat(asUser(c).postJson(rating, "{\"score\": 4, \"nps\": 11}").status()).isEqualTo(400);
		assertThat(asUser(c).postJson(rating, "{\"score\": 4, \"nps\": 9, \"comment\": \"早かった\"}").status())
			.isEqualTo(204);
		assertThat(this.jdbc.sql("SELECT rating_score, nps_score FROM conversation WHERE id = ?")
			.param(c.id())
			.query((rs, row) -> rs.getInt(1) + "/" + rs.getInt(2))
			.single()).isEqualTo("4/9");
	}

	@Test
	void theStreamResumesFromTheLastEventIdWithoutLossOrRepeats() throws Exception {
		Started c = start("en");
		long greetingId = c.greeting().get("id").asLong();
		List<JsonNode> events = new ArrayList<>();
		HttpResponse<InputStream> stream = openStream(c, greetingId);
		assertThat(stream.statusCode()).isEqualTo(200);
		assertThat(stream.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
		CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> readEvents(stream, events, 2));
		JsonNode posted = asUser(c).postJson(messages(c), message("hello there")).json();
		reading.get(10, TimeUnit.SECONDS);
		stream.body().close();
		assertThat(events).extracting((e) -> e.get("id").asLong())
			.containsExactly(posted.get("message").get("id").asLong(), posted.get("reply").get("id").asLong());

		// while disconnected, more messages arrive; a reconnect with the last id gets exactly those
		JsonNode missed = asUser(c).postJson(messages(c), message("thanks")).json();
		List<JsonNode> resumed = new ArrayList<>();
		HttpResponse<InputStream> again = openStream(c, events.get(1).get("id").asLong());
		CompletableFuture.runAsync(() -> readEvents(again, resumed, 2)).get(10, TimeUnit.SECONDS);
		again.body().close();
		assertThat(resumed).extracting((e) -> e.get("id").asLong())
			.containsExactly(missed.get("message").get("id").asLong(), missed.get("reply").get("id").asLong());
	}

	@Test
	void browsersMayUseASiteOnlyFromItsAllowedOrigins() {
		this.sites.save(new Site("shop", "Shop", List.of("https://shop.example"), Language.EN, false, List.of()));
		Response preflight = this.http.send("OPTIONS", "/api/v1/conversations", "https://shop.example");
		assertThat(preflight.status()).isEqualTo(200);
		assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("https://shop.example");

		String start = "{\"siteKey\":\"shop\"}";
		assertThat(new TestHttp(this.port).header("Origin", "https://shop.example")
			.postJson("/api/v1/conversations", start)
			.status()).isEqualTo(201);
		Response evil = new TestHttp(this.port).header("Origin", "https://evil.example")
			.postJson("/api/v1/conversations", start);
		assertThat(evil.status()).isEqualTo(403);
		assertThat(new TestHttp(this.port).header("Origin", "https://shop.example")
			.postJson("/api/v1/conversations", "{\"siteKey\":\"demo\"}")
			.status()).as("another site's key").isEqualTo(403);
	}

	@Test
	void theVoiceOfCustomerLogExportsEveryMessageMaskedAsCsvOrJsonLines() throws Exception {
		Started c = start("ja");
		String marker = UUID.randomUUID().toString().substring(0, 8);
		asUser(c).postJson(messages(c), message("=HYPERLINK(\"x\") " + marker + " 連絡先 hanako@example.jp"));
		TestHttp admin = new TestHttp(this.port).asAdmin();
		Response csv = admin.get("/api/v1/voc/export?format=csv");
		assertThat(csv.status()).isEqualTo(200);
		assertThat(csv.header("Content-Type")).startsWith("text/csv");
		assertThat(csv.header("Content-Disposition")).startsWith("attachment");
		List<org.apache.commons.csv.CSVRecord> rows = org.apache.commons.csv.CSVFormat.RFC4180.builder()
			.setHeader()
			.setSkipHeaderRecord(true)
			.get()
			.parse(new java.io.StringReader(csv.body()))
			.getRecords();
		org.apache.commons.csv.CSVRecord row = rows.stream()
			.filter((r) -> r.get("text").contains(marker))
			.findFirst()
			.orElseThrow();
		assertThat(row.get("text")).startsWith("'=HYPERLINK").contains("[email]").doesNotContain("hanako@");
		assertThat(row.get("conversation_id")).isEqualTo(c.id());
		assertThat(row.get("channel")).isEqualTo("web");
		assertThat(row.get("site")).isEqualTo("demo");
		assertThat(row.get("attributes")).isEqualTo("plan=pro");
		assertThat(rows.stream().filter((r) -> r.get("conversation_id").equals(c.id()))).extracting((r) -> r.get("kind"))
			.containsExactly("greeting", "text", rows.stream()
				.filter((r) -> r.get("conversation_id").equals(c.id()) && r.get("sender").equals("bot")
						&& !r.get("kind").equals("greeting"))
				.findFirst()
				.orElseThrow()
				.get("kind"));

		Response jsonl = admin.get("/api/v1/voc/export?format=jsonl&from=2000-01-01");
		JsonNode line = JSON.readTree(jsonl.body().lines().filter((l) -> l.contains(marker)).findFirst().orElseThrow());
		assertThat(line.get("attributes").get("plan").asString()).isEqualTo("pro");
		assertThat(admin.get("/api/v1/voc/export?to=2000-01-01").body()).as("a range without messages").isEqualTo(
				"message_id,at,conversation_id,channel,site,locale,attributes,sender,kind,text,reply_to,faq_id,reason,"
						+ "confidence,helpful,feedback_comment\r\n");
		assertThat(admin.get("/api/v1/voc/export?format=xml").status()).isEqualTo(400);
		assertThat(admin.get("/api/v1/voc/export?from=yesterday").status()).isEqualTo(400);
		assertThat(this.http.get("/api/v1/voc/export").status()).isEqualTo(401);
	}

	@Test
	void adminsConfigureSitesAndPinnedFaqsComeFirst() {
		TestHttp admin = new TestHttp(this.port).asAdmin();
		Response put = admin.putJson("/api/v1/sites/pinned", """
				{"name": "Pinned", "allowedOrigins": ["https://help.example"], "defaultLocale": "en",
				 "npsEnabled": false, "pinnedFaqIds": ["en-billing-invoice-download", "no-such-faq"]}""");
		assertThat(put.status()).isEqualTo(200);
		assertThat(admin.get("/api/v1/sites/pinned").json().get("allowedOrigins").get(0).asString())
			.isEqualTo("https://help.example");
		JsonNode greeting = this.http.postJson("/api/v1/conversations", "{\"siteKey\":\"pinned\"}").json().get("greeting");
		assertThat(greeting.get("choices").get(0).get("id").asString()).isEqualTo("en-billing-invoice-download");
		assertThat(greeting.get("choices").size()).isEqualTo(5);

		// a changed site applies to the very next request (sites are cached in memory)
		JsonNode json = new TestHttp(this.port).header("Origin", "https://help.example")
			.postJson("/api/v1/conversations", "{\"siteKey\":\"pinned\"}")
			.json();
		Started c = new Started(json.get("id").asString(), json.get("token").asString(), json.get("greeting"));
		assertThat(admin.putJson("/api/v1/sites/pinned", """
				{"name": "Pinned", "allowedOrigins": ["https://docs.example"], "defaultLocale": "en"}""").status())
			.isEqualTo(200);
		assertThat(asUser(c).header("Origin", "https://help.example").postJson(messages(c), message("invoice")).status())
			.isEqualTo(403);
		assertThat(asUser(c).header("Origin", "https://docs.example").postJson(messages(c), message("invoice")).status())
			.isEqualTo(201);

		Response invalid = admin.putJson("/api/v1/sites/pinned", """
				{"name": "", "allowedOrigins": ["https://help.example/path"], "defaultLocale": "fr"}""");
		assertThat(invalid.status()).isEqualTo(400);
		assertThat(invalid.json().get("errors").valueStream().map((e) -> e.get("field").asString()))
			.containsExactly("name", "allowedOrigins", "defaultLocale");
		assertThat(admin.get("/api/v1/sites/none").status()).isEqualTo(404);
		assertThat(this.http.get("/api/v1/sites").status()).isEqualTo(401);
	}

	private HttpResponse<InputStream> openStream(Started c, long lastEventId) throws Exception {
		TestHttp user = asUser(c);
		HttpRequest request = user.requestTo("/api/v1/conversations/" + c.id() + "/events")
			.header("Accept", "text/event-stream")
			.header("Last-Event-ID", Long.toString(lastEventId))
			.GET()
			.build();
		return user.client().send(request, HttpResponse.BodyHandlers.ofInputStream());
	}

	private static void readEvents(HttpResponse<InputStream> stream, List<JsonNode> into, int count) {
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
			String id = null;
			String line;
			while (into.size() < count && (line = reader.readLine()) != null) {
				if (line.startsWith("id:")) {
					id = line.substring(3).strip();
				}
				else if (line.startsWith("data:")) {
					JsonNode data = JSON.readTree(line.substring(5).strip());
					assertThat(data.get("id").asString()).isEqualTo(id);
					into.add(data);
				}
			}
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private record Started(String id, String token, JsonNode greeting) {
	}

	private Started start(String locale) {
		Response response = this.http.postJson("/api/v1/conversations",
				"{\"siteKey\":\"demo\",\"locale\":\"" + locale + "\",\"user\":{\"attributes\":{\"plan\":\"pro\"}}}");
		assertThat(response.status()).isEqualTo(201);
		JsonNode json = response.json();
		assertThat(response.header("Location")).isEqualTo("/api/v1/conversations/" + json.get("id").asString());
		return new Started(json.get("id").asString(), json.get("token").asString(), json.get("greeting"));
	}

	private TestHttp asUser(Started c) {
		return new TestHttp(this.port).bearer(c.token());
	}

	private static String messages(Started c) {
		return "/api/v1/conversations/" + c.id() + "/messages";
	}

	private static String message(String text) {
		return "{\"clientMessageId\":\"" + UUID.randomUUID() + "\",\"text\":" + TestHttp.quote(text) + "}";
	}

	private List<JsonNode> transcript(Started c) {
		List<JsonNode> messages = new ArrayList<>();
		asUser(c).get(messages(c)).json().get("messages").forEach(messages::add);
		return messages;
	}

}
