package dev.kotae.channels.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import dev.kotae.MutableClock;
import dev.kotae.TestHttp;
import dev.kotae.TestHttp.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The analytics API on the real app: conversations made through the chat API on Tuesday 24 November
 * 2026 (Tokyo), in and after business hours, with votes, ratings and hand-offs an agent answers, then
 * the summary and the daily CSV read back as an admin, an editor and an agent.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:analytics-api;DB_CLOSE_DELAY=-1",
				"kotae.security.admin-password=" + TestHttp.ADMIN_PASSWORD, "kotae.nlu.enabled=false",
				"kotae.web.rate-limit.enabled=false", "kotae.security.users[0].name=sato",
				"kotae.security.users[0].password=sato-secret", "kotae.security.users[0].roles=agent",
				"kotae.security.users[1].name=eri", "kotae.security.users[1].password=eri-secret",
				"kotae.security.users[1].roles=editor", "kotae.security.users[2].name=nobody",
				"kotae.security.users[2].password=nobody-secret" })
@Import(MutableClock.Config.class)
class AnalyticsApiIntegrationTests {

	/** Tuesday 24 November 2026, 20:00 in Tokyo: after business hours. */
	private static final Instant TUESDAY_20_TOKYO = Instant.parse("2026-11-24T11:00:00Z");

	private static final String SUMMARY = "/api/v1/analytics/summary";

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	@BeforeEach
	void businessHours() {
		this.clock.set(MutableClock.Config.TUESDAY_10_TOKYO);
	}

	@Test
	void theNumbersOfADayOfConversations() {
		// A (10:00): picks an FAQ (answered, voted helpful), then types something the bot can only
		// offer choices for; rates 5, NPS 10. Self-resolved.
		User a = start("en");
		JsonNode offered = a.transcript().get(0).get("choices").get(0);
		String faqId = offered.get("id").asString();
		JsonNode answer = a.pick(a.transcript().get(0), faqId);
		assertThat(answer.get("kind").asString()).isEqualTo("answer");
		a.vote(answer.get("id").asLong(), true);
		assertThat(a.post(text("password")).get("reply").get("kind").asString()).isEqualTo("choices");
		a.rate(5, 10);

		// B: opens the widget and leaves. Not engaged.
		start("ja");

		// C: asks for a person; sato takes it and answers 42 s later; rates 2, NPS 3. Escalated.
		User c = start("en");
		assertThat(c.post("{\"clientMessageId\":\"h\",\"action\":\"request_human\"}").get("reply").get("kind")
			.asString()).isEqualTo("escalate");
		this.clock.advance(Duration.ofSeconds(42));
		TestHttp sato = new TestHttp(this.port).as("sato", "sato-secret");
		assertThat(sato.postJson("/api/v1/handoffs/" + c.id + "/claim", "{}").status()).isEqualTo(200);
		assertThat(sato.postJson("/api/v1/conversations/" + c.id + "/agent-messages", "{\"text\":\"Hello, Sato here.\"}")
			.status()).isEqualTo(201);
		c.rate(2, 3);

		// after hours: D picks the same FAQ and votes it not helpful (not self-resolved); E asks for a
		// person, who is not there (an offline hand-off, never answered)
		this.clock.set(TUESDAY_20_TOKYO);
		User d = start("en");
		d.vote(d.pick(d.transcript().get(0), faqId).get("id").asLong(), false);
		User e = start("en");
		assertThat(e.post("{\"clientMessageId\":\"h\",\"action\":\"request_human\"}").get("reply").get("kind")
			.asString()).isEqualTo("escalate");

		for (TestHttp reader : readers()) {
			Response response = reader.get(SUMMARY + "?from=2026-11-24&to=2026-11-24");
			assertThat(response.status()).as(response.body()).isEqualTo(200);
			JsonNode s = response.json();
			assertThat(s.get("from").asString()).isEqualTo("2026-11-24");
			assertThat(s.get("to").asString()).isEqualTo("2026-11-24");
			assertThat(s.get("timeZone").asString()).isEqualTo("Asia/Tokyo");

			JsonNode conversations = s.get("conversations");
			assertThat(conversations.get("total").asLong()).isEqualTo(5);
			assertThat(conversations.get("engaged").asLong()).isEqualTo(4);
			assertThat(conversations.get("selfResolved").asLong()).isEqualTo(1);
			assertThat(conversations.get("escalated").asLong()).isEqualTo(2);
			assertThat(conversations.get("unresolved").asLong()).isEqualTo(1);
			assertThat(conversations.get("selfResolutionRate").asDouble()).isEqualTo(0.25);
			assertThat(conversations.get("escalationRate").asDouble()).isEqualTo(0.5);

			JsonNode decisions = s.get("decisions");
			assertThat(decisions.get("replies").asLong()).isEqualTo(5);
			assertThat(decisions.get("answers").asLong()).isEqualTo(2);
			assertThat(decisions.get("choices").asLong()).isEqualTo(1);
			assertThat(decisions.get("escalations").asLong()).isEqualTo(2);
			assertThat(decisions.get("smalltalk").asLong()).isZero();
			assertThat(decisions.get("escalationReasons").get("requested_human").asLong()).isEqualTo(2);
			assertThat(decisions.get("repliesToText").asLong()).isEqualTo(1);
			assertThat(decisions.get("answersToText").asLong()).isZero();
			assertThat(decisions.get("answerRate").asDouble()).isZero();

			JsonNode votes = s.get("votes");
			assertThat(votes.get("yes").asLong()).isEqualTo(1);
			assertThat(votes.get("no").asLong()).isEqualTo(1);
			assertThat(votes.get("helpfulRate").asDouble()).isEqualTo(0.5);

			JsonNode csat = s.get("csat");
			assertThat(csat.get("responses").asLong()).isEqualTo(2);
			assertThat(csat.get("averageScore").asDouble()).isEqualTo(3.5);
			assertThat(csat.get("satisfied").asLong()).isEqualTo(1);
			assertThat(csat.get("satisfiedRate").asDouble()).isEqualTo(0.5);
			JsonNode nps = s.get("nps");
			assertThat(nps.get("responses").asLong()).isEqualTo(2);
			assertThat(nps.get("promoters").asLong()).isEqualTo(1);
			assertThat(nps.get("passives").asLong()).isZero();
			assertThat(nps.get("detractors").asLong()).isEqualTo(1);
			assertThat(nps.get("score").asDouble()).isZero();

			JsonNode handoffs = s.get("handoffs");
			assertThat(handoffs.get("total").asLong()).isEqualTo(2);
			assertThat(handoffs.get("byReason").get("requested_human").asLong()).isEqualTo(2);
			assertThat(handoffs.get("offline").asLong()).isEqualTo(1);
			assertThat(handoffs.get("inHours").asLong()).isEqualTo(1);
			assertThat(handoffs.get("answeredInHours").asLong()).isEqualTo(1);
			assertThat(handoffs.get("medianFirstResponseSeconds").asDouble()).isEqualTo(42.0);
			assertThat(handoffs.get("p90FirstResponseSeconds").asDouble()).isEqualTo(42.0);
			assertThat(handoffs.get("slaSeconds").asLong()).isEqualTo(60);
			assertThat(handoffs.get("withinSla").asLong()).isEqualTo(1);
			assertThat(handoffs.get("withinSlaRate").asDouble()).isEqualTo(1.0);
			assertThat(handoffs.get("slaBreaches").asLong()).isZero();
			assertThat(handoffs.get("escalatedByReason").get("requested_human").asLong()).isEqualTo(2);
			assertThat(handoffs.get("escalationRateByReason").get("requested_human").asDouble()).isEqualTo(0.5);

			JsonNode afterHours = s.get("afterHours");
			assertThat(afterHours.get("engaged").asLong()).isEqualTo(2);
			assertThat(afterHours.get("share").asDouble()).isEqualTo(0.5);
			assertThat(afterHours.get("selfResolved").asLong()).isZero();
			assertThat(afterHours.get("selfResolutionRate").asDouble()).isZero();
			assertThat(afterHours.get("inHoursEngaged").asLong()).isEqualTo(2);
			assertThat(afterHours.get("inHoursSelfResolved").asLong()).isEqualTo(1);
			assertThat(afterHours.get("inHoursSelfResolutionRate").asDouble()).isEqualTo(0.5);

			JsonNode top = s.get("topFaqs");
			assertThat(top.size()).isEqualTo(1);
			assertThat(top.get(0).get("id").asString()).isEqualTo(faqId);
			assertThat(top.get(0).get("question").asString()).isEqualTo(offered.get("question").asString());
			assertThat(top.get(0).get("answers").asLong()).isEqualTo(2);
			assertThat(top.get(0).get("helpfulYes").asLong()).isEqualTo(1);
			assertThat(top.get(0).get("helpfulNo").asLong()).isEqualTo(1);
		}

		// the default range is the 30 days up to today in Tokyo
		JsonNode byDefault = admin().get(SUMMARY).json();
		assertThat(byDefault.get("from").asString()).isEqualTo("2026-10-26");
		assertThat(byDefault.get("to").asString()).isEqualTo("2026-11-24");
		assertThat(byDefault.get("conversations").get("total").asLong()).isEqualTo(5);

		// filters
		JsonNode web = admin().get(SUMMARY + "?from=2026-11-24&to=2026-11-24&channel=web&site=demo").json();
		assertThat(web.get("channel").asString()).isEqualTo("web");
		assertThat(web.get("site").asString()).isEqualTo("demo");
		assertThat(web.get("conversations").get("total").asLong()).isEqualTo(5);
		JsonNode line = admin().get(SUMMARY + "?from=2026-11-24&to=2026-11-24&channel=line").json();
		assertThat(line.get("conversations").get("total").asLong()).isZero();
		assertThat(line.get("conversations").has("selfResolutionRate")).as("nothing to divide by").isFalse();
		assertThat(admin().get(SUMMARY + "?from=2026-11-23&to=2026-11-23").json().get("conversations").get("total")
			.asLong()).isZero();

		// the busiest hours: A, B and C on Tuesday at 10, D and E at 20 (Tokyo)
		JsonNode heatmap = new TestHttp(this.port).as("sato", "sato-secret")
			.get("/api/v1/analytics/heatmap?from=2026-11-24&to=2026-11-24")
			.json();
		assertThat(heatmap.get("timeZone").asString()).isEqualTo("Asia/Tokyo");
		JsonNode weekdays = heatmap.get("heatmap").get("days");
		assertThat(weekdays.size()).isEqualTo(7);
		assertThat(weekdays.get(1).get("weekday").asString()).isEqualTo("TUESDAY");
		long[] tuesday = new long[24];
		for (int hour = 0; hour < 24; hour++) {
			tuesday[hour] = weekdays.get(1).get("hours").get(hour).asLong();
		}
		long[] expected = new long[24];
		expected[10] = 3;
		expected[20] = 2;
		assertThat(tuesday).containsExactly(expected);
		assertThat(weekdays.get(0).get("hours").get(10).asLong()).isZero();
		assertThat(heatmap.get("heatmap").get("max").asLong()).isEqualTo(3);
		assertThat(admin().get("/api/v1/analytics/heatmap?from=2026-11-24&to=2026-11-24&channel=line").json()
			.get("heatmap").get("max").asLong()).isZero();

		// the daily series, as JSON and as a spreadsheet
		JsonNode days = admin().get("/api/v1/analytics/daily?from=2026-11-23&to=2026-11-24").json().get("days");
		assertThat(days.size()).isEqualTo(2);
		assertThat(days.get(1).get("date").asString()).isEqualTo("2026-11-24");
		assertThat(days.get(1).get("engaged").asLong()).isEqualTo(4);
		Response csv = new TestHttp(this.port).as("eri", "eri-secret")
			.get("/api/v1/analytics/daily.csv?from=2026-11-23&to=2026-11-24");
		assertThat(csv.status()).isEqualTo(200);
		assertThat(csv.header("Content-Type")).startsWith("text/csv");
		assertThat(csv.header("Content-Disposition")).contains("attachment")
			.contains("kotae-daily-2026-11-23-2026-11-24.csv");
		assertThat(csv.body()).isEqualTo("date,conversations,engaged,self_resolved,escalated,helpful_yes,helpful_no\r\n"
				+ "2026-11-23,0,0,0,0,0,0\r\n" + "2026-11-24,5,4,1,2,1,1\r\n");
	}

	@Test
	void adminsEditorsAndAgentsMayReadNobodyElse() {
		for (String path : new String[] { SUMMARY, "/api/v1/analytics/daily", "/api/v1/analytics/daily.csv",
				"/api/v1/analytics/heatmap", "/api/v1/analytics/unanswered" }) {
			assertThat(new TestHttp(this.port).get(path).status()).as(path).isEqualTo(401);
			assertThat(new TestHttp(this.port).as("nobody", "nobody-secret").get(path).status()).as(path).isEqualTo(403);
			for (TestHttp reader : readers()) {
				assertThat(reader.get(path).status()).as(path).isEqualTo(200);
			}
		}
	}

	@Test
	void badParametersAreA400ThatNamesThem() {
		assertBadRequest("?from=2026-11-30&to=2026-11-01", "from");
		assertBadRequest("?from=yesterday", "from");
		assertBadRequest("?to=2026-13-01", "to");
		assertBadRequest("?from=2025-01-01&to=2026-11-24", "from");
		assertBadRequest("?channel=fax", "channel");
		assertBadRequest("?site=nope", "site");
		Response heatmap = admin().get("/api/v1/analytics/heatmap?from=2026-11-24&to=2026-11-01");
		assertThat(heatmap.status()).isEqualTo(400);
		assertThat(heatmap.json().get("errors").get(0).get("field").asString()).isEqualTo("from");
		Response limit = admin().get("/api/v1/analytics/unanswered?limit=0");
		assertThat(limit.status()).isEqualTo(400);
		assertThat(limit.json().get("errors").get(0).get("field").asString()).isEqualTo("limit");
		assertThat(admin().get("/api/v1/analytics/unanswered?locale=xx").status()).isEqualTo(400);
		Response csv = admin().get("/api/v1/analytics/daily.csv?channel=fax");
		assertThat(csv.status()).isEqualTo(400);
		assertThat(csv.header("Content-Type")).startsWith("application/problem+json");
	}

	private void assertBadRequest(String query, String parameter) {
		Response response = admin().get(SUMMARY + query);
		assertThat(response.status()).as(query).isEqualTo(400);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		JsonNode problem = response.json();
		assertThat(problem.get("type").asString()).isEqualTo("urn:kotae:problem:invalid-input");
		assertThat(problem.get("errors").get(0).get("field").asString()).as(query).isEqualTo(parameter);
	}

	// --- helpers -----------------------------------------------------------------------------------

	private TestHttp admin() {
		return new TestHttp(this.port).asAdmin();
	}

	private TestHttp[] readers() {
		return new TestHttp[] { admin(), new TestHttp(this.port).as("eri", "eri-secret"),
				new TestHttp(this.port).as("sato", "sato-secret") };
	}

	private static String text(String text) {
		return "{\"clientMessageId\":\"" + UUID.randomUUID() + "\",\"text\":" + TestHttp.quote(text) + "}";
	}

	private User start(String locale) {
		Response response = new TestHttp(this.port).postJson("/api/v1/conversations",
				"{\"siteKey\":\"demo\",\"locale\":\"" + locale + "\"}");
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		JsonNode json = response.json();
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

		/** Picks an FAQ the message offers; the bot's answer. */
		JsonNode pick(JsonNode offer, String faqId) {
			return post("{\"clientMessageId\":\"" + UUID.randomUUID() + "\",\"choice\":{\"messageId\":"
					+ offer.get("id").asLong() + ",\"faqId\":\"" + faqId + "\"}}")
				.get("reply");
		}

		JsonNode transcript() {
			return this.http.get(messages()).json().get("messages");
		}

		void vote(long messageId, boolean helpful) {
			assertThat(this.http.postJson(messages() + "/" + messageId + "/feedback", "{\"helpful\":" + helpful + "}")
				.status()).isEqualTo(200);
		}

		void rate(int score, int nps) {
			Response response = this.http.postJson("/api/v1/conversations/" + this.id + "/rating",
					"{\"score\":" + score + ",\"nps\":" + nps + "}");
			assertThat(response.status()).as(response.body()).isEqualTo(204);
		}

	}

}
