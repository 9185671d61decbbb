package dev.kotae.channels.observability;

import java.util.ArrayList;
import java.util.List;

import dev.kotae.TestHttp;
import dev.kotae.TestHttp.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What operators see, on the real app: liveness and readiness probes, Prometheus metrics of messages,
 * decisions, the hand-off queue and HTTP latency histograms, and JSON log lines that carry the
 * conversation id but never the user's text.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:observability;DB_CLOSE_DELAY=-1",
				"kotae.security.admin-password=" + TestHttp.ADMIN_PASSWORD, "kotae.nlu.enabled=false",
				"kotae.web.rate-limit.enabled=false", "logging.structured.format.console=ecs",
				"kotae.security.users[0].name=ag", "kotae.security.users[0].password=ag-secret",
				"kotae.security.users[0].roles=agent",
				"logging.level.dev.kotae.channels.chat=debug" })
@ExtendWith(OutputCaptureExtension.class)
class ObservabilityIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	/**
	 * Logback is set up once per JVM, by the first application context of the test run: undo that, so
	 * that this class's context sets it up again with its JSON format and levels.
	 */
	@BeforeAll
	static void resetLogging() {
		LoggingSystem.get(ObservabilityIntegrationTests.class.getClassLoader()).cleanUp();
	}

	@AfterAll
	static void resetLoggingForTheNextTests() {
		resetLogging();
	}

	@Test
	void livenessAndReadinessAreOpenToProbes() {
		TestHttp anonymous = new TestHttp(this.port);
		for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
			Response response = anonymous.get(probe);
			assertThat(response.status()).as(probe).isEqualTo(200);
			assertThat(response.json().get("status").asString()).isEqualTo("UP");
		}
	}

	@Test
	void prometheusShowsMessagesDecisionsTheQueueAndLatencyHistogramsToAdminsOnly() {
		String id = converse("How do I reset my password?");
		Response scrape = new TestHttp(this.port).asAdmin().get("/actuator/prometheus");
		assertThat(scrape.status()).isEqualTo(200);
		assertThat(scrape.body()).containsPattern("kotae_messages_total\\{kind=\"text\",sender=\"user\"} [1-9]")
			.containsPattern("kotae_decisions_total\\{decision=\"(answer|choices|escalate|smalltalk)\"} [1-9]")
			.containsPattern("kotae_handoff_queue [0-9]")
			.contains("kotae_handoff_first_response_seconds_bucket")
			.contains("kotae_nlu_models_trained_total")
			.containsPattern("http_server_requests_seconds_bucket\\{.*uri=\"/api/v1/conversations/\\{id}/messages\"");
		assertThat(id).isNotBlank();
		assertThat(new TestHttp(this.port).get("/actuator/prometheus").status()).isIn(401, 302);
		assertThat(new TestHttp(this.port).as("ag", "ag-secret").get("/actuator/prometheus").status()).isEqualTo(403);
	}

	@Test
	void logLinesAreJsonWithTheConversationIdAndWithoutTheUsersText(CapturedOutput output) {
		String secret = "zebra-crossing-7781 my mail is taro@example.com";
		String id = converse(secret);
		List<JsonNode> lines = new ArrayList<>();
		for (String line : output.getOut().split("\\R")) {
			if (line.startsWith("{")) {
				lines.add(JSON.readTree(line));
			}
		}
		assertThat(lines).isNotEmpty();
		List<JsonNode> mine = lines.stream().filter((line) -> id.equals(conversationId(line))).toList();
		assertThat(mine).extracting((line) -> line.get("message").asString())
			.anySatisfy((message) -> assertThat(message).startsWith("Conversation started"))
			.anySatisfy((message) -> assertThat(message).startsWith("Message "));
		assertThat(output.getOut()).doesNotContain("zebra-crossing-7781").doesNotContain("taro@example.com");
	}

	/** ECS puts {@code conversation.id} either as a dotted key or nested. */
	private static String conversationId(JsonNode line) {
		if (line.has("conversation.id")) {
			return line.get("conversation.id").asString();
		}
		JsonNode nested = line.path("conversation").path("id");
		return nested.isMissingNode() ? null : nested.asString();
	}

	private String converse(String text) {
		JsonNode started = new TestHttp(this.port)
			.postJson("/api/v1/conversations", "{\"siteKey\":\"demo\",\"locale\":\"en\"}")
			.json();
		String id = started.get("id").asString();
		Response posted = new TestHttp(this.port).bearer(started.get("token").asString())
			.postJson("/api/v1/conversations/" + id + "/messages",
					"{\"clientMessageId\":\"m1\",\"text\":" + TestHttp.quote(text) + "}");
		assertThat(posted.status()).isEqualTo(201);
		return id;
	}

}
