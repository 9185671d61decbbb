package dev.kotae.channels.admin;

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

/**
 * CSV import with a preview and as a background job with progress, on the real app with H2 over real
 * HTTP: the preview writes nothing and tells per row what would happen; the job imports the good
 * rows, rejects the bad ones by line, and reports its progress and outcome; bad files get problem
 * bodies.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:faq-import-api;DB_CLOSE_DELAY=-1",
				"kotae.security.admin-password=" + TestHttp.ADMIN_PASSWORD, "kotae.demo.enabled=false",
				"kotae.nlu.enabled=false" })
class FaqImportApiIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@LocalServerPort
	int port;

	TestHttp http;

	@BeforeEach
	void client() {
		this.http = new TestHttp(this.port).asAdmin();
	}

	@Test
	void previewTellsPerRowWhatAnImportWouldDoAndWritesNothing() {
		String prefix = "pv-" + UUID.randomUUID().toString().substring(0, 6);
		this.http.post("/api/v1/faqs/import", "text/csv", csv("id,locale,question,answer\n" + prefix
				+ "-same,en,Same question?,Same answer.\n" + prefix + "-old,en,Old question?,Old answer.\n"));
		long versionBefore = this.http.get("/api/v1/faqs/" + prefix + "-old").json().get("version").asLong();

		Response preview = this.http.post("/api/v1/faqs/import/preview", "text/csv", csv("id,locale,question,answer\n"
				+ prefix + "-new,en,A new question?,A new answer.\n" // line 2: create
				+ prefix + "-same,en,Same question?,Same answer.\n" // line 3: unchanged
				+ prefix + "-old,en,Old question?,A better answer.\n" // line 4: update
				+ prefix + "-bad,en,,No question.\n" // line 5: reject
				+ prefix + "-loc,xx,Which locale?,None.\n" // line 6: reject
				+ prefix + "-new,en,A new question?,Changed in the same file.\n")); // line 7: update of line 2
		assertThat(preview.status()).isEqualTo(200);
		JsonNode json = preview.json();
		assertThat(json.get("total").asInt()).isEqualTo(6);
		assertThat(json.get("created").asInt()).isEqualTo(1);
		assertThat(json.get("updated").asInt()).isEqualTo(2);
		assertThat(json.get("unchanged").asInt()).isEqualTo(1);
		assertThat(json.get("rejected")).hasSize(2);
		assertThat(json.get("rejected").get(0).get("line").asInt()).isEqualTo(5);
		assertThat(json.get("rejected").get(0).get("reason").asString()).contains("question");
		assertThat(json.get("rejected").get(1).get("line").asInt()).isEqualTo(6);
		assertThat(json.get("rejected").get(1).get("reason").asString()).contains("locale");
		List<String> outcomes = new ArrayList<>();
		json.get("rows").forEach((row) -> outcomes.add(row.get("line").asInt() + ":" + row.get("outcome").asString()));
		assertThat(outcomes).containsExactly("2:create", "3:unchanged", "4:update", "5:reject", "6:reject", "7:update");
		assertThat(json.get("rows").get(0).get("question").asString()).isEqualTo("A new question?");

		// nothing was written
		assertThat(this.http.get("/api/v1/faqs/" + prefix + "-new").status()).isEqualTo(404);
		JsonNode old = this.http.get("/api/v1/faqs/" + prefix + "-old").json();
		assertThat(old.get("version").asLong()).isEqualTo(versionBefore);
		assertThat(old.get("answer").asString()).isEqualTo("Old answer.");
	}

	@Test
	void aJobImportsTheGoodRowsRejectsTheBadOnesAndReportsItsProgress() {
		String prefix = "job-" + UUID.randomUUID().toString().substring(0, 6);
		StringBuilder file = new StringBuilder("id,locale,question,answer,category\n");
		int good = 0;
		List<Integer> badLines = new ArrayList<>();
		for (int i = 0; i < 250; i++) {
			if (i % 50 == 7) {
				file.append(prefix).append('-').append(i).append(",en,,no question,").append(prefix).append('\n');
				badLines.add(i + 2);
			}
			else {
				file.append(prefix).append('-').append(i).append(",en,How do I set option ").append(i)
					.append("?,Open Settings.,").append(prefix).append('\n');
				good++;
			}
		}
		Response started = this.http.post("/api/v1/faqs/import/jobs", "text/csv", csv(file.toString()));
		assertThat(started.status()).isEqualTo(202);
		String id = started.json().get("id").asString();
		assertThat(started.header("Location")).isEqualTo("/api/v1/faqs/import/jobs/" + id);
		assertThat(started.json().get("total").asInt()).isEqualTo(250);

		JsonNode job = awaitFinished(id);
		assertThat(job.get("state").asString()).isEqualTo("done");
		assertThat(job.get("done").asInt()).isEqualTo(250);
		assertThat(job.get("created").asInt()).isEqualTo(good);
		assertThat(job.get("author").asString()).isEqualTo("admin");
		List<Integer> rejectedLines = new ArrayList<>();
		job.get("rejected").forEach((r) -> rejectedLines.add(r.get("line").asInt()));
		assertThat(rejectedLines).isEqualTo(badLines);
		assertThat(job.get("rejectedCount").asInt()).isEqualTo(badLines.size());
		assertThat(this.http.get("/api/v1/faqs?size=1&category=" + prefix).json().get("total").asLong())
			.isEqualTo(good);
		assertThat(this.http.get("/api/v1/faqs/" + prefix + "-7").status()).isEqualTo(404);

		JsonNode audit = this.http.get("/api/v1/audit?targetType=faq-import&targetId=" + id).json();
		assertThat(audit).hasSize(1);
		assertThat(audit.get(0).get("action").asString()).isEqualTo("faq.import");

		// the same file again: every good row is unchanged
		Response again = this.http.post("/api/v1/faqs/import/jobs", "text/csv", csv(file.toString()));
		JsonNode second = awaitFinished(again.json().get("id").asString());
		assertThat(second.get("unchanged").asInt()).isEqualTo(good);
		assertThat(second.get("created").asInt()).isZero();
	}

	@Test
	void badFilesAreRefusedWithProblemBodiesBeforeAnyJobStarts() {
		Response wrongHeader = this.http.post("/api/v1/faqs/import/preview", "text/csv", csv("id,title\nx,y\n"));
		assertThat(wrongHeader.status()).isEqualTo(400);
		assertThat(wrongHeader.header("Content-Type")).startsWith("application/problem+json");
		assertThat(wrongHeader.json().get("type").asString()).isEqualTo("urn:kotae:problem:invalid-csv");
		assertThat(wrongHeader.json().get("detail").asString()).contains("question");
		assertThat(this.http.post("/api/v1/faqs/import/jobs", "text/csv", csv("id,title\nx,y\n")).status())
			.isEqualTo(400);

		Response notUtf8 = this.http.post("/api/v1/faqs/import/jobs", "text/csv",
				BodyPublishers.ofByteArray(new byte[] { 'q', 'u', 'e', 's', 't', 'i', 'o', 'n', ',', 'a', 'n', 's', 'w',
						'e', 'r', '\n', (byte) 0x83, (byte) 0x70, ',', 'a', '\n' }));
		assertThat(notUtf8.status()).isEqualTo(400);
		assertThat(notUtf8.json().get("detail").asString()).contains("UTF-8");

		Response json = this.http.post("/api/v1/faqs/import/preview", "application/json", csv("{}"));
		assertThat(json.status()).isEqualTo(415);
		assertThat(json.header("Content-Type")).startsWith("application/problem+json");

		String boundary = "kotae" + UUID.randomUUID();
		Response excel = this.http.post("/api/v1/faqs/import/preview", "multipart/form-data; boundary=" + boundary,
				csv("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"faqs.xlsx\"\r\n"
						+ "Content-Type: application/octet-stream\r\n\r\nPK\r\n--" + boundary + "--\r\n"));
		assertThat(excel.status()).isEqualTo(415);
		assertThat(excel.json().get("type").asString()).isEqualTo("urn:kotae:problem:not-csv");

		byte[] huge = new byte[21 * 1024 * 1024];
		java.util.Arrays.fill(huge, (byte) 'a');
		Response tooLarge = this.http.post("/api/v1/faqs/import/preview", "text/csv", BodyPublishers.ofByteArray(huge));
		assertThat(tooLarge.status()).isEqualTo(413);
		assertThat(tooLarge.json().get("type").asString()).isEqualTo("urn:kotae:problem:payload-too-large");

		Response unknown = this.http.get("/api/v1/faqs/import/jobs/no-such-job");
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.json().get("type").asString()).isEqualTo("urn:kotae:problem:not-found");
		assertThat(new TestHttp(this.port).get("/api/v1/faqs/import/jobs/no-such-job").status()).isEqualTo(401);
	}

	@Test
	void multipartPreviewAndJob() {
		String boundary = "kotae" + UUID.randomUUID();
		String body = "--" + boundary + "\r\n"
				+ "Content-Disposition: form-data; name=\"file\"; filename=\"faqs.csv\"\r\n"
				+ "Content-Type: text/csv\r\n\r\n" + "id,question,answer,locale\r\nmpj-1,マルチパートの質問,回答です,ja\r\n"
				+ "\r\n--" + boundary + "--\r\n";
		Response preview = this.http.post("/api/v1/faqs/import/preview", "multipart/form-data; boundary=" + boundary,
				csv(body));
		assertThat(preview.json().get("created").asInt()).isEqualTo(1);
		Response started = this.http.post("/api/v1/faqs/import/jobs", "multipart/form-data; boundary=" + boundary,
				csv(body));
		assertThat(started.status()).isEqualTo(202);
		assertThat(awaitFinished(started.json().get("id").asString()).get("created").asInt()).isEqualTo(1);
		assertThat(this.http.get("/api/v1/faqs/mpj-1").json().get("locale").asString()).isEqualTo("ja");
	}

	private JsonNode awaitFinished(String id) {
		long deadline = System.nanoTime() + WAIT.toNanos();
		JsonNode job;
		do {
			job = this.http.get("/api/v1/faqs/import/jobs/" + id).json();
			assertThat(job.get("done").asInt()).isBetween(0, job.get("total").asInt());
		}
		while ("running".equals(job.get("state").asString()) && System.nanoTime() < deadline);
		return job;
	}

	private static java.net.http.HttpRequest.BodyPublisher csv(String text) {
		return BodyPublishers.ofString(text, StandardCharsets.UTF_8);
	}

}
