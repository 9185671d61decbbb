package dev.kotae.channels.web;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import dev.kotae.TestHttp;
import dev.kotae.TestHttp.Response;
import dev.kotae.bot.nlu.IntentModel;
import dev.kotae.bot.policy.Answerer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/v1/answer} on the real app with a real DL4J model trained in the background: a
 * knowledge-base change reaches the answers after retraining, without a restart.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:answer-api;DB_CLOSE_DELAY=-1",
				"kotae.security.admin-password=" + TestHttp.ADMIN_PASSWORD, "kotae.demo.enabled=false",
				"kotae.nlu.enabled=true", "kotae.nlu.sentence-embeddings=false", "kotae.nlu.retrain-delay=100ms" })
class AnswerApiIntegrationTests {

	@TempDir
	static Path models;

	@DynamicPropertySource
	static void modelDir(DynamicPropertyRegistry registry) {
		registry.add("kotae.nlu.model-dir", () -> models.toString());
	}

	@LocalServerPort
	int port;

	@Autowired
	IntentModel model;

	@Autowired
	Answerer answerer;

	TestHttp http;

	@BeforeEach
	void client() {
		this.http = new TestHttp(this.port);
	}

	@Test
	void knowledgeBaseChangesReachTheAnswersAfterRetrainingWithoutARestart() {
		TestHttp admin = new TestHttp(this.port).asAdmin();
		admin.postJson("/api/v1/faqs", """
				{"id": "pw-reset", "locale": "ja", "status": "published", "category": "account",
				 "question": "パスワードを忘れました", "answer": "ログイン画面の「パスワードをお忘れですか？」から再設定できます。",
				 "alternativeQuestions": ["パスワードを再設定したい", "PWを忘れてログインできない", "パスワードのリセット方法"]}""");
		admin.postJson("/api/v1/faqs", """
				{"id": "invoice", "locale": "ja", "status": "published", "category": "billing",
				 "question": "請求書をダウンロードしたい", "answer": "設定 > 請求 から PDF をダウンロードできます。",
				 "alternativeQuestions": ["請求書はどこで見られますか", "インボイスを発行してほしい", "請求書のPDFがほしい"]}""");
		awaitModelUpToDate();
		JsonNode reset = answer("パスワード忘れちゃった");
		assertThat(reset.get("decision").asString()).isIn("answer", "choices");
		assertThat(reset.get("candidates").get(0).get("id").asString()).isEqualTo("pw-reset");
		assertThat(reset.get("candidates").get(0).get("question").asString()).isEqualTo("パスワードを忘れました");

		admin.postJson("/api/v1/faqs", """
				{"id": "slack", "locale": "ja", "status": "published", "category": "integrations",
				 "question": "Slackと連携できますか？", "answer": "設定 > 連携 から Slack を接続できます。",
				 "alternativeQuestions": ["スラックに通知を送りたい", "Slack連携の設定方法", "Slackと繋げたい"]}""");
		awaitModelUpToDate();
		assertThat(this.model.classifier().orElseThrow().intents()).contains("slack");
		JsonNode slack = answer("スラックと連携したい");
		assertThat(slack.get("candidates").get(0).get("id").asString()).isEqualTo("slack");
		assertThat(slack.get("decision").asString()).isIn("answer", "choices");
	}

	@Test
	void aRepeatedQuestionIsAnsweredFromTheCacheOnlyUntilTheKnowledgeBaseChanges() {
		TestHttp admin = new TestHttp(this.port).asAdmin();
		admin.postJson("/api/v1/faqs", """
				{"id": "cancel-plan", "locale": "en", "status": "published", "category": "billing",
				 "question": "How do I cancel my subscription?", "answer": "Open Settings > Plan and choose Cancel.",
				 "alternativeQuestions": ["cancel my plan", "stop my subscription", "end the subscription"]}""");
		awaitModelUpToDate();
		String question = "how can I cancel my subscription";
		long cachedBefore = this.answerer.cachedAnswers();
		JsonNode first = answer(question);
		assertThat(first.get("decision").asString()).isEqualTo("answer");
		assertThat(first.get("faq").get("answer").asString()).isEqualTo("Open Settings > Plan and choose Cancel.");
		assertThat(answer(question)).isEqualTo(first);
		assertThat(this.answerer.cachedAnswers()).isEqualTo(cachedBefore + 1);

		// an edited answer is what the very next reply says (no waiting for a retraining)
		JsonNode faq = admin.get("/api/v1/faqs/cancel-plan").json();
		Response edited = admin.putJson("/api/v1/faqs/cancel-plan", """
				{"locale": "en", "status": "published", "category": "billing", "version": %d,
				 "question": "How do I cancel my subscription?", "answer": "Go to Billing and press Cancel plan.",
				 "alternativeQuestions": ["cancel my plan", "stop my subscription", "end the subscription"]}"""
			.formatted(faq.get("version").asLong()));
		assertThat(edited.status()).isEqualTo(200);
		assertThat(answer(question).get("faq").get("answer").asString()).isEqualTo("Go to Billing and press Cancel plan.");

		// a deleted FAQ is never answered with again, though the classifier still knows it until retrained
		assertThat(admin.delete("/api/v1/faqs/cancel-plan").status()).isEqualTo(204);
		JsonNode afterDelete = answer(question);
		assertThat(afterDelete.path("faq").isNull() || afterDelete.path("faq").isMissingNode()).isTrue();
		assertThat(afterDelete.get("decision").asString()).isNotEqualTo("answer");
	}

	@Test
	void explicitRequestsForAPersonEscalate() {
		for (String text : new String[] { "人と話したい", "オペレーターにつないでください", "I want to talk to a person" }) {
			JsonNode answer = answer(text);
			assertThat(answer.get("decision").asString()).as(text).isEqualTo("escalate");
			assertThat(answer.get("reason").asString()).as(text).isEqualTo("requested_human");
		}
	}

	@Test
	void badInputGetsAClearBadRequest() {
		assertBadRequest(this.http.postJson("/api/v1/answer", "{\"text\": \"\"}"), "must not be empty");
		assertBadRequest(this.http.postJson("/api/v1/answer", "{}"), "must not be empty");
		assertBadRequest(this.http.postJson("/api/v1/answer", "{\"text\": " + TestHttp.quote("あ".repeat(10_000)) + "}"),
				"at most 2000");
		assertBadRequest(this.http.postJson("/api/v1/answer", "{\"text\": \"abc\\u0000\\u0001\\u0002\"}"),
				"control");
		assertBadRequest(this.http.postJson("/api/v1/answer", "{\"text\": \"hi\", \"locale\": \"xx\"}"), "locale");
		assertBadRequest(this.http.postJson("/api/v1/answer", "{\"text\": 42, \"attributes\": [1]}"), "attributes");
		Response binary = this.http.post("/api/v1/answer", "application/json",
				java.net.http.HttpRequest.BodyPublishers.ofByteArray(new byte[] { (byte) 0xff, (byte) 0xfe, 0, 1, 2 }));
		assertThat(binary.status()).isEqualTo(400);
		assertThat(binary.body()).doesNotContain("Exception");
	}

	private void assertBadRequest(Response response, String detail) {
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.json().get("detail").asString()).contains(detail);
	}

	private JsonNode answer(String text) {
		Response response = this.http.postJson("/api/v1/answer", "{\"text\": " + TestHttp.quote(text) + "}");
		assertThat(response.status()).isEqualTo(200);
		return response.json();
	}

	private void awaitModelUpToDate() {
		await(() -> {
			IntentModel.Status status = this.model.status();
			return status.upToDate();
		}, Duration.ofSeconds(120));
	}

	private static void await(BooleanSupplier condition, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("condition within " + timeout).isLessThan(deadline);
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
