package dev.kotae.channels.account;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import dev.kotae.TestHttp;
import dev.kotae.TestHttp.Response;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * API tokens on the real app over real HTTP: issued by an admin, shown once, stored only as a hash,
 * accepted as {@code Authorization: Bearer} with the token's roles and no more, refused once revoked,
 * expired or when the user is disabled; issuing and revoking are audited.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:api-tokens;DB_CLOSE_DELAY=-1",
				"kotae.security.admin-password=" + TestHttp.ADMIN_PASSWORD, "kotae.demo.enabled=false",
				"kotae.nlu.enabled=false", "kotae.security.users[0].name=eri",
				"kotae.security.users[0].password=eri-secret", "kotae.security.users[0].roles=editor,agent" })
class ApiTokenIntegrationTests {

	private static final String PROBLEM = "urn:kotae:problem:";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aTokenActsForItsUserWithItsRolesOnlyUntilItIsRevoked() {
		TestHttp admin = new TestHttp(this.port).asAdmin();
		Response issued = admin.postJson("/api/v1/tokens", """
				{"name": "faq sync", "username": "eri", "roles": ["editor"]}""");
		assertThat(issued.status()).isEqualTo(201);
		String secret = issued.json().get("secret").asString();
		long id = issued.json().get("token").get("id").asLong();
		assertThat(secret).startsWith("kotae_").hasSize("kotae_".length() + 43);
		assertThat(issued.json().get("token").get("username").asString()).isEqualTo("eri");
		assertThat(issued.json().get("token").get("createdBy").asString()).isEqualTo("admin");

		TestHttp script = new TestHttp(this.port).bearer(secret);
		Response faqs = script.get("/api/v1/faqs");
		assertThat(faqs.status()).isEqualTo(200);
		assertThat(faqs.raw().headers().allValues("Set-Cookie")).noneMatch((c) -> c.startsWith("SESSION="));
		assertThat(script.get("/api/v1/me").json().get("name").asString()).isEqualTo("eri");
		// writes need no CSRF token: a bearer token is not something another site can make a browser send
		assertThat(script.postJson("/api/v1/synonyms", """
				{"locale": "en", "terms": ["token", "key"]}""").status()).isEqualTo(201);
		// eri is also an agent, but the token was issued for editing only
		assertThat(script.get("/api/v1/handoffs").status()).isEqualTo(403);
		assertThat(script.get("/api/v1/users").status()).isEqualTo(403);
		assertThat(script.get("/api/v1/tokens").status()).isEqualTo(403);
		// pages take the login form only: a token there is no login
		Response page = script.get("/admin");
		assertThat(page.status()).isEqualTo(302);
		assertThat(page.header("Location")).endsWith("/login");
		assertThat(this.jdbc.sql("SELECT last_used_at FROM api_token WHERE id = ?").param(id).query().singleValue())
			.isNotNull();

		// the list never shows the secret; a second look is not possible
		Response list = admin.get("/api/v1/tokens");
		assertThat(list.body()).contains("faq sync").doesNotContain(secret).doesNotContain("secret");

		assertThat(admin.delete("/api/v1/tokens/" + id).status()).isEqualTo(204);
		Response revoked = script.get("/api/v1/faqs");
		assertThat(revoked.status()).isEqualTo(401);
		assertThat(revoked.json().get("type").asString()).isEqualTo(PROBLEM + "unauthorized");
		assertThat(admin.delete("/api/v1/tokens/" + id).status()).isEqualTo(204);
		assertThat(admin.delete("/api/v1/tokens/999999").status()).isEqualTo(404);

		List<JsonNode> log = admin.get("/api/v1/audit?targetType=token&targetId=" + id).json().valueStream().toList();
		assertThat(log).extracting((e) -> e.get("action").asString()).containsExactly("token.revoke", "token.issue");
		assertThat(log.get(0).get("after").get("revokedBy").asString()).isEqualTo("admin");
		assertThat(admin.get("/api/v1/audit").body()).doesNotContain(secret);
	}

	@Test
	void theSecretIsStoredOnlyAsItsSha256() {
		TestHttp admin = new TestHttp(this.port).asAdmin();
		String secret = admin.postJson("/api/v1/tokens", "{\"name\": \"stored\"}").json().get("secret").asString();
		List<Map<String, Object>> rows = this.jdbc.sql("SELECT * FROM api_token").query().listOfRows();
		assertThat(rows).isNotEmpty();
		for (Map<String, Object> row : rows) {
			assertThat(row.values()).noneMatch((value) -> value != null && value.toString().contains(secret));
		}
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM api_token WHERE token_hash = ?")
			.param(ApiTokens.hash(secret))
			.query(Long.class)
			.single()).isEqualTo(1);
		// the admin's own token (no user or roles given) has the admin's roles
		assertThat(new TestHttp(this.port).bearer(secret).get("/api/v1/users").status()).isEqualTo(200);
	}

	@Test
	void expiredUnknownAndDisabledUsersTokensAreRefused() {
		TestHttp admin = new TestHttp(this.port).asAdmin();
		Response issued = admin.postJson("/api/v1/tokens", """
				{"name": "nightly", "username": "eri", "expiresAt": "%s"}""".formatted(Instant.now().plusSeconds(3600)));
		assertThat(issued.status()).isEqualTo(201);
		assertThat(issued.json().get("token").get("roles").valueStream().map(JsonNode::asString))
			.containsExactly("agent", "editor");
		String secret = issued.json().get("secret").asString();
		long id = issued.json().get("token").get("id").asLong();
		TestHttp script = new TestHttp(this.port).bearer(secret);
		assertThat(script.get("/api/v1/handoffs").status()).isEqualTo(200);

		assertThat(admin.putJson("/api/v1/users/eri", "{\"enabled\": false}").status()).isEqualTo(200);
		assertThat(script.get("/api/v1/handoffs").status()).isEqualTo(401);
		assertThat(admin.putJson("/api/v1/users/eri", "{\"enabled\": true}").status()).isEqualTo(200);
		assertThat(script.get("/api/v1/handoffs").status()).isEqualTo(200);

		this.jdbc.sql("UPDATE api_token SET expires_at = ? WHERE id = ?")
			.params(OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1), id)
			.update();
		assertThat(script.get("/api/v1/handoffs").status()).isEqualTo(401);
		assertThat(new TestHttp(this.port).bearer("kotae_not-a-token").get("/api/v1/faqs").status()).isEqualTo(401);
	}

	@Test
	void deletingAUserDeletesTheirTokens() {
		TestHttp admin = new TestHttp(this.port).asAdmin();
		assertThat(admin.postJson("/api/v1/users", """
				{"username": "temp-bot", "password": "temp-bot-long-secret", "roles": ["agent"]}""").status())
			.isEqualTo(201);
		Response issued = admin.postJson("/api/v1/tokens", """
				{"name": "temporary", "username": "temp-bot"}""");
		String secret = issued.json().get("secret").asString();
		long id = issued.json().get("token").get("id").asLong();
		assertThat(new TestHttp(this.port).bearer(secret).get("/api/v1/handoffs").status()).isEqualTo(200);
		assertThat(admin.delete("/api/v1/users/temp-bot").status()).isEqualTo(204);
		assertThat(new TestHttp(this.port).bearer(secret).get("/api/v1/handoffs").status()).isEqualTo(401);
		assertThat(admin.get("/api/v1/tokens").json().valueStream().map((t) -> t.get("id").asLong())).doesNotContain(id);
	}

	@Test
	void aTokenCannotHaveMoreRolesThanItsUserOrAName() {
		TestHttp admin = new TestHttp(this.port).asAdmin();
		Response tooMuch = admin.postJson("/api/v1/tokens", """
				{"name": "escalate", "username": "eri", "roles": ["admin"]}""");
		assertThat(tooMuch.status()).isEqualTo(400);
		assertThat(tooMuch.json().get("type").asString()).isEqualTo(PROBLEM + "invalid-input");
		assertThat(admin.postJson("/api/v1/tokens", "{\"name\": \" \"}").status()).isEqualTo(400);
		assertThat(admin.postJson("/api/v1/tokens", """
				{"name": "ghost", "username": "nobody-here"}""").status()).isEqualTo(404);
		assertThat(admin.postJson("/api/v1/tokens", """
				{"name": "late", "expiresAt": "2001-01-01T00:00:00Z"}""").status()).isEqualTo(400);
		assertThat(new TestHttp(this.port).as("eri", "eri-secret").postJson("/api/v1/tokens", "{\"name\": \"mine\"}")
			.status()).isEqualTo(403);
	}

}
