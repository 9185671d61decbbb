package dev.kotae.channels.audit;

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

/**
 * Changes to synonyms, sites, out-of-scope phrases and the FAQ workflow are audited with the user who
 * made them and the state before and after, on the real app over real HTTP.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:settings-audit;DB_CLOSE_DELAY=-1",
				"kotae.security.admin-password=" + TestHttp.ADMIN_PASSWORD, "kotae.demo.enabled=false",
				"kotae.nlu.enabled=false", "kotae.security.users[0].name=eri",
				"kotae.security.users[0].password=eri-secret", "kotae.security.users[0].roles=editor" })
class SettingsAuditIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void synonymChangesAreAudited() {
		TestHttp eri = new TestHttp(this.port).as("eri", "eri-secret");
		Response created = eri.postJson("/api/v1/synonyms", """
				{"locale": "en", "terms": ["parcel", "package"]}""");
		assertThat(created.status()).isEqualTo(201);
		String id = created.json().get("id").asString();
		assertThat(eri.putJson("/api/v1/synonyms/" + id, """
				{"locale": "en", "terms": ["parcel", "package", "box"]}""").status()).isEqualTo(200);
		assertThat(eri.delete("/api/v1/synonyms/" + id).status()).isEqualTo(204);

		List<JsonNode> log = audit("synonym", id);
		assertThat(log).extracting((e) -> e.get("action").asString())
			.containsExactly("synonym.delete", "synonym.update", "synonym.create");
		assertThat(log).allSatisfy((e) -> assertThat(e.get("actor").asString()).isEqualTo("eri"));
		assertThat(log.get(1).get("before").get("terms").size()).isEqualTo(2);
		assertThat(log.get(1).get("after").get("terms").size()).isEqualTo(3);
		assertThat(log.get(0).get("before").get("terms").get(2).asString()).isEqualTo("box");
		assertThat(log.get(0).has("after")).isFalse();
	}

	@Test
	void siteChangesAreAudited() {
		TestHttp admin = new TestHttp(this.port).asAdmin();
		String key = "shop-" + UUID.randomUUID().toString().substring(0, 6);
		// sites are the admins': an editor may read them only
		assertThat(new TestHttp(this.port).as("eri", "eri-secret")
			.putJson("/api/v1/sites/" + key, "{\"name\": \"Shop\"}")
			.status()).isEqualTo(403);
		assertThat(admin.putJson("/api/v1/sites/" + key, """
				{"name": "Shop", "allowedOrigins": ["https://shop.example"], "defaultLocale": "ja"}""").status())
			.isEqualTo(200);
		assertThat(admin.putJson("/api/v1/sites/" + key, """
				{"name": "Shop", "allowedOrigins": ["https://shop.example"], "defaultLocale": "en",
				 "npsEnabled": true, "pinnedFaqIds": ["shipping"]}""").status()).isEqualTo(200);

		List<JsonNode> log = audit("site", key);
		assertThat(log).extracting((e) -> e.get("action").asString()).containsExactly("site.update", "site.create");
		assertThat(log.get(0).get("actor").asString()).isEqualTo("admin");
		assertThat(log.get(0).get("before").get("npsEnabled").asBoolean()).isFalse();
		assertThat(log.get(0).get("after").get("pinnedFaqIds").get(0).asString()).isEqualTo("shipping");
	}

	@Test
	void outOfScopePhraseChangesAreAudited() {
		TestHttp eri = new TestHttp(this.port).as("eri", "eri-secret");
		String text = "what is the weather " + UUID.randomUUID();
		assertThat(eri.postJson("/api/v1/out-of-scope", """
				{"phrases": [{"text": "%s", "locale": "en"}]}""".formatted(text)).status()).isEqualTo(201);
		long id = eri.get("/api/v1/out-of-scope")
			.json()
			.valueStream()
			.filter((p) -> p.get("text").asString().equals(text))
			.findFirst()
			.orElseThrow()
			.get("id")
			.asLong();
		assertThat(eri.delete("/api/v1/out-of-scope/" + id).status()).isEqualTo(204);

		List<JsonNode> log = audit("out-of-scope", null);
		assertThat(log.get(0).get("action").asString()).isEqualTo("out-of-scope.delete");
		assertThat(log.get(0).get("targetId").asString()).isEqualTo(String.valueOf(id));
		assertThat(log.get(0).get("before").get("text").asString()).isEqualTo(text);
		assertThat(log.get(1).get("action").asString()).isEqualTo("out-of-scope.add");
		assertThat(log.get(1).get("after").toString()).contains(text);
		assertThat(log).allSatisfy((e) -> assertThat(e.get("actor").asString()).isEqualTo("eri"));
	}

	@Test
	void faqWorkflowChangesAreAudited() {
		TestHttp eri = new TestHttp(this.port).as("eri", "eri-secret");
		String id = "flow-" + UUID.randomUUID().toString().substring(0, 8);
		String base = "/api/v1/faqs/" + id;
		assertThat(eri.postJson("/api/v1/faqs", """
				{"id": "%s", "locale": "en", "question": "Where is my parcel?", "answer": "Track it online."}"""
			.formatted(id)).status()).isEqualTo(201);
		assertThat(eri.postJson(base + "/publish", "{}").status()).isEqualTo(200);
		assertThat(eri.postJson(base + "/publish", "{}").status()).isEqualTo(200); // no change, not audited
		assertThat(eri.postJson(base + "/unpublish", "{}").status()).isEqualTo(200);
		assertThat(eri.postJson(base + "/archive", "{}").status()).isEqualTo(200);
		assertThat(eri.postJson(base + "/revert", "{\"version\": 1}").status()).isEqualTo(200);

		List<JsonNode> log = audit("faq", id);
		assertThat(log).extracting((e) -> e.get("action").asString())
			.containsExactly("faq.revert", "faq.archive", "faq.unpublish", "faq.publish", "faq.create");
		assertThat(log).allSatisfy((e) -> assertThat(e.get("actor").asString()).isEqualTo("eri"));
		assertThat(log.get(1).get("before").get("status").asString()).isEqualTo("draft");
		assertThat(log.get(1).get("after").get("status").asString()).isEqualTo("archived");
		assertThat(log.get(3).get("after").get("status").asString()).isEqualTo("published");
	}

	private List<JsonNode> audit(String type, String id) {
		String query = "/api/v1/audit?targetType=" + type + ((id != null) ? "&targetId=" + id : "");
		Response response = new TestHttp(this.port).asAdmin().get(query);
		assertThat(response.status()).isEqualTo(200);
		return response.json().valueStream().toList();
	}

}
