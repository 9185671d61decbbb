package dev.kotae.channels.admin;

import java.net.http.HttpRequest.BodyPublishers;

import dev.kotae.TestHttp;
import dev.kotae.TestHttp.Response;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The retraining status API with the classifier switched off, on the real app over real HTTP. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:nlu-status-api;DB_CLOSE_DELAY=-1",
				"kotae.security.admin-password=" + TestHttp.ADMIN_PASSWORD, "kotae.demo.enabled=false",
				"kotae.nlu.enabled=false", "kotae.security.users[0].name=eri",
				"kotae.security.users[0].password=eri-secret", "kotae.security.users[0].roles=editor",
				"kotae.security.users[1].name=sato", "kotae.security.users[1].password=sato-secret",
				"kotae.security.users[1].roles=agent" })
class NluStatusApiIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void withTheClassifierOffTheStatusIsIdleWithoutAModel() {
		for (TestHttp user : new TestHttp[] { new TestHttp(this.port).asAdmin(),
				new TestHttp(this.port).as("eri", "eri-secret") }) {
			Response response = user.get("/api/v1/nlu/status");
			assertThat(response.status()).isEqualTo(200);
			JsonNode status = response.json();
			assertThat(status.get("enabled").asBoolean()).isFalse();
			assertThat(status.get("state").asString()).isEqualTo("IDLE");
			assertThat(status.get("modelLoaded").asBoolean()).isFalse();
			assertThat(status.get("upToDate").asBoolean()).isFalse();
			assertThat(status.get("intents").asInt()).isZero();
			assertThat(status.has("acceptThreshold")).as("nulls are left out").isFalse();
			assertThat(status.has("trainedAt")).isFalse();
			assertThat(status.has("kbVersion")).isFalse();
		}
	}

	@Test
	void retrainingIsRefusedWhileTheClassifierIsOff() {
		Response response = new TestHttp(this.port).as("eri", "eri-secret").post("/api/v1/nlu/retrain",
				"application/json", BodyPublishers.noBody());
		assertThat(response.status()).isEqualTo(409);
		assertThat(response.json().get("type").asString()).isEqualTo("urn:kotae:problem:nlu-disabled");
		assertThat(new TestHttp(this.port).asAdmin().get("/api/v1/nlu/status").json().get("state").asString())
			.isEqualTo("IDLE");
	}

	@Test
	void retrainingNeedsAnEditorAndTheStatusALogin() {
		TestHttp agent = new TestHttp(this.port).as("sato", "sato-secret");
		Response forbidden = agent.postJson("/api/v1/nlu/retrain", "{}");
		assertThat(forbidden.status()).isEqualTo(403);
		assertThat(forbidden.json().get("type").asString()).isEqualTo("urn:kotae:problem:forbidden");
		TestHttp anonymous = new TestHttp(this.port);
		assertThat(anonymous.get("/api/v1/nlu/status").status()).isEqualTo(401);
		assertThat(anonymous.postJson("/api/v1/nlu/retrain", "{}").status()).isEqualTo(401);
	}

}
