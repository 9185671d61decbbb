package dev.kotae.channels.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import dev.kotae.TestHttp;
import dev.kotae.TestHttp.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** "Retrain now" and the status it leads to, with a real DL4J model trained in the background. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:nlu-retrain-api;DB_CLOSE_DELAY=-1",
				"kotae.security.admin-password=" + TestHttp.ADMIN_PASSWORD, "kotae.demo.enabled=false",
				"kotae.nlu.enabled=true", "kotae.nlu.sentence-embeddings=false", "kotae.nlu.retrain-delay=1h" })
class NluStatusRetrainIntegrationTests {

	@TempDir
	static Path models;

	@DynamicPropertySource
	static void modelDir(DynamicPropertyRegistry registry) {
		registry.add("kotae.nlu.model-dir", () -> models.toString());
	}

	@LocalServerPort
	int port;

	@Test
	void retrainIsAcceptedAndTheModelIsThenUpToDate() {
		TestHttp admin = new TestHttp(this.port).asAdmin();
		awaitUpToDate(admin);
		admin.postJson("/api/v1/faqs", """
				{"id": "nlu-1", "locale": "en", "status": "published", "question": "How do I export my invoices?",
				 "alternativeQuestions": ["download invoices", "invoice export"], "answer": "Billing > Export."}""");
		assertThat(admin.get("/api/v1/nlu/status").json().get("upToDate").asBoolean())
			.as("the change waits for the (long) retrain delay")
			.isFalse();

		Instant retrainAsked = Instant.now();
		Response accepted = admin.postJson("/api/v1/nlu/retrain", "{}");
		assertThat(accepted.status()).isEqualTo(202);
		assertThat(accepted.json().get("enabled").asBoolean()).isTrue();
		JsonNode status = awaitUpToDate(admin);
		assertThat(status.get("state").asString()).isEqualTo("IDLE");
		assertThat(status.get("modelLoaded").asBoolean()).isTrue();
		assertThat(status.get("intents").asInt()).isGreaterThan(1);
		assertThat(status.get("kbVersion").asString()).isEqualTo(status.get("currentKbVersion").asString());
		assertThat(status.get("trainedAt").asString()).isNotEmpty();
		assertThat(status.get("trainingMillis").asLong()).isNotNegative();
		assertThat(status.has("lastError")).isFalse();
		awaitSavedSince(retrainAsked);
	}

	/** The model is saved after the status says up to date; waits so that the directory can be deleted. */
	private static void awaitSavedSince(Instant since) {
		Path model = models.resolve("intent-model.zip");
		await(() -> {
			try (Stream<Path> files = Files.list(models)) {
				return Files.exists(model) && !Files.getLastModifiedTime(model).toInstant().isBefore(since)
						&& files.noneMatch((f) -> f.getFileName().toString().endsWith(".tmp"));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

	private static JsonNode awaitUpToDate(TestHttp http) {
		JsonNode[] status = new JsonNode[1];
		await(() -> {
			status[0] = http.get("/api/v1/nlu/status").json();
			return status[0].get("upToDate").asBoolean();
		});
		return status[0];
	}

	private static void await(BooleanSupplier condition) {
		long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("condition within 120 s").isLessThan(deadline);
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

}
