package dev.kotae.channels.admin;

import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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

/** The FAQ API on the real app with H2, over real HTTP. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:faq-api;DB_CLOSE_DELAY=-1",
				"kotae.security.admin-password=" + TestHttp.ADMIN_PASSWORD, "kotae.demo.enabled=false", "kotae.nlu.enabled=false" })
class FaqApiIntegrationTests {

	@LocalServerPort
	int port;

	TestHttp http;

	@BeforeEach
	void client() {
		this.http = new TestHttp(this.port).asAdmin();
	}

	@Test
	void outOfScopePhrasesAreAddedOnceListedAndDeleted() {
		String text = "Book me a table for " + UUID.randomUUID();
		Response added = this.http.postJson("/api/v1/out-of-scope", """
				{"phrases": [{"text": "%s", "locale": "en"}, {"text": "  %s "}]}""".formatted(text, text));
		assertThat(added.status()).isEqualTo(201);
		assertThat(added.json().get("added").asInt()).isEqualTo(1);
		assertThat(added.json().get("alreadyPresent").asInt()).isEqualTo(1);
		Response again = this.http.postJson("/api/v1/out-of-scope", """
				{"phrases": [{"text": "%s", "locale": "en"}]}""".formatted(text));
		assertThat(again.status()).isEqualTo(200);

		JsonNode stored = this.http.get("/api/v1/out-of-scope")
			.json()
			.valueStream()
			.filter((p) -> p.get("text").asString().equals(text))
			.findFirst()
			.orElseThrow();
		assertThat(stored.get("locale").asString()).isEqualTo("en");
		long id = stored.get("id").asLong();
		assertThat(this.http.delete("/api/v1/out-of-scope/" + id).status()).isEqualTo(204);
		Response gone = this.http.delete("/api/v1/out-of-scope/" + id);
		assertThat(gone.status()).isEqualTo(404);
		assertThat(gone.json().get("type").asString()).isEqualTo("urn:kotae:problem:not-found");
	}

	@Test
	void outOfScopePhrasesAreValidatedAndNeedAnEditor() {
		Response invalid = this.http.postJson("/api/v1/out-of-scope", """
				{"phrases": [{"text": ""}, {"text": "ok", "locale": "xx"}]}""");
		assertThat(invalid.status()).isEqualTo(400);
		assertThat(invalid.json().get("errors").valueStream().map((v) -> v.get("field").asString()))
			.containsExactly("phrases[0].text", "phrases[1].locale");
		assertThat(this.http.postJson("/api/v1/out-of-scope", "{}").status()).isEqualTo(400);
		assertThat(this.http.anonymous().get("/api/v1/out-of-scope").status()).isEqualTo(401);
	}

	@Test
	void createdFaqIsFoundBySearchWithinOneSecondThenUpdatedAndDeleted() throws Exception {
		String id = "it-" + UUID.randomUUID().toString().substring(0, 8);
		Response created = this.http.postJson("/api/v1/faqs", """
				{"id": "%s", "locale": "ja", "question": "ワークスペースのロゴを変更するには？",
				 "alternativeQuestions": ["ロゴ画像を差し替えたい"], "answer": "設定 > ワークスペース から変更できます。",
				 "category": "account", "tags": ["logo"], "status": "published"}""".formatted(id));
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.header("Location")).isEqualTo("/api/v1/faqs/" + id);
		assertThat(created.json().get("version").asLong()).isEqualTo(1);
		assertThat(created.json().get("author").asString()).isEqualTo("admin");

		long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
		List<String> ids;
		do {
			ids = searchIds("ﾛｺﾞを変えたい", "ja");
		}
		while (!ids.contains(id) && System.nanoTime() < deadline);
		assertThat(ids).first().isEqualTo(id);

		Response updated = this.http.putJson("/api/v1/faqs/" + id, """
				{"locale": "ja", "question": "ワークスペースのアイコンを変更するには？", "answer": "設定から変更できます。",
				 "status": "published", "version": 1}""");
		assertThat(updated.status()).isEqualTo(200);
		assertThat(updated.json().get("version").asLong()).isEqualTo(2);
		assertThat(searchIds("アイコン 変更", "ja")).contains(id);
		assertThat(searchIds("ロゴ画像", "ja")).doesNotContain(id);

		Response stale = this.http.putJson("/api/v1/faqs/" + id, """
				{"question": "古い版からの更新", "answer": "x", "version": 1}""");
		assertThat(stale.status()).isEqualTo(409);
		assertThat(stale.json().get("type").asString()).isEqualTo("urn:kotae:problem:version-conflict");

		assertThat(this.http.delete("/api/v1/faqs/" + id).status()).isEqualTo(204);
		assertThat(this.http.get("/api/v1/faqs/" + id).status()).isEqualTo(404);
		assertThat(searchIds("アイコン 変更", "ja")).doesNotContain(id);
	}

	@Test
	void draftsAreNotSearchableUntilPublished() {
		String id = "it-draft-" + UUID.randomUUID().toString().substring(0, 8);
		Response created = this.http.postJson("/api/v1/faqs", """
				{"id": "%s", "locale": "en", "question": "Can I export my Gantt chart as a PNG image?",
				 "answer": "Yes, from the chart's menu."}""".formatted(id));
		assertThat(created.json().get("status").asString()).isEqualTo("draft");
		assertThat(searchIds("export gantt chart png", "en")).doesNotContain(id);

		this.http.putJson("/api/v1/faqs/" + id, """
				{"question": "Can I export my Gantt chart as a PNG image?", "answer": "Yes.", "status": "published"}""");
		assertThat(searchIds("export gantt chart png", "en")).first().isEqualTo(id);
	}

	@Test
	void everyFaqEndpointNeedsTheAdminLogin() {
		TestHttp anonymous = new TestHttp(this.port);
		for (Response response : List.of(anonymous.get("/api/v1/faqs"), anonymous.get("/api/v1/faqs/x"),
				anonymous.get("/api/v1/faqs/export"), anonymous.postJson("/api/v1/faqs", "{}"),
				anonymous.putJson("/api/v1/faqs/x", "{}"), anonymous.delete("/api/v1/faqs/x"),
				anonymous.post("/api/v1/faqs/import", "text/csv", BodyPublishers.ofString("question,answer\nq,a\n")),
				anonymous.get("/api/v1/synonyms"))) {
			assertThat(response.status()).isEqualTo(401);
			assertThat(response.header("Content-Type")).startsWith("application/problem+json");
			assertThat(response.header("WWW-Authenticate")).startsWith("Basic");
		}
		TestHttp wrongPassword = new TestHttp(this.port).as("admin", "wrong");
		assertThat(wrongPassword.get("/api/v1/faqs").status()).isEqualTo(401);
		assertThat(wrongPassword.postJson("/api/v1/faqs", "{\"question\":\"q\",\"answer\":\"a\"}").status())
			.isEqualTo(401);
		assertThat(anonymous.get("/api/v1/search?q=password").status()).isEqualTo(200);
		assertThat(anonymous.get("/actuator/health").body()).contains("\"UP\"");
	}

	@Test
	void badRequestsGetProblemBodies() {
		Response duplicate = this.http.postJson("/api/v1/faqs", "{\"id\":\"dup-1\",\"question\":\"q\",\"answer\":\"a\"}");
		assertThat(duplicate.status()).isEqualTo(201);
		Response again = this.http.postJson("/api/v1/faqs", "{\"id\":\"dup-1\",\"question\":\"q\",\"answer\":\"a\"}");
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.json().get("detail").asString()).contains("dup-1");

		Response longQuestion = this.http.postJson("/api/v1/faqs",
				"{\"question\":" + TestHttp.quote("q".repeat(1001)) + ",\"answer\":\"a\"}");
		assertThat(longQuestion.status()).isEqualTo(400);
		assertThat(longQuestion.json().get("errors").get(0).get("field").asString()).isEqualTo("question");

		Response badLocale = this.http.postJson("/api/v1/faqs", "{\"question\":\"q\",\"answer\":\"a\",\"locale\":\"fr\"}");
		assertThat(badLocale.status()).isEqualTo(400);
		assertThat(badLocale.json().get("detail").asString()).contains("fr");

		Response tooLarge = this.http.postJson("/api/v1/faqs",
				"{\"question\":\"q\",\"answer\":" + TestHttp.quote("a".repeat(1024 * 1024)) + "}");
		assertThat(tooLarge.status()).isEqualTo(413);
		assertThat(tooLarge.json().get("type").asString()).isEqualTo("urn:kotae:problem:payload-too-large");

		Response notJson = this.http.postJson("/api/v1/faqs", "{\"question\": ");
		assertThat(notJson.status()).isEqualTo(400);
		assertThat(notJson.body()).doesNotContain("Exception").doesNotContain("at dev.kotae");

		assertThat(this.http.get("/api/v1/search?q=x&locale=xx").status()).isEqualTo(400);
		assertThat(this.http.get("/api/v1/search?q=x&limit=51").status()).isEqualTo(400);
		assertThat(this.http.get("/api/v1/faqs?page=abc").status()).isEqualTo(400);
	}

	@Test
	void csvImportKeepsGoodRowsAndReportsBadOnes() {
		String csv = "\uFEFFanswer,question,id,locale,alternative_questions,tags,category\r\n"
				+ "Use the **Export** button.,How do I export tasks to Excel?,imp-export,en,\"export to xlsx\nexcel download\",\"export,excel\",integrations\r\n"
				+ "no question here,,imp-bad,en,,,\r\n"
				+ "\"multi\nline answer\",Where is the API key?,imp-api,en,,,integrations\r\n"
				+ "bad locale,What is this?,imp-bad-locale,xx,,,\r\n";
		Response report = this.http.post("/api/v1/faqs/import", "text/csv",
				BodyPublishers.ofString(csv, StandardCharsets.UTF_8));
		assertThat(report.status()).isEqualTo(200);
		JsonNode json = report.json();
		assertThat(json.get("created").asInt()).isEqualTo(2);
		assertThat(json.get("updated").asInt()).isEqualTo(0);
		assertThat(json.get("rejected")).hasSize(2);
		assertThat(json.get("rejected").get(0).get("line").asInt()).isEqualTo(4);
		assertThat(json.get("rejected").get(0).get("reason").asString()).contains("question");
		assertThat(json.get("rejected").get(1).get("line").asInt()).isEqualTo(7);
		assertThat(json.get("rejected").get(1).get("reason").asString()).contains("locale");

		Response faq = this.http.get("/api/v1/faqs/imp-export");
		assertThat(faq.json().get("alternativeQuestions")).hasSize(2);
		assertThat(faq.json().get("tags").get(1).asString()).isEqualTo("excel");
		assertThat(faq.json().get("status").asString()).isEqualTo("published");
		assertThat(searchIds("excel dowload", "en")).first().isEqualTo("imp-export");

		Response again = this.http.post("/api/v1/faqs/import", "text/csv", BodyPublishers.ofString(
				"id,question,answer\nimp-api,Where do I find my API key?,Settings > API.\n", StandardCharsets.UTF_8));
		assertThat(again.json().get("updated").asInt()).isEqualTo(1);
		assertThat(this.http.get("/api/v1/faqs/imp-api").json().get("version").asLong()).isEqualTo(2);
	}

	@Test
	void csvImportAsMultipartFile() {
		String boundary = "kotae" + UUID.randomUUID();
		String body = "--" + boundary + "\r\n"
				+ "Content-Disposition: form-data; name=\"file\"; filename=\"faqs.csv\"\r\n"
				+ "Content-Type: text/csv\r\n\r\n" + "id,question,answer,locale\r\nmp-1,マルチパートの質問,回答です,ja\r\n"
				+ "\r\n--" + boundary + "--\r\n";
		Response report = this.http.post("/api/v1/faqs/import", "multipart/form-data; boundary=" + boundary,
				BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		assertThat(report.status()).isEqualTo(200);
		assertThat(report.json().get("created").asInt()).isEqualTo(1);
		assertThat(this.http.get("/api/v1/faqs/mp-1").json().get("locale").asString()).isEqualTo("ja");
	}

	@Test
	void unreadableAndOversizedCsvFilesAreRefusedWhole() {
		Response notUtf8 = this.http.post("/api/v1/faqs/import", "text/csv",
				BodyPublishers.ofByteArray(new byte[] { 'q', 'u', 'e', 's', 't', 'i', 'o', 'n', ',', 'a', 'n', 's', 'w',
						'e', 'r', '\n', (byte) 0x83, (byte) 0x70, ',', 'a', '\n' }));
		assertThat(notUtf8.status()).isEqualTo(400);
		assertThat(notUtf8.json().get("detail").asString()).contains("UTF-8");

		Response noAnswerColumn = this.http.post("/api/v1/faqs/import", "text/csv",
				BodyPublishers.ofString("id,question\nx,y\n"));
		assertThat(noAnswerColumn.status()).isEqualTo(400);
		assertThat(noAnswerColumn.json().get("detail").asString()).contains("answer");

		byte[] huge = new byte[21 * 1024 * 1024];
		java.util.Arrays.fill(huge, (byte) 'a');
		Response tooLarge = this.http.post("/api/v1/faqs/import", "text/csv", BodyPublishers.ofByteArray(huge));
		assertThat(tooLarge.status()).isEqualTo(413);
	}

	@Test
	void exportRoundTripsThroughImport() {
		this.http.post("/api/v1/faqs/import", "text/csv", BodyPublishers.ofString("""
				id,locale,category,question,alternative_questions,answer,tags,status
				rt-1,en,billing,=SUM(A1:A2) is in my invoice?,"+1 charge
				@mention billing",- first item
				- second item,"a,b",published
				rt-2,ja,account,"カンマ, と ""引用符"" を含む質問",,答え,,draft
				""", StandardCharsets.UTF_8));
		Response export = this.http.get("/api/v1/faqs/export");
		assertThat(export.status()).isEqualTo(200);
		assertThat(export.header("Content-Type")).startsWith("text/csv");
		String csv = export.body();
		assertThat(csv).startsWith("\uFEFFid,locale,category,question,alternative_questions,answer,tags,status");
		assertThat(csv).contains("'=SUM(A1:A2)").contains("'+1 charge").contains("'@mention").contains("'- first item");

		JsonNode before = this.http.get("/api/v1/faqs/rt-1").json();
		JsonNode beforeJa = this.http.get("/api/v1/faqs/rt-2").json();
		Response report = this.http.post("/api/v1/faqs/import", "text/csv", BodyPublishers.ofString(csv, StandardCharsets.UTF_8));
		assertThat(report.json().get("rejected")).isEmpty();
		JsonNode after = this.http.get("/api/v1/faqs/rt-1").json();
		JsonNode afterJa = this.http.get("/api/v1/faqs/rt-2").json();
		for (String field : List.of("question", "alternativeQuestions", "answer", "tags", "category", "status", "locale")) {
			assertThat(after.get(field)).as(field).isEqualTo(before.get(field));
			assertThat(afterJa.get(field)).as(field).isEqualTo(beforeJa.get(field));
		}
		assertThat(after.get("question").asString()).isEqualTo("=SUM(A1:A2) is in my invoice?");
	}

	@Test
	void importsTwoThousandRows() {
		StringBuilder csv = new StringBuilder("id,locale,question,alternative_questions,answer,category\n");
		for (int i = 0; i < 2000; i++) {
			csv.append("bulk-").append(i).append(",en,How do I configure option ").append(i)
				.append("?,\"Where is option ").append(i).append("\nchange option ").append(i)
				.append("\",Open Settings and change option ").append(i).append(".,bulk\n");
		}
		long start = System.nanoTime();
		Response report = this.http.post("/api/v1/faqs/import", "text/csv",
				BodyPublishers.ofString(csv.toString(), StandardCharsets.UTF_8));
		long millis = (System.nanoTime() - start) / 1_000_000;
		assertThat(report.status()).isEqualTo(200);
		assertThat(report.json().get("created").asInt()).isEqualTo(2000);
		assertThat(this.http.get("/api/v1/faqs?category=bulk&size=1").json().get("total").asLong()).isEqualTo(2000);
		assertThat(searchIds("configure option 1234", "en")).first().isEqualTo("bulk-1234");
		System.out.println("Imported 2,000 FAQ rows over HTTP in " + millis + " ms");
	}

	@Test
	void listFiltersAndPages() {
		List<String> rows = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			rows.add("pg-" + i + ",ja,paging,ページング" + i + "?,答え" + i + "," + ((i % 2 == 0) ? "published" : "draft"));
		}
		this.http.post("/api/v1/faqs/import", "text/csv", BodyPublishers.ofString(
				"id,locale,category,question,answer,status\n" + String.join("\n", rows) + "\n", StandardCharsets.UTF_8));
		JsonNode page = this.http.get("/api/v1/faqs?category=paging&status=published&size=2&page=1").json();
		assertThat(page.get("total").asLong()).isEqualTo(3);
		assertThat(page.get("items")).hasSize(1);
		assertThat(page.get("items").get(0).get("id").asString()).isEqualTo("pg-4");
		JsonNode text = this.http.get("/api/v1/faqs?q=" + URLEncoder.encode("ページング3", StandardCharsets.UTF_8)).json();
		assertThat(text.get("items")).hasSize(1);
	}

	private List<String> searchIds(String q, String locale) {
		Response response = this.http.get("/api/v1/search?locale=" + locale + "&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
		assertThat(response.status()).isEqualTo(200);
		List<String> ids = new ArrayList<>();
		response.json().get("hits").forEach((hit) -> ids.add(hit.get("id").asString()));
		return ids;
	}

}
