package dev.kotae.channels.admin;

import java.time.Duration;
import java.util.List;

import dev.kotae.Chromium;
import dev.kotae.TestHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.kotae.Chromium.screenshot;
import static dev.kotae.Chromium.waitFor;
import static dev.kotae.Chromium.waiting;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The settings and users pages in real headless Chromium against the real app with the demo knowledge
 * base: an admin creates an editor, issues an API token (secret shown once), edits a synonym set and a
 * site's pinned FAQs, and reads those changes in the audit log, where an XSS payload stays text; an
 * editor sees no users page and sites read-only; an agent logs out from the operator console. Skipped
 * when {@code /usr/bin/chromedriver} is not installed.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:settings-users-browser;DB_CLOSE_DELAY=-1",
				"kotae.security.admin-password=" + TestHttp.ADMIN_PASSWORD, "kotae.nlu.enabled=false",
				"kotae.web.rate-limit.enabled=false", "kotae.security.users[0].name=eri",
				"kotae.security.users[0].password=eri-secret-123", "kotae.security.users[0].roles=editor",
				"kotae.security.users[1].name=ken", "kotae.security.users[1].password=ken-secret-123",
				"kotae.security.users[1].roles=agent" })
class SettingsAndUsersBrowserIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(15);

	/** Would run script if any of it were put on a page as HTML. */
	private static final String PAYLOAD = "<img src=x onerror=alert(1)>";

	@LocalServerPort
	int port;

	@RegisterExtension
	static final Chromium chromium = new Chromium(WAIT);

	@Test
	void anAdminManagesUsersTokensAndSettingsAndReadsTheAuditLogAsText() {
		TestHttp api = new TestHttp(this.port).asAdmin();
		assertThat(api.putJson("/api/v1/sites/shop", """
				{"name": "Shop", "allowedOrigins": ["https://shop.example"], "defaultLocale": "en"}""").status())
			.isEqualTo(200);
		ChromeDriver admin = chromium.browser("en");
		chromium.login(admin, "/admin/users?lang=en", "admin", TestHttp.ADMIN_PASSWORD);
		waitFor(admin, By.cssSelector("body[data-loaded=true]"), WAIT);
		assertThat(admin.findElement(By.tagName("h1")).getText()).contains("Users and audit");
		assertThat(admin.findElement(By.cssSelector("#user-list tr[data-username=admin]")).getText()).contains("(you)");

		// user names are restricted: the payload is refused, and the refusal is shown as text
		admin.findElement(By.id("new-username")).sendKeys(PAYLOAD);
		admin.findElement(By.id("new-password")).sendKeys("editor-long-secret");
		admin.findElement(By.id("new-role-editor")).click();
		admin.findElement(By.id("user-create")).click();
		WebElement refused = waitFor(admin, By.cssSelector("#user-form-message[data-state=error]"), WAIT);
		assertThat(refused.getText()).contains("username must be");
		WebElement username = admin.findElement(By.id("new-username"));
		username.clear();
		username.sendKeys("yuki");
		admin.findElement(By.id("user-create")).click();
		waitFor(admin, By.cssSelector("#user-form-message[data-state=ok]"), WAIT);
		waitFor(admin, By.cssSelector("#user-list tr[data-username=yuki]"), WAIT);
		assertThat(api.get("/api/v1/users/yuki").json().get("roles").get(0).asString()).isEqualTo("editor");

		// a token for yuki named with the payload: the secret is shown once, works, and is gone after closing
		admin.findElement(By.id("tab-tokens")).click();
		admin.findElement(By.id("token-name")).sendKeys(PAYLOAD);
		new Select(admin.findElement(By.id("token-user"))).selectByValue("yuki");
		admin.findElement(By.id("token-issue")).click();
		WebElement secretBox = waiting(admin, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("token-secret-box")));
		String secret = admin.findElement(By.id("token-secret")).getDomProperty("value");
		assertThat(secret).startsWith("kotae_");
		assertThat(secretBox.getText()).contains("shown only now");
		WebElement tokenRow = waitFor(admin, By.cssSelector("#token-list tr[data-active=true]"), WAIT);
		assertThat(tokenRow.findElement(By.className("token-name")).getText()).isEqualTo(PAYLOAD);
		assertThat(new TestHttp(this.port).bearer(secret).get("/api/v1/faqs").status()).isEqualTo(200);
		assertThat(new TestHttp(this.port).bearer(secret).get("/api/v1/users").status()).isEqualTo(403);
		screenshot(admin, "users-tokens-1280.png");
		admin.findElement(By.id("token-secret-done")).click();
		assertThat(admin.findElement(By.id("token-secret-box")).isDisplayed()).isFalse();
		assertThat(admin.getPageSource()).doesNotContain(secret);

		// settings: a synonym set added, then edited to hold the payload
		admin.get(chromium.base() + "/admin/settings?lang=en");
		waitFor(admin, By.cssSelector("body[data-loaded=true]"), WAIT);
		new Select(admin.findElement(By.id("synonym-locale"))).selectByValue("en");
		admin.findElement(By.id("synonym-terms")).sendKeys("parcel, package");
		admin.findElement(By.id("synonym-save")).click();
		waitFor(admin, By.cssSelector("#synonym-message[data-state=ok]"), WAIT);
		long synonymId = synonymId(api, "parcel");
		String row = "#synonym-list li[data-synonym-id='" + synonymId + "']";
		waitFor(admin, By.cssSelector(row + " .synonym-edit"), WAIT).click();
		waiting(admin, WAIT).until((d) -> String.valueOf(synonymId)
			.equals(d.findElement(By.id("synonym-form")).getDomAttribute("data-synonym-id")));
		admin.findElement(By.id("synonym-terms")).sendKeys(", " + PAYLOAD);
		admin.findElement(By.id("synonym-save")).click();
		waiting(admin, WAIT).until((d) -> d.findElement(By.cssSelector(row + " .text")).getText().contains(PAYLOAD));
		assertThat(api.get("/api/v1/synonyms").body()).contains("onerror=alert(1)");

		// the site's pinned FAQs, picked by searching
		admin.findElement(By.id("tab-sites")).click();
		waitFor(admin, By.cssSelector("#site-list li[data-site-key=shop] .site-open"), WAIT).click();
		waiting(admin, WAIT).until((d) -> "shop".equals(d.findElement(By.id("site-form")).getDomAttribute("data-site-key")));
		admin.findElement(By.id("pin-search")).sendKeys("invoice");
		admin.findElement(By.id("pin-search-go")).click();
		WebElement result = waitFor(admin, By.cssSelector("#pin-results li[data-faq-id]"), WAIT);
		String pinned = result.getDomAttribute("data-faq-id");
		result.findElement(By.className("pin")).click();
		waitFor(admin, By.cssSelector("#pinned-list li[data-faq-id='" + pinned + "']"), WAIT);
		admin.findElement(By.id("site-nps")).click();
		admin.findElement(By.id("site-save")).click();
		waitFor(admin, By.cssSelector("#site-message[data-state=ok]"), WAIT);
		JsonNode site = api.get("/api/v1/sites/shop").json();
		assertThat(site.get("pinnedFaqIds").get(0).asString()).isEqualTo(pinned);
		assertThat(site.get("npsEnabled").asBoolean()).isTrue();
		screenshot(admin, "settings-sites-1280.png");

		// the audit log shows all of it, newest first, the payload as text
		admin.get(chromium.base() + "/admin/users?lang=en");
		waitFor(admin, By.cssSelector("body[data-loaded=true]"), WAIT);
		admin.findElement(By.id("tab-audit")).click();
		waitFor(admin, By.cssSelector("#audit-list li[data-action]"), WAIT);
		List<String> actions = admin.findElements(By.cssSelector("#audit-list li[data-action]"))
			.stream()
			.map((li) -> li.getDomAttribute("data-action"))
			.toList();
		assertThat(actions).containsSubsequence("site.update", "synonym.update", "synonym.create", "token.issue",
				"user.create", "site.create");
		WebElement issued = admin.findElement(By.cssSelector("#audit-list li[data-action='token.issue'] .after pre"));
		assertThat(issued.getText()).contains(PAYLOAD).contains("yuki").doesNotContain(secret);
		WebElement synonym = admin.findElement(By.cssSelector("#audit-list li[data-action='synonym.update']"));
		assertThat(synonym.findElement(By.cssSelector(".before pre")).getText()).doesNotContain(PAYLOAD);
		assertThat(synonym.findElement(By.cssSelector(".after pre")).getText()).contains(PAYLOAD);
		new Select(admin.findElement(By.id("audit-type"))).selectByValue("token");
		waiting(admin, WAIT).until((d) -> d.findElements(By.cssSelector("#audit-list li[data-action]"))
			.stream()
			.allMatch((li) -> li.getDomAttribute("data-action").startsWith("token.")));
		screenshot(admin, "users-audit-1280.png");

		// nowhere did the payload become an element (and no alert is open: Selenium would have failed)
		for (String page : List.of("/admin/users?lang=en", "/admin/settings?lang=en")) {
			admin.get(chromium.base() + page);
			waitFor(admin, By.cssSelector("body[data-loaded=true]"), WAIT);
			assertThat(admin.findElements(By.cssSelector("main img, main [onerror]"))).as(page).isEmpty();
		}
	}

	@Test
	void anEditorSeesNoUsersPageAndSitesReadOnlyInJapanese() {
		ChromeDriver eri = chromium.browser("ja");
		chromium.login(eri, "/admin/settings", "eri", "eri-secret-123");
		waitFor(eri, By.cssSelector("body[data-loaded=true]"), WAIT);
		assertThat(eri.findElement(By.tagName("h1")).getText()).contains("設定");
		assertThat(eri.findElements(By.cssSelector("#pages a[data-page=settings]"))).hasSize(1);
		assertThat(eri.findElements(By.cssSelector("#pages a[data-page=users]"))).isEmpty();
		eri.findElement(By.id("tab-sites")).click();
		assertThat(eri.findElement(By.id("site-readonly")).isDisplayed()).isTrue();
		assertThat(eri.findElement(By.id("site-new")).isDisplayed()).isFalse();
		eri.get(chromium.base() + "/admin/users");
		waiting(eri, WAIT).until((d) -> d.findElement(By.tagName("body")).getText().contains("403"));
		assertThat(eri.findElements(By.id("user-list"))).isEmpty();
		assertThat(new TestHttp(this.port).as("eri", "eri-secret-123").get("/admin/users").status()).isEqualTo(403);
	}

	@Test
	void anAgentLogsOutFromTheOperatorConsole() {
		ChromeDriver ken = chromium.browser("en");
		chromium.login(ken, "/operator?lang=en", "ken", "ken-secret-123");
		WebElement logout = waitFor(ken, By.id("logout"), WAIT);
		waiting(ken, WAIT).until((d) -> d.findElement(By.id("logout")).getText().equals("Log out"));
		logout.click();
		waiting(ken, WAIT).until((d) -> d.getCurrentUrl().contains("/login?logout"));
		assertThat(ken.findElement(By.tagName("body")).getText()).contains("You have signed out.");
		ken.get(chromium.base() + "/operator");
		waiting(ken, WAIT).until((d) -> d.getCurrentUrl().endsWith("/login"));
	}

	// --- browsers ----------------------------------------------------------------------------------

	private static long synonymId(TestHttp api, String term) {
		return api.get("/api/v1/synonyms")
			.json()
			.valueStream()
			.filter((s) -> s.get("terms").valueStream().anyMatch((t) -> t.asString().equals(term)))
			.findFirst()
			.orElseThrow()
			.get("id")
			.asLong();
	}

}
