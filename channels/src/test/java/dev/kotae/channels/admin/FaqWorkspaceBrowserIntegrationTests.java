package dev.kotae.channels.admin;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.kotae.Chromium;
import dev.kotae.TestHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.kotae.Chromium.assertNoScriptRan;
import static dev.kotae.Chromium.waitFor;
import static dev.kotae.Chromium.waiting;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The FAQ page in real headless Chromium against the real app (demo knowledge base, search-only
 * answers): an editor publishes an FAQ whose text holds an XSS payload and the widget answers with it,
 * everything shown as text; an editor imports a CSV file with bad rows through the preview, the import
 * job and its progress bar. Skipped when {@code /usr/bin/chromedriver} is not installed.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { WorkspaceBrowserApp.DATABASE,
		WorkspaceBrowserApp.ADMIN, WorkspaceBrowserApp.NLU_OFF, WorkspaceBrowserApp.NO_RATE_LIMIT,
		WorkspaceBrowserApp.EDITOR_NAME, WorkspaceBrowserApp.EDITOR_PASSWORD, WorkspaceBrowserApp.EDITOR_ROLES,
		WorkspaceBrowserApp.QUIET_SELENIUM })
class FaqWorkspaceBrowserIntegrationTests {

	private static final String XSS = "<img src=x onerror=alert(1)>";

	@LocalServerPort
	int port;

	@TempDir
	Path files;

	@RegisterExtension
	static final Chromium chromium = new Chromium();

	@Test
	void anEditorPublishesAnFaqWithMarkupInItAndTheWidgetAnswersWithItAsText() {
		ChromeDriver eri = chromium.browser("ja");
		chromium.login(eri, "/admin", WorkspaceBrowserApp.EDITOR, WorkspaceBrowserApp.PASSWORD);
		waitFor(eri, By.cssSelector("#faq-list li[data-faq-id]"));

		String word = "quux" + UUID.randomUUID().toString().replaceAll("[^a-f]", "").substring(0, 4) + "ifier";
		String asked = "How do I recalibrate the " + word + " gauge?";
		String question = asked + " " + XSS;
		String answer = "Turn the **" + word + "** dial twice. " + XSS + " <script>alert(2)</script>";
		eri.findElement(By.id("new-faq")).click();
		waitFor(eri, By.cssSelector("#editor-box[data-faq-id='']"));
		new Select(eri.findElement(By.id("f-locale"))).selectByValue("en");
		eri.findElement(By.id("f-question")).sendKeys(question);
		eri.findElement(By.id("f-answer")).sendKeys(answer);
		eri.findElement(By.id("f-category")).sendKeys("browser-xss");

		// the live preview renders the Markdown and shows the markup as text
		WebElement strong = waitFor(eri, By.cssSelector("#preview strong"));
		assertThat(strong.getText()).isEqualTo(word);
		assertThat(eri.findElement(By.id("preview")).getText()).contains(XSS).contains("<script>alert(2)</script>");
		assertThat(eri.findElements(By.cssSelector("#preview img, #preview script"))).isEmpty();

		eri.findElement(By.id("save")).click();
		waitFor(eri, By.cssSelector("#editor-message[data-state='ok']"));
		String id = waiting(eri).until((d) -> {
			String value = d.findElement(By.id("editor-box")).getDomAttribute("data-faq-id");
			return (value == null || value.isEmpty()) ? null : value;
		});
		eri.findElement(By.id("publish")).click();
		waitFor(eri, By.cssSelector("#f-status[data-status='published']"));
		assertThat(eri.findElement(By.id("editor-title")).getText()).isEqualTo(question);

		// the list shows the question as text
		eri.findElement(By.id("search")).sendKeys(word);
		WebElement listed = waiting(eri).until((d) -> {
			List<WebElement> items = d.findElements(By.cssSelector("#faq-list li[data-faq-id]"));
			return (items.size() == 1 && id.equals(items.get(0).getDomAttribute("data-faq-id"))) ? items.get(0) : null;
		});
		assertThat(listed.findElement(By.cssSelector(".faq-q")).getText()).isEqualTo(question);
		assertNoScriptRan(eri);
		Chromium.screenshot(eri, "faq-xss-editor.png");

		// the search finds it at once; then the widget answers with it, markup as text
		waiting(eri).until((d) -> hits(asked).contains(id));
		eri.get(chromium.base() + "/?lang=en");
		click(eri, "launcher");
		waiting(eri).until((d) -> hook(eri, "input").isDisplayed());
		hook(eri, "input").sendKeys(asked);
		click(eri, "send");
		WebElement reply = waiting(eri).until((d) -> {
			List<WebElement> answers = widget(eri)
				.findElements(By.cssSelector("[data-kotae=message][data-kind=answer][data-faq-id='" + id + "']"));
			if (!answers.isEmpty()) {
				return answers.get(0);
			}
			// search-only answers may offer the FAQ as a choice first
			List<WebElement> choices = widget(eri)
				.findElements(By.cssSelector("[data-kotae=choice][data-faq-id='" + id + "']"));
			if (!choices.isEmpty() && choices.get(0).isEnabled()) {
				choices.get(0).click();
			}
			return null;
		});
		String shown = reply.findElement(By.cssSelector(".kotae-bubble")).getDomProperty("textContent");
		assertThat(shown).contains(word).contains(XSS).contains("<script>alert(2)</script>").doesNotContain("**");
		assertThat(widget(eri).findElements(By.cssSelector("img, .kotae-bubble script"))).isEmpty();
		assertNoScriptRan(eri);
		Chromium.screenshot(eri, "faq-xss-widget.png");
	}

	@Test
	void anEditorImportsACsvFileWithBadRowsThroughThePreviewAndWatchesItsProgress() throws IOException {
		String category = "csv-browser-" + UUID.randomUUID().toString().substring(0, 6);
		StringBuilder csv = new StringBuilder("id,locale,category,question,answer\n");
		List<String> good = new ArrayList<>();
		for (int i = 0; i < 150; i++) {
			String id = category + "-" + i;
			good.add(id);
			csv.append(id).append(",en,").append(category).append(",How do I set browser option ").append(i)
				.append("?,Open Settings.\n");
		}
		csv.append(category).append("-bad-1,en,").append(category).append(",,No question here.\n"); // line 152
		csv.append(category).append("-bad-2,xx,").append(category).append(",Which locale ").append(XSS)
			.append("?,None.\n"); // line 153
		Path file = this.files.resolve("faqs.csv");
		Files.writeString(file, csv, StandardCharsets.UTF_8);

		ChromeDriver eri = chromium.browser("en");
		chromium.login(eri, "/admin?lang=en", WorkspaceBrowserApp.EDITOR, WorkspaceBrowserApp.PASSWORD);
		WebElement tab = waitFor(eri, By.id("tab-import"));
		waiting(eri).until((d) -> "CSV import".equals(d.findElement(By.id("tab-import")).getText()));
		tab.click();
		eri.findElement(By.id("import-file")).sendKeys(file.toAbsolutePath().toString());
		eri.findElement(By.id("import-preview")).click();

		// the preview: counts, and the rejected rows with their line and reason, as text
		waiting(eri).until((d) -> d.findElement(By.id("import-check")).isDisplayed());
		assertThat(count(eri, "total")).isEqualTo("152");
		assertThat(count(eri, "create")).isEqualTo("150");
		assertThat(count(eri, "reject")).isEqualTo("2");
		List<WebElement> rejected = eri.findElements(By.cssSelector("#import-rejected tbody tr"));
		assertThat(rejected).extracting((row) -> row.getDomAttribute("data-line")).containsExactly("152", "153");
		assertThat(rejected.get(0).getText()).contains("question");
		assertThat(rejected.get(1).getText()).contains("locale");
		assertThat(this.admin().get("/api/v1/faqs/" + good.get(0)).status()).as("nothing imported yet").isEqualTo(404);
		eri.findElement(By.cssSelector("#import-rows-box summary")).click();
		assertThat(eri.findElement(By.cssSelector("#import-rows tr[data-line='153']")).getText()).contains(XSS);
		assertNoScriptRan(eri);
		Chromium.screenshot(eri, "faq-import-preview.png");

		// the import: the progress bar reaches 100 % and the summary tells what happened
		eri.findElement(By.id("import-commit")).click();
		WebElement result = waitFor(eri, By.cssSelector("#import-result[data-state='done']"));
		assertThat(eri.findElement(By.id("import-progress")).getDomAttribute("data-percent")).isEqualTo("100");
		assertThat(eri.findElement(By.id("import-progress-text")).getText()).contains("152 / 152").contains("100 %");
		assertThat(result.getText()).contains("150 created").contains("2 rejected");
		Chromium.screenshot(eri, "faq-import-done.png");

		JsonNode imported = admin().get("/api/v1/faqs?size=1&category=" + category).json();
		assertThat(imported.get("total").asLong()).isEqualTo(150);
		assertThat(admin().get("/api/v1/faqs/" + good.get(149)).status()).isEqualTo(200);
		assertThat(admin().get("/api/v1/faqs/" + category + "-bad-1").status()).isEqualTo(404);
		assertThat(admin().get("/api/v1/faqs/" + category + "-bad-2").status()).isEqualTo(404);
	}

	@Test
	void anEditorFiltersByAudienceExportsTriesAQuestionAndDeletesAnFaq() {
		String word = "plumbus" + UUID.randomUUID().toString().replaceAll("[^a-f]", "").substring(0, 4);
		String id = "en-" + word;
		String question = "How do I polish the " + word + " " + XSS;
		assertThat(admin().postJson("/api/v1/faqs", """
				{"id": "%s-pro", "locale": "en", "question": "Where is the pro %s?", "answer": "In the pro plan.",
				 "status": "published", "category": "browser-audience", "audience": "plan=pro"}""".formatted(id, word))
			.status()).isEqualTo(201);
		// for everyone: what "try a question" (no user attributes) may offer
		assertThat(admin().postJson("/api/v1/faqs", """
				{"id": "%s", "locale": "en", "question": %s, "answer": "With a %s cloth.", "status": "published",
				 "category": "browser-try"}""".formatted(id, TestHttp.quote(question), word))
			.status()).isEqualTo(201);

		ChromeDriver eri = chromium.browser("en");
		chromium.login(eri, "/admin?lang=en", WorkspaceBrowserApp.EDITOR, WorkspaceBrowserApp.PASSWORD);
		waitFor(eri, By.cssSelector("#faq-list li[data-faq-id]"));

		// the audience filter, and the export link that follows the filters
		eri.findElement(By.id("filter-category")).sendKeys("browser-audience");
		eri.findElement(By.id("filter-audience")).sendKeys("plan=pro");
		eri.findElement(By.cssSelector("#filters button[type='submit']")).click();
		waiting(eri).until((d) -> d.findElements(By.cssSelector("#faq-list li[data-faq-id]"))
			.stream()
			.map((li) -> li.getDomAttribute("data-faq-id"))
			.toList()
			.equals(List.of(id + "-pro")));
		String export = eri.findElement(By.id("export")).getDomProperty("href");
		assertThat(export).contains("/api/v1/faqs/export?").contains("audience=plan%3Dpro")
			.contains("category=browser-audience");
		TestHttp.Response csv = admin().get(export.substring(export.indexOf("/api/")));
		assertThat(csv.body()).contains(id + "-pro").contains("plan=pro").hasLineCount(2);
		eri.findElement(By.id("filter-audience")).clear();
		eri.findElement(By.id("filter-audience")).sendKeys("everyone");
		eri.findElement(By.cssSelector("#filters button[type='submit']")).click();
		waitFor(eri, By.cssSelector("#faq-list li.empty"));

		// try a question: candidates by their question, the answering one marked
		eri.findElement(By.id("tab-try")).click();
		eri.findElement(By.id("try-text")).sendKeys("How do I polish the " + word + "?");
		new Select(eri.findElement(By.id("try-locale"))).selectByValue("en");
		eri.findElement(By.cssSelector("#try-form button[type='submit']")).click();
		WebElement candidate = waitFor(eri, By.cssSelector("#try-result .candidates li[data-faq-id='" + id + "']"));
		assertThat(candidate.findElement(By.cssSelector("button.link")).getText()).isEqualTo(question);
		assertThat(candidate.findElement(By.cssSelector(".score")).getText()).matches("\\d\\.\\d\\d");
		assertNoScriptRan(eri);
		Chromium.screenshot(eri, "faq-try-candidates.png");

		// delete, after a confirmation: gone from the API and the list
		candidate.findElement(By.cssSelector("button.link")).click();
		waitFor(eri, By.cssSelector("#editor-box[data-faq-id='" + id + "']"));
		eri.findElement(By.id("delete")).click();
		Chromium.confirm(eri);
		waiting(eri).until((d) -> d.findElement(By.id("editor-box")).getDomAttribute("hidden") != null);
		assertThat(eri.findElement(By.id("list-message")).getText()).startsWith("Deleted: How do I polish the")
			.endsWith(XSS);
		assertThat(admin().get("/api/v1/faqs/" + id).status()).isEqualTo(404);
	}

	// --- helpers -----------------------------------------------------------------------------------

	private static String count(ChromeDriver driver, String key) {
		return driver.findElement(By.cssSelector("#import-counts [data-count='" + key + "'] dd")).getText();
	}

	private static SearchContext widget(ChromeDriver driver) {
		return driver.findElement(By.cssSelector("[data-kotae=root]")).getShadowRoot();
	}

	private static WebElement hook(ChromeDriver driver, String name) {
		return widget(driver).findElement(By.cssSelector("[data-kotae='" + name + "']"));
	}

	private static void click(ChromeDriver driver, String name) {
		waiting(driver).until((d) -> {
			WebElement element = hook(driver, name);
			return element.isDisplayed() && element.isEnabled();
		});
		hook(driver, name).click();
	}

	private List<String> hits(String query) {
		List<String> ids = new ArrayList<>();
		new TestHttp(this.port).get("/api/v1/search?locale=en&q=" + URLEncoder.encode(query, StandardCharsets.UTF_8))
			.json()
			.get("hits")
			.forEach((hit) -> ids.add(hit.get("id").asString()));
		return ids;
	}

	private TestHttp admin() {
		return new TestHttp(this.port).asAdmin();
	}

}
