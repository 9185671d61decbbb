package dev.kotae.channels.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.kotae.TestHttp;
import dev.kotae.TestHttp.Response;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The unanswered-question inbox on the real app (H2, demo knowledge base, search-only answers):
 * questions the demo FAQs do not cover are asked through the chat API, then clustered and acted on.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:unanswered-api;DB_CLOSE_DELAY=-1",
				"kotae.security.admin-password=" + TestHttp.ADMIN_PASSWORD, "kotae.nlu.enabled=false",
				"kotae.web.rate-limit.enabled=false", "kotae.security.users[0].name=hanako",
				"kotae.security.users[0].password=hanako-secret", "kotae.security.users[0].roles=editor",
				"kotae.security.users[1].name=sato", "kotae.security.users[1].password=sato-secret",
				"kotae.security.users[1].roles=agent" })
class UnansweredApiIntegrationTests {

	private static final List<String> DARK_MODE = List.of("Is there a dark mode?", "How do I turn on dark mode",
			"Does the app support dark mode?", "Enable dark mode", "is there a DARK mode");

	private static final List<String> DOGS = List.of("オフィスに犬を連れて行ってもいいですか", "犬をオフィスに連れて行けますか？",
			"オフィスに犬を連れていきたい");

	private static final List<String> PARKING = List.of("Is there parking at your office?",
			"Where do I park at the office", "Free parking near the office?");

	@LocalServerPort
	int port;

	@Test
	void similarUnansweredQuestionsAreClusteredAndBecomeADraftOrOutOfScopePhrases() {
		ask("en", DARK_MODE);
		ask("ja", DOGS);

		JsonNode dark = clusterWith(DARK_MODE.get(0));
		JsonNode dogs = clusterWith(DOGS.get(0));
		assertThat(dark.get("size").asInt()).isEqualTo(5);
		assertThat(dark.get("distinctQuestions").asInt()).isEqualTo(4);
		assertThat(dark.get("locale").asString()).isEqualTo("en");
		assertThat(dark.get("trend").get("lastSevenDays").asInt()).isEqualTo(5);
		assertThat(texts(dark.get("samples"))).containsExactlyInAnyOrder(DARK_MODE.subList(0, 4).toArray(String[]::new));
		assertThat(dogs.get("size").asInt()).isEqualTo(3);
		assertThat(dogs.get("locale").asString()).isEqualTo("ja");
		assertThat(dogs.get("id").asString()).isNotEqualTo(dark.get("id").asString());
		assertThat(editor().get("/api/v1/unanswered/clusters?locale=ja&limit=500").json())
			.allSatisfy((c) -> assertThat(c.get("locale").asString()).isEqualTo("ja"));

		// Japanese questions cannot become phrases of an English FAQ
		Response wrongLanguage = editor().postJson(actions(dogs, "add-to-faq"), "{\"faqId\":\"en-account-profile\"}");
		assertThat(wrongLanguage.status()).isEqualTo(400);

		Response draft = editor().postJson(actions(dogs, "create-draft"), "");
		assertThat(draft.status()).isEqualTo(201);
		String faqId = draft.json().get("id").asString();
		assertThat(draft.header("Location")).isEqualTo("/api/v1/faqs/" + faqId);
		JsonNode faq = new TestHttp(this.port).asAdmin().get("/api/v1/faqs/" + faqId).json();
		assertThat(faq.get("status").asString()).isEqualTo("draft");
		assertThat(faq.get("locale").asString()).isEqualTo("ja");
		assertThat(faq.get("author").asString()).isEqualTo("hanako");
		assertThat(faq.get("answer").asString()).isEqualTo("TODO");
		List<String> drafted = new ArrayList<>(texts(faq.get("alternativeQuestions")));
		drafted.add(faq.get("question").asString());
		assertThat(drafted).containsExactlyInAnyOrderElementsOf(DOGS);

		assertThat(editor().postJson(actions(dark, "dismiss"), "").status()).isEqualTo(204);
		List<String> outOfScope = new ArrayList<>();
		new TestHttp(this.port).asAdmin()
			.get("/api/v1/out-of-scope")
			.json()
			.forEach((p) -> outOfScope.add(p.get("text").asString()));
		assertThat(outOfScope).containsAll(DARK_MODE.subList(0, 4));

		// handled clusters are gone, and do not come back when the questions are asked again
		ask("en", List.of(DARK_MODE.get(0)));
		ask("ja", List.of(DOGS.get(1)));
		assertThat(clusters()).noneMatch((c) -> texts(c.get("samples")).contains(DARK_MODE.get(0))
				|| texts(c.get("samples")).contains(DOGS.get(1)));
		assertThat(editor().postJson(actions(dark, "dismiss"), "").status()).isEqualTo(404);
	}

	@Test
	void addingAClusterToAnFaqAppendsItsQuestionsAsAlternatives() {
		ask("en", PARKING);
		JsonNode parking = clusterWith(PARKING.get(0));
		assertThat(parking.get("size").asInt()).isEqualTo(3);
		assertThat(parking.get("suggestedFaq").get("faqId").asString()).isNotBlank();
		JsonNode before = new TestHttp(this.port).asAdmin().get("/api/v1/faqs/en-account-profile").json();

		Response added = editor().postJson(actions(parking, "add-to-faq"), "{\"faqId\":\"en-account-profile\"}");
		assertThat(added.status()).isEqualTo(200);
		JsonNode after = new TestHttp(this.port).asAdmin().get("/api/v1/faqs/en-account-profile").json();
		assertThat(after.get("version").asLong()).isEqualTo(before.get("version").asLong() + 1);
		assertThat(after.get("author").asString()).isEqualTo("hanako");
		assertThat(texts(after.get("alternativeQuestions"))).containsAll(texts(before.get("alternativeQuestions")))
			.containsAll(PARKING);
		assertThat(clusters()).noneMatch((c) -> texts(c.get("samples")).contains(PARKING.get(0)));

		JsonNode audit = new TestHttp(this.port).asAdmin()
			.get("/api/v1/audit?targetType=unanswered-cluster&targetId=" + parking.get("id").asString())
			.json();
		assertThat(audit).hasSize(1);
		assertThat(audit.get(0).get("action").asString()).isEqualTo("unanswered.add-to-faq");
		assertThat(audit.get(0).get("actor").asString()).isEqualTo("hanako");
	}

	@Test
	void unknownClustersAndFaqsAreNotFoundAndOnlyEditorsMayUseTheInbox() {
		for (String action : List.of("add-to-faq", "create-draft", "dismiss")) {
			Response missing = editor().postJson("/api/v1/unanswered/clusters/no-such-cluster/" + action,
					"{\"faqId\":\"en-account-profile\"}");
			assertThat(missing.status()).as(action).isEqualTo(404);
			assertThat(missing.json().get("type").asString()).isEqualTo("urn:kotae:problem:not-found");
		}
		ask("en", List.of("Can I pay with bitcoin or other crypto currency at the office cafeteria?"));
		JsonNode cluster = clusterWith("Can I pay with bitcoin or other crypto currency at the office cafeteria?");
		assertThat(editor().postJson(actions(cluster, "add-to-faq"), "{\"faqId\":\"no-such-faq\"}").status())
			.isEqualTo(404);
		assertThat(editor().postJson(actions(cluster, "add-to-faq"), "{}").status()).isEqualTo(400);
		assertThat(editor().get("/api/v1/unanswered/clusters?limit=0").status()).isEqualTo(400);
		assertThat(editor().get("/api/v1/unanswered/clusters?locale=fr").status()).isEqualTo(400);
		assertThat(new TestHttp(this.port).get("/api/v1/unanswered/clusters").status()).isEqualTo(401);
		assertThat(new TestHttp(this.port).as("sato", "sato-secret").get("/api/v1/unanswered/clusters").status())
			.isEqualTo(403);
		assertThat(new TestHttp(this.port).asAdmin().get("/api/v1/unanswered/clusters").status()).isEqualTo(200);
		assertThat(editor().postJson("/api/v1/unanswered/rebuild", "").status()).isEqualTo(204);
		assertThat(new TestHttp(this.port).asAdmin().get("/api/v1/audit?targetType=unanswered-cluster").json())
			.anySatisfy((entry) -> {
				assertThat(entry.get("action").asString()).isEqualTo("unanswered.rebuild");
				assertThat(entry.get("actor").asString()).isEqualTo("hanako");
			});
		assertThat(clusterWith("Can I pay with bitcoin or other crypto currency at the office cafeteria?").get("id"))
			.as("the id survives a full recompute")
			.isEqualTo(cluster.get("id"));
	}

	/** Asks each question in a conversation of its own (an escalation queues the conversation for a person). */
	private void ask(String locale, List<String> questions) {
		for (String question : questions) {
			Response started = new TestHttp(this.port).postJson("/api/v1/conversations",
					"{\"siteKey\":\"demo\",\"locale\":\"" + locale + "\"}");
			assertThat(started.status()).isEqualTo(201);
			String id = started.json().get("id").asString();
			Response posted = new TestHttp(this.port).bearer(started.json().get("token").asString())
				.postJson("/api/v1/conversations/" + id + "/messages", "{\"clientMessageId\":\"" + UUID.randomUUID()
						+ "\",\"text\":" + TestHttp.quote(question) + "}");
			assertThat(posted.status()).isEqualTo(201);
			JsonNode reply = posted.json().get("reply");
			assertThat(reply.get("kind").asString()).as("the demo bot's reply to %s", question)
				.isIn("choices", "escalate");
		}
	}

	private JsonNode clusterWith(String question) {
		return clusters().stream()
			.filter((c) -> texts(c.get("samples")).contains(question))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no cluster holds " + question + ": " + clusters()));
	}

	private List<JsonNode> clusters() {
		Response response = editor().get("/api/v1/unanswered/clusters?limit=500");
		assertThat(response.status()).isEqualTo(200);
		List<JsonNode> clusters = new ArrayList<>();
		response.json().forEach(clusters::add);
		return clusters;
	}

	private TestHttp editor() {
		return new TestHttp(this.port).as("hanako", "hanako-secret");
	}

	private static String actions(JsonNode cluster, String action) {
		return "/api/v1/unanswered/clusters/" + cluster.get("id").asString() + "/" + action;
	}

	private static List<String> texts(JsonNode array) {
		List<String> texts = new ArrayList<>();
		array.forEach((t) -> texts.add(t.asString()));
		return texts;
	}

}
