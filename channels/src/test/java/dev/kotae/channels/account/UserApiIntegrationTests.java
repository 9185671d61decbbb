package dev.kotae.channels.account;

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

/** The admins' user API and the audit log of user and FAQ changes, on the real app over real HTTP. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:user-api;DB_CLOSE_DELAY=-1",
				"kotae.security.admin-password=" + TestHttp.ADMIN_PASSWORD, "kotae.demo.enabled=false",
				"kotae.nlu.enabled=false", "kotae.security.users[0].name=eri",
				"kotae.security.users[0].password=eri-secret", "kotae.security.users[0].roles=editor" })
class UserApiIntegrationTests {

	private static final String PROBLEM = "urn:kotae:problem:";

	@LocalServerPort
	int port;

	@Test
	void anAdminCreatesChangesAndDeletesAUserAndEveryChangeIsAudited() {
		TestHttp admin = new TestHttp(this.port).asAdmin();
		String name = "kenji-" + UUID.randomUUID().toString().substring(0, 6);

		Response shortPassword = admin.postJson("/api/v1/users", """
				{"username": "%s", "password": "too-short", "roles": ["editor"]}""".formatted(name));
		assertThat(shortPassword.status()).isEqualTo(400);
		assertThat(shortPassword.json().get("type").asString()).isEqualTo(PROBLEM + "invalid-input");
		assertThat(admin.postJson("/api/v1/users", """
				{"username": "%s", "password": "long-enough-secret", "roles": ["boss"]}""".formatted(name)).status())
			.isEqualTo(400);

		Response created = admin.postJson("/api/v1/users", """
				{"username": "%s", "password": "long-enough-secret", "roles": ["editor"]}""".formatted(name));
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.header("Location")).isEqualTo("/api/v1/users/" + name);
		assertThat(created.json().get("roles").valueStream().map(JsonNode::asString)).containsExactly("editor");
		assertThat(created.json().get("createdBy").asString()).isEqualTo("admin");
		assertThat(created.body()).doesNotContain("password");
		Response duplicate = admin.postJson("/api/v1/users", """
				{"username": "%s", "password": "long-enough-secret", "roles": []}""".formatted(name));
		assertThat(duplicate.status()).isEqualTo(409);

		// the new user signs in with the stored (hashed) password and has exactly the editor's rights
		TestHttp kenji = new TestHttp(this.port).as(name, "long-enough-secret");
		assertThat(kenji.get("/api/v1/faqs").status()).isEqualTo(200);
		assertThat(kenji.get("/api/v1/users").status()).isEqualTo(403);
		assertThat(admin.get("/api/v1/users").json().valueStream().map((u) -> u.get("username").asString()))
			.contains("admin", "eri", name);

		Response changed = admin.putJson("/api/v1/users/" + name, """
				{"roles": ["agent"], "password": "another-long-secret"}""");
		assertThat(changed.status()).isEqualTo(200);
		assertThat(changed.json().get("roles").valueStream().map(JsonNode::asString)).containsExactly("agent");
		assertThat(kenji.get("/api/v1/faqs").status()).isEqualTo(401);
		kenji.as(name, "another-long-secret");
		assertThat(kenji.get("/api/v1/faqs").status()).isEqualTo(403);
		assertThat(kenji.get("/api/v1/handoffs").status()).isEqualTo(200);

		assertThat(admin.putJson("/api/v1/users/" + name, "{\"enabled\": false}").status()).isEqualTo(200);
		assertThat(kenji.get("/api/v1/handoffs").status()).isEqualTo(401);
		assertThat(admin.putJson("/api/v1/users/nobody-here", "{\"enabled\": false}").status()).isEqualTo(404);

		assertThat(admin.delete("/api/v1/users/" + name).status()).isEqualTo(204);
		assertThat(admin.delete("/api/v1/users/" + name).status()).isEqualTo(404);

		List<JsonNode> log = admin.get("/api/v1/audit?targetType=user&targetId=" + name).json().valueStream().toList();
		assertThat(log).extracting((e) -> e.get("action").asString())
			.containsExactly("user.delete", "user.update", "user.update", "user.password-change", "user.create");
		assertThat(log).allSatisfy((e) -> assertThat(e.get("actor").asString()).isEqualTo("admin"));
		JsonNode roleChange = log.get(2);
		assertThat(roleChange.get("before").get("roles").get(0).asString()).isEqualTo("editor");
		assertThat(roleChange.get("after").get("roles").get(0).asString()).isEqualTo("agent");
		assertThat(log.get(0).has("after")).isFalse();
		assertThat(admin.get("/api/v1/audit?targetType=user").body()).doesNotContain("{bcrypt}")
			.doesNotContain("long-enough-secret");
		assertThat(new TestHttp(this.port).as("eri", "eri-secret").get("/api/v1/audit").status()).isEqualTo(403);
	}

	@Test
	void theLastAdminCannotBeDemotedDisabledOrDeleteThemselves() {
		TestHttp admin = new TestHttp(this.port).asAdmin();
		Response demoted = admin.putJson("/api/v1/users/admin", "{\"roles\": [\"editor\"]}");
		assertThat(demoted.status()).isEqualTo(409);
		assertThat(demoted.json().get("type").asString()).isEqualTo(PROBLEM + "last-admin");
		assertThat(admin.putJson("/api/v1/users/admin", "{\"enabled\": false}").status()).isEqualTo(409);
		Response self = admin.delete("/api/v1/users/admin");
		assertThat(self.status()).isEqualTo(409);
		assertThat(self.json().get("type").asString()).isEqualTo(PROBLEM + "own-account");

		// with a second admin, the first may step down; then the second is the last one
		String second = "aiko-" + UUID.randomUUID().toString().substring(0, 6);
		assertThat(admin.postJson("/api/v1/users", """
				{"username": "%s", "password": "second-admin-secret", "roles": ["admin"]}""".formatted(second))
			.status()).isEqualTo(201);
		TestHttp aiko = new TestHttp(this.port).as(second, "second-admin-secret");
		assertThat(aiko.putJson("/api/v1/users/admin", "{\"roles\": [\"editor\", \"agent\"]}").status()).isEqualTo(200);
		assertThat(admin.putJson("/api/v1/users/" + second, "{\"enabled\": false}").status()).isEqualTo(403);
		assertThat(aiko.putJson("/api/v1/users/" + second, "{\"roles\": [\"agent\"]}").json().get("type").asString())
			.isEqualTo(PROBLEM + "last-admin");
		assertThat(aiko.putJson("/api/v1/users/admin", "{\"roles\": [\"admin\", \"editor\", \"agent\"]}").status())
			.isEqualTo(200);
		assertThat(admin.delete("/api/v1/users/" + second).status()).isEqualTo(204);
	}

	@Test
	void faqChangesAreAuditedWithWhoAndTheFaqBeforeAndAfter() {
		TestHttp eri = new TestHttp(this.port).as("eri", "eri-secret");
		String id = "audit-" + UUID.randomUUID().toString().substring(0, 8);
		assertThat(eri.postJson("/api/v1/faqs", """
				{"id": "%s", "locale": "en", "question": "How do I change my avatar?",
				 "answer": "Open your profile.", "status": "draft"}""".formatted(id)).status()).isEqualTo(201);
		assertThat(eri.putJson("/api/v1/faqs/" + id, """
				{"locale": "en", "question": "How do I change my avatar?", "answer": "Open Settings > Profile.",
				 "status": "published", "version": 1}""").status()).isEqualTo(200);
		assertThat(eri.delete("/api/v1/faqs/" + id).status()).isEqualTo(204);

		List<JsonNode> log = new TestHttp(this.port).asAdmin()
			.get("/api/v1/audit?targetType=faq&targetId=" + id)
			.json()
			.valueStream()
			.toList();
		assertThat(log).extracting((e) -> e.get("action").asString())
			.containsExactly("faq.delete", "faq.publish", "faq.create");
		assertThat(log).allSatisfy((e) -> assertThat(e.get("actor").asString()).isEqualTo("eri"));
		JsonNode publish = log.get(1);
		assertThat(publish.get("before").get("answer").asString()).isEqualTo("Open your profile.");
		assertThat(publish.get("before").get("status").asString()).isEqualTo("draft");
		assertThat(publish.get("after").get("answer").asString()).isEqualTo("Open Settings > Profile.");
		assertThat(publish.get("after").get("version").asLong()).isEqualTo(2);
		assertThat(publish.get("at").asString()).isNotBlank();
		assertThat(log.get(2).has("before")).isFalse();
	}

}
