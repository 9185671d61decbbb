package dev.kotae.channels.chat;

import dev.kotae.MutableClock;
import dev.kotae.TestHttp;
import dev.kotae.TestHttp.Response;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/** The chat API's per-IP limit on the real app: a 429 problem with {@code Retry-After}, nothing stored. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:rate-limits;DB_CLOSE_DELAY=-1",
				"kotae.security.admin-password=" + TestHttp.ADMIN_PASSWORD, "kotae.nlu.enabled=false",
				"kotae.web.rate-limit.per-ip=3", "kotae.web.rate-limit.period=1h" })
@Import(MutableClock.Config.class) // business hours, and no refill while the test runs
class ChatRateLimitIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void theFourthCallWithinTheLimitsPeriodIsRefusedWithRetryAfter() {
		TestHttp http = new TestHttp(this.port);
		Response started = http.postJson("/api/v1/conversations", "{\"siteKey\":\"demo\",\"locale\":\"en\"}");
		assertThat(started.status()).isEqualTo(201);
		String messages = "/api/v1/conversations/" + started.json().get("id").asString() + "/messages";
		TestHttp user = new TestHttp(this.port).bearer(started.json().get("token").asString());
		assertThat(user.postJson(messages, "{\"clientMessageId\":\"m1\",\"text\":\"hello\"}").status()).isEqualTo(201);
		assertThat(user.postJson(messages, "{\"clientMessageId\":\"m2\",\"text\":\"hello again\"}").status())
			.isEqualTo(201);

		Response limited = user.postJson(messages, "{\"clientMessageId\":\"m3\",\"text\":\"and again\"}");
		assertThat(limited.status()).isEqualTo(429);
		assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 3600L);
		assertThat(limited.json().get("type").asString()).isEqualTo("urn:kotae:problem:rate-limited");
		// reading is not limited, and the refused message was not stored
		assertThat(user.get(messages).json().get("messages").size()).isEqualTo(5);
	}

}
