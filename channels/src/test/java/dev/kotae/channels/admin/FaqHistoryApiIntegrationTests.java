package dev.kotae.channels.admin;

import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.kotae.TestHttp;
import dev.kotae.TestHttp.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The FAQ history and workflow API on the real app with H2, over real HTTP. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:faq-history-api;DB_CLOSE_DELAY=-1",
				"kotae.security.admin-password=" + TestHttp.ADMIN_PASSWORD, "kotae.demo.enabled=false",
				"kotae.nlu.enabled=false" })
class FaqHistoryApiIntegrationTests {

	private static final List<String> CONTENT = List.of("locale", "question", "alternativeQuestions", "answer",
			"category", "tags", "status", "audience");

	@LocalServerPort
	int port;

	TestHttp http;

	@BeforeEach
	void client() {
		this.http = new TestHttp(this.port).asAdmin();
	}

	@Test
	void editPublishArchiveThenRevertToTheFirstVersion() {
		String id = "hist-" + UUID.randomUUID().toString().substring(0, 8);
		String base = "/api/v1/faqs/" + id;
		assertThat(this.http.postJson("/api/v1/faqs", """
				{"id": "%s", "locale": "en", "question": "How do I rotate the webhook secret?",
				 "alternativeQuestions": ["change webhook secret"], "answer": "Open Settings.\\nClick Rotate.\\nDone.",
				 "category": "integrations", "tags": ["webhook"]}""".formatted(id)).status()).isEqualTo(201);
		Response updated = this.http.putJson(base, """
				{"locale": "en", "question": "How do I rotate the webhook signing secret?",
				 "alternativeQuestions": ["change webhook secret"], "answer": "Open Settings.\\nClick Regenerate.\\nDone.",
				 "category": "integrations", "tags": ["webhook", "security"], "version": 1}""");
		assertThat(updated.json().get("version").asLong()).isEqualTo(2);
		assertThat(searchIds("rotate webhook signing secret")).doesNotContain(id);

		Response published = this.http.postJson(base + "/publish", "{\"expectedVersion\": 2}");
		assertThat(published.status()).isEqualTo(200);
		assertThat(published.json().get("status").asString()).isEqualTo("published");
		assertThat(published.json().get("version").asLong()).isEqualTo(3);
		assertThat(searchIds("rotate webhook signing secret")).first().isEqualTo(id);

		Response archived = this.http.post(base + "/archive", "application/json",
				BodyPublishers.noBody());
		assertThat(archived.status()).isEqualTo(200);
		assertThat(archived.json().get("status").asString()).isEqualTo("archived");
		assertThat(searchIds("rotate webhook signing secret")).doesNotContain(id);

		JsonNode versions = this.http.get(base + "/versions").json();
		assertThat(versions.valueStream().map((v) -> v.get("version").asLong())).containsExactly(4L, 3L, 2L, 1L);
		assertThat(versions.valueStream().map((v) -> v.get("status").asString()))
			.containsExactly("archived", "published", "draft", "draft");
		assertThat(versions.get(0).get("author").asString()).isEqualTo("admin");
		assertThat(versions.get(0).get("savedAt").asString()).isNotEmpty();

		JsonNode diff = this.http.get(base + "/diff?from=1&to=2").json();
		assertThat(diff.get("changes").valueStream().map((c) -> c.get("field").asString()))
			.containsExactly("question", "answer", "tags");
		JsonNode question = diff.get("changes").get(0);
		assertThat(question.get("before").asString()).isEqualTo("How do I rotate the webhook secret?");
		assertThat(question.get("after").asString()).isEqualTo("How do I rotate the webhook signing secret?");
		assertThat(diff.get("changes").get(2).get("after").valueStream().map(JsonNode::asString))
			.containsExactly("webhook", "security");
		assertThat(diff.get("answerLines").valueStream().map((l) -> l.get("op").asString() + " " + l.get("text").asString()))
			.containsExactly("SAME Open Settings.", "REMOVED Click Rotate.", "ADDED Click Regenerate.", "SAME Done.");
		JsonNode latest = this.http.get(base + "/diff").json();
		assertThat(latest.get("from").asLong()).isEqualTo(3);
		assertThat(latest.get("to").asLong()).isEqualTo(4);
		assertThat(latest.get("changes").valueStream().map((c) -> c.get("field").asString())).containsExactly("status");

		Response stale = this.http.postJson(base + "/revert", "{\"version\": 1, \"expectedVersion\": 3}");
		assertThat(stale.status()).isEqualTo(409);
		assertThat(stale.json().get("type").asString()).isEqualTo("urn:kotae:problem:version-conflict");

		Response reverted = this.http.postJson(base + "/revert", "{\"version\": 1, \"expectedVersion\": 4}");
		assertThat(reverted.status()).isEqualTo(200);
		assertThat(reverted.json().get("version").asLong()).isEqualTo(5);
		JsonNode v1 = this.http.get(base + "/versions/1").json();
		JsonNode v5 = this.http.get(base + "/versions/5").json();
		JsonNode current = this.http.get(base).json();
		for (String field : CONTENT) {
			assertThat(v5.get(field)).as(field).isEqualTo(v1.get(field));
			assertThat(current.get(field)).as(field).isEqualTo(v1.get(field));
		}
		assertThat(this.http.get(base + "/diff?from=1&to=5").json().get("changes")).isEmpty();
	}

	@Test
	void historyIsKeptAfterDelete() {
		String id = "hist-del-" + UUID.randomUUID().toString().substring(0, 8);
		this.http.postJson("/api/v1/faqs", "{\"id\": \"%s\", \"question\": \"Gone?\", \"answer\": \"Yes.\"}".formatted(id));
		assertThat(this.http.delete("/api/v1/faqs/" + id).status()).isEqualTo(204);
		Response versions = this.http.get("/api/v1/faqs/" + id + "/versions");
		assertThat(versions.status()).isEqualTo(200);
		assertThat(versions.json()).hasSize(1);
		assertThat(this.http.postJson("/api/v1/faqs/" + id + "/publish", "{}").status()).isEqualTo(404);
	}

	@Test
	void unknownFaqsVersionsAndBadRequestsGetProblems() {
		String id = "hist-bad-" + UUID.randomUUID().toString().substring(0, 8);
		Response unknown = this.http.get("/api/v1/faqs/" + id + "/versions");
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.json().get("type").asString()).isEqualTo("urn:kotae:problem:not-found");
		this.http.postJson("/api/v1/faqs", "{\"id\": \"%s\", \"question\": \"Q?\", \"answer\": \"A.\"}".formatted(id));
		Response noVersion = this.http.get("/api/v1/faqs/" + id + "/versions/9");
		assertThat(noVersion.status()).isEqualTo(404);
		assertThat(noVersion.json().get("type").asString()).isEqualTo("urn:kotae:problem:not-found");
		assertThat(this.http.get("/api/v1/faqs/" + id + "/diff?from=1&to=9").status()).isEqualTo(404);
		assertThat(this.http.get("/api/v1/faqs/" + id + "/diff?from=x").status()).isEqualTo(400);
		assertThat(this.http.postJson("/api/v1/faqs/" + id + "/revert", "{}").status()).isEqualTo(400);
		assertThat(this.http.postJson("/api/v1/faqs/" + id + "/publish", "{\"expectedVersion\": 7}").status())
			.isEqualTo(409);
	}

	@Test
	void historyEndpointsNeedAnEditor() {
		TestHttp anonymous = new TestHttp(this.port);
		for (Response response : List.of(anonymous.get("/api/v1/faqs/x/versions"),
				anonymous.get("/api/v1/faqs/x/versions/1"), anonymous.get("/api/v1/faqs/x/diff?from=1&to=2"),
				anonymous.postJson("/api/v1/faqs/x/revert", "{\"version\": 1}"),
				anonymous.postJson("/api/v1/faqs/x/publish", "{}"), anonymous.postJson("/api/v1/faqs/x/archive", "{}"),
				anonymous.postJson("/api/v1/faqs/x/unpublish", "{}"))) {
			assertThat(response.status()).isEqualTo(401);
		}
	}

	private List<String> searchIds(String q) {
		Response response = this.http.get("/api/v1/search?locale=en&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
		assertThat(response.status()).isEqualTo(200);
		List<String> ids = new ArrayList<>();
		response.json().get("hits").forEach((hit) -> ids.add(hit.get("id").asString()));
		return ids;
	}

}
