package dev.kotae.channels.admin;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.kotae.Chromium;
import dev.kotae.TestHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.kotae.Chromium.screenshot;
import static dev.kotae.Chromium.waitFor;
import static dev.kotae.Chromium.waiting;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The editor workspace in real headless Chromium against the real app with the demo knowledge base: an
 * editor signs in, searches, edits an FAQ (live Markdown preview), creates and publishes one, reads the
 * history and reverts, and tries a question; an agent is refused the workspace. Skipped when
 * {@code /usr/bin/chromedriver} is not installed.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:admin-workspace;DB_CLOSE_DELAY=-1",
				"kotae.security.admin-password=" + TestHttp.ADMIN_PASSWORD, "kotae.nlu.enabled=false",
				"kotae.web.rate-limit.enabled=false", "kotae.security.users[0].name=eri",
				"kotae.security.users[0].password=eri-secret-123", "kotae.security.users[0].roles=editor",
				"kotae.security.users[1].name=ken", "kotae.security.users[1].password=ken-secret-123",
				"kotae.security.users[1].roles=agent" })
class AdminWorkspaceBrowserIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(15);

	private static final String EDITED = "ja-account-password-reset";

	@LocalServerPort
	int port;

	@RegisterExtension
	static final Chromium chromium = new Chromium(WAIT);

	@Test
	void anEditorSearchesEditsPublishesRevertsAndTriesAQuestion() {
		ChromeDriver eri = chromium.browser("ja");
		chromium.login(eri, "/admin", "eri", "eri-secret-123");
		waitFor(eri, By.cssSelector("#faq-list li[data-faq-id]"), WAIT);
		assertThat(eri.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("ja");
		assertThat(eri.findElement(By.id("nlu-status")).getDomAttribute("data-state")).isEqualTo("IDLE");

		// search the demo knowledge base: the list shows exactly what the API finds
		List<String> expected = ids(admin().get("/api/v1/faqs?size=20&q=" + encode("パスワード")).json());
		assertThat(expected).contains(EDITED).hasSizeLessThan(20);
		eri.findElement(By.id("search")).sendKeys("パスワード");
		waiting(eri, WAIT).until((d) -> listed(d).equals(expected));
		assertThat(eri.findElement(By.cssSelector(faq(EDITED))).getText()).contains("パスワード");

		// open one, edit its answer: the preview renders Markdown, save bumps the version
		JsonNode before = admin().get("/api/v1/faqs/" + EDITED).json();
		long version = before.get("version").asLong();
		eri.findElement(By.cssSelector(faq(EDITED) + " button")).click();
		waitFor(eri, By.cssSelector("#editor-box[data-faq-id='" + EDITED + "']"), WAIT);
		WebElement answer = eri.findElement(By.id("f-answer"));
		assertThat(answer.getDomProperty("value")).isEqualTo(before.get("answer").asString());
		answer.clear();
		String edited = "ログイン画面の「パスワードをお忘れですか？」から **再設定メール** を送れます。";
		answer.sendKeys(edited);
		WebElement strong = waitFor(eri, By.cssSelector("#preview strong"), WAIT);
		assertThat(strong.getText()).isEqualTo("再設定メール");
		assertThat(eri.findElements(By.cssSelector("#preview script, #preview img"))).isEmpty();
		eri.findElement(By.id("save")).click();
		waitFor(eri, By.cssSelector("#editor-message[data-state='ok']"), WAIT);
		JsonNode saved = admin().get("/api/v1/faqs/" + EDITED).json();
		assertThat(saved.get("answer").asString()).isEqualTo(edited);
		assertThat(saved.get("version").asLong()).isEqualTo(version + 1);
		assertThat(eri.findElement(By.id("f-version")).getDomAttribute("data-version"))
			.isEqualTo(String.valueOf(version + 1));
		screenshot(eri, "admin-editor-1280.png");

		// a new draft, then published: search finds it
		eri.findElement(By.id("new-faq")).click();
		waitFor(eri, By.cssSelector("#editor-box[data-faq-id='']"), WAIT);
		eri.findElement(By.id("f-question")).sendKeys("ブラウザテスト専用の質問はどこで確認できますか？");
		eri.findElement(By.id("f-alts")).sendKeys("ブラウザテストの質問\nテスト専用の質問");
		eri.findElement(By.id("f-answer")).sendKeys("ブラウザテストで作成した回答です。");
		eri.findElement(By.id("f-category")).sendKeys("testing");
		eri.findElement(By.id("save")).click();
		waitFor(eri, By.cssSelector("#editor-message[data-state='ok']"), WAIT);
		String created = waiting(eri, WAIT).until((d) -> {
			String id = d.findElement(By.id("editor-box")).getDomAttribute("data-faq-id");
			return (id == null || id.isEmpty()) ? null : id;
		});
		assertThat(eri.findElement(By.id("f-status")).getDomAttribute("data-status")).isEqualTo("draft");
		assertThat(admin().get("/api/v1/faqs/" + created).json().get("status").asString()).isEqualTo("draft");
		eri.findElement(By.id("publish")).click();
		waitFor(eri, By.cssSelector("#f-status[data-status='published']"), WAIT);
		waiting(eri, WAIT).until((d) -> ids(new TestHttp(this.port)
			.get("/api/v1/search?locale=ja&q=" + encode("ブラウザテスト専用の質問")).json().get("hits")).contains(created));

		// history of the edited FAQ: two versions or more, a diff, and back to v1
		eri.findElement(By.id("search")).clear();
		eri.findElement(By.id("search")).sendKeys("パスワード");
		WebElement open = waiting(eri, WAIT).until(ExpectedConditions.elementToBeClickable(By.cssSelector(faq(EDITED) + " button")));
		open.click();
		waitFor(eri, By.cssSelector("#editor-box[data-faq-id='" + EDITED + "']"), WAIT);
		eri.findElement(By.id("tab-history")).click();
		waiting(eri, WAIT).until((d) -> d.findElements(By.cssSelector("#versions li[data-version]")).size() >= 2);
		assertThat(eri.findElement(By.id("editor")).isDisplayed()).isFalse();
		eri.findElement(By.cssSelector("#versions li[data-version='" + (version + 1) + "'] .diff-button")).click();
		WebElement diff = waitFor(eri, By.cssSelector("#diff .change[data-field='answer']"), WAIT);
		assertThat(diff.findElement(By.cssSelector(".line-add")).getText()).contains("再設定メール");
		eri.findElement(By.cssSelector("#versions li[data-version='1'] .revert-button")).click();
		waitFor(eri, By.cssSelector("#editor-message[data-state='ok']"), WAIT);
		JsonNode reverted = admin().get("/api/v1/faqs/" + EDITED).json();
		assertThat(reverted.get("version").asLong()).isEqualTo(version + 2);
		JsonNode v1 = admin().get("/api/v1/faqs/" + EDITED + "/versions/1").json();
		assertThat(reverted.get("answer").asString()).isEqualTo(v1.get("answer").asString());

		// someone else saves meanwhile: saving the stale copy says so, and Reload fetches theirs
		eri.findElement(By.id("tab-edit")).click();
		String theirs = "管理者が更新した回答です。";
		assertThat(admin().putJson("/api/v1/faqs/" + EDITED, "{\"question\":" + TestHttp.quote(reverted.get("question").asString())
				+ ",\"answer\":" + TestHttp.quote(theirs) + ",\"version\":" + (version + 2) + "}").status()).isEqualTo(200);
		WebElement stale = waitFor(eri, By.id("f-answer"), WAIT);
		stale.sendKeys("追記");
		eri.findElement(By.id("save")).click();
		WebElement conflict = waitFor(eri, By.cssSelector("#editor-message[data-state='conflict']"), WAIT);
		assertThat(conflict.getText()).contains("再読み込み");
		eri.findElement(By.id("reload")).click();
		waiting(eri, WAIT).until((d) -> theirs.equals(d.findElement(By.id("f-answer")).getDomProperty("value")));

		// try a question: the bot's decision, confidence and candidates
		eri.findElement(By.id("tab-try")).click();
		waiting(eri, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("try-text")));
		assertThat(eri.findElement(By.id("panel-faqs")).isDisplayed()).isFalse();
		eri.findElement(By.id("try-text")).sendKeys("パスワードを忘れてしまいました");
		eri.findElement(By.cssSelector("#try-form button[type='submit']")).click();
		WebElement decision = waitFor(eri, By.cssSelector("#try-result [data-decision]"), WAIT);
		assertThat(decision.getDomAttribute("data-decision")).isIn("answer", "choices", "escalate", "fallback");
		assertThat(eri.findElements(By.cssSelector("#try-result .candidates li"))).isNotEmpty();
		screenshot(eri, "admin-try-1280.png");
	}

	@Test
	void anAgentIsRefusedTheWorkspace() {
		ChromeDriver ken = chromium.browser("ja");
		chromium.login(ken, "/admin", "ken", "ken-secret-123");
		waiting(ken, WAIT).until((d) -> d.findElement(By.tagName("body")).getText().contains("403"));
		assertThat(ken.findElements(By.id("faq-list"))).isEmpty();
		assertThat(new TestHttp(this.port).as("ken", "ken-secret-123").get("/admin").status()).isEqualTo(403);
	}

	// --- browsers ----------------------------------------------------------------------------------

	private static List<String> listed(WebDriver driver) {
		return driver.findElements(By.cssSelector("#faq-list li[data-faq-id]"))
			.stream()
			.map((li) -> li.getDomAttribute("data-faq-id"))
			.toList();
	}

	private static String faq(String id) {
		return "#faq-list li[data-faq-id='" + id + "']";
	}

	private static List<String> ids(JsonNode json) {
		JsonNode items = json.has("items") ? json.get("items") : json;
		List<String> ids = new ArrayList<>();
		items.forEach((item) -> ids.add(item.get("id").asString()));
		return ids;
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

	private TestHttp admin() {
		return new TestHttp(this.port).asAdmin();
	}

}
