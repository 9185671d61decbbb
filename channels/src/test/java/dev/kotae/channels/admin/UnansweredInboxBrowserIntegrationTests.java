package dev.kotae.channels.admin;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.kotae.Chromium;
import dev.kotae.TestHttp;
import dev.kotae.TestHttp.Response;
import dev.kotae.bot.unanswered.UnansweredQuestions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static dev.kotae.Chromium.assertNoScriptRan;
import static dev.kotae.Chromium.waitFor;
import static dev.kotae.Chromium.waiting;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The unanswered inbox in real headless Chromium against the real app (demo knowledge base,
 * search-only answers): questions the demo FAQs do not cover are asked through the chat API, one with
 * an XSS payload; the editor adds a cluster's questions to an existing FAQ, turns another into a draft
 * FAQ (and opens it on the FAQ page), and dismisses a third; a recompute that another node will do
 * is announced in Japanese and English. Skipped when {@code /usr/bin/chromedriver} is not installed.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { WorkspaceBrowserApp.DATABASE,
		WorkspaceBrowserApp.ADMIN, WorkspaceBrowserApp.NLU_OFF, WorkspaceBrowserApp.NO_RATE_LIMIT,
		WorkspaceBrowserApp.EDITOR_NAME, WorkspaceBrowserApp.EDITOR_PASSWORD, WorkspaceBrowserApp.EDITOR_ROLES,
		WorkspaceBrowserApp.QUIET_SELENIUM })
class UnansweredInboxBrowserIntegrationTests {

	private static final String XSS = "<img src=x onerror=alert(1)> can I pay with bitcoin at the office cafeteria?";

	private static final List<String> DARK_MODE = List.of("Is there a dark mode?", "How do I turn on dark mode",
			"Does the app support dark mode?", "Enable dark mode", "is there a DARK mode");

	private static final List<String> PARKING = List.of("Is there parking at your office?",
			"Where do I park at the office", "Free parking near the office?");

	private static final String TARGET = "en-account-profile";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@RegisterExtension
	static final Chromium chromium = new Chromium();

	@Test
	void anEditorTurnsOneClusterIntoADraftFaqAndAddsAnotherToAnExistingFaq() {
		ask(DARK_MODE);
		ask(PARKING);
		ask(List.of(XSS));

		ChromeDriver eri = chromium.browser("en");
		chromium.login(eri, "/admin/unanswered?lang=en", WorkspaceBrowserApp.EDITOR, WorkspaceBrowserApp.PASSWORD);
		WebElement dark = cluster(eri, DARK_MODE.get(0));
		WebElement parking = cluster(eri, PARKING.get(0));
		assertThat(eri.findElement(By.cssSelector("h1")).getText()).contains("Unanswered questions");

		WebElement xss = cluster(eri, XSS);

		// size, samples, trend and suggestion; a user's markup is text
		assertThat(dark.findElement(By.cssSelector(".size")).getDomAttribute("data-size")).isEqualTo("5");
		assertThat(dark.findElements(By.cssSelector(".samples li"))).hasSize(4);
		assertThat(dark.findElement(By.cssSelector(".trend")).getDomAttribute("data-last-seven-days")).isEqualTo("5");
		assertThat(xss.findElement(By.cssSelector(".label")).getText()).isEqualTo(XSS);
		assertThat(parking.findElement(By.cssSelector(".size")).getText()).contains("3");
		assertNoScriptRan(eri);
		Chromium.screenshot(eri, "unanswered-inbox.png");

		// another cluster's questions go to an FAQ the editor searches for
		WebElement search = parking.findElement(By.cssSelector(".faq-search"));
		search.sendKeys("profile");
		waiting(eri).until((d) -> !parking.findElements(By.cssSelector(".faq-pick option[value='" + TARGET + "']"))
			.isEmpty());
		new Select(parking.findElement(By.cssSelector(".faq-pick"))).selectByValue(TARGET);
		JsonNode before = admin().get("/api/v1/faqs/" + TARGET).json();
		parking.findElement(By.cssSelector(".add-to-faq")).click();
		waitFor(eri, By.cssSelector(".cluster[data-state='added'] .open-faq[data-faq-id='" + TARGET + "']"));
		JsonNode after = admin().get("/api/v1/faqs/" + TARGET).json();
		assertThat(texts(after.get("alternativeQuestions"))).containsAll(texts(before.get("alternativeQuestions")))
			.containsAll(PARKING);

		// a cluster becomes a draft FAQ, which the FAQ page opens
		List<String> samples = xss.findElements(By.cssSelector(".samples li")).stream().map(WebElement::getText).toList();
		xss.findElement(By.cssSelector(".create-draft")).click();
		WebElement open = waitFor(eri, By.cssSelector(".cluster[data-state='drafted'] .open-faq"));
		String draftId = open.getDomAttribute("data-faq-id");
		JsonNode draft = admin().get("/api/v1/faqs/" + draftId).json();
		assertThat(draft.get("status").asString()).isEqualTo("draft");
		assertThat(draft.get("author").asString()).isEqualTo(WorkspaceBrowserApp.EDITOR);
		List<String> drafted = new ArrayList<>(texts(draft.get("alternativeQuestions")));
		drafted.add(draft.get("question").asString());
		assertThat(drafted).containsExactlyInAnyOrderElementsOf(samples).contains(XSS);
		open.click();
		waitFor(eri, By.cssSelector("#editor-box[data-faq-id='" + draftId + "']"));
		assertThat(eri.getCurrentUrl()).contains("/admin?faq=" + draftId).contains("lang=en");
		assertThat(eri.findElement(By.id("f-alts")).getDomProperty("value") + "\n"
				+ eri.findElement(By.id("f-question")).getDomProperty("value")).contains(XSS);
		assertThat(eri.findElement(By.id("editor-title")).getText()).isEqualTo(draft.get("question").asString());
		assertNoScriptRan(eri);

		// the rest of the inbox: a cluster is dismissed after a confirmation
		eri.get(chromium.base() + "/admin/unanswered?lang=en");
		WebElement again = cluster(eri, DARK_MODE.get(0));
		again.findElement(By.cssSelector(".dismiss")).click();
		Chromium.confirm(eri);
		waitFor(eri, By.cssSelector(".cluster[data-state='dismissed']"));

		// both clusters are handled: the inbox no longer shows them
		eri.get(chromium.base() + "/admin/unanswered?lang=en");
		waitFor(eri, By.cssSelector("#clusters[data-loaded]"));
		assertThat(eri.findElements(By.cssSelector("#clusters .samples li"))).extracting(WebElement::getText)
			.doesNotContain(DARK_MODE.get(0), PARKING.get(0), XSS);
		List<String> audited = new ArrayList<>();
		admin().get("/api/v1/audit?targetType=unanswered-cluster").json()
			.forEach((entry) -> audited.add(entry.get("action").asString() + " by " + entry.get("actor").asString()));
		assertThat(audited).contains("unanswered.add-to-faq by eri", "unanswered.create-draft by eri",
				"unanswered.dismiss by eri");
	}

	@Test
	void aRecomputeThatAnotherNodeWillDoIsAnnounced() {
		// another node holds the clustering lease: a recompute here is only requested (202)
		this.jdbc.sql("DELETE FROM cluster_lease WHERE name = ?").param(UnansweredQuestions.LEASE).update();
		this.jdbc.sql("INSERT INTO cluster_lease (name, holder, expires_at) VALUES (?, 'another-node', ?)")
			.params(UnansweredQuestions.LEASE, OffsetDateTime.now(ZoneOffset.UTC).plusHours(1))
			.update();
		try {
			for (String language : List.of("ja", "en")) {
				ChromeDriver eri = chromium.browser(language);
				chromium.login(eri, "/admin/unanswered?lang=" + language, WorkspaceBrowserApp.EDITOR,
						WorkspaceBrowserApp.PASSWORD);
				waitFor(eri, By.cssSelector("#clusters[data-loaded]"));
				eri.findElement(By.id("rebuild")).click();
				WebElement message = waitFor(eri, By.cssSelector("#message[data-state='pending']"));
				assertThat(message.getText())
					.contains(language.equals("ja") ? "再計算を依頼しました" : "Recompute requested");
				assertNoScriptRan(eri);
			}
		}
		finally {
			this.jdbc.sql("DELETE FROM cluster_lease WHERE name = ? AND holder = 'another-node'")
				.param(UnansweredQuestions.LEASE)
				.update();
		}
	}

	/** The inbox's cluster that shows this sample question. */
	private static WebElement cluster(ChromeDriver driver, String sample) {
		return waiting(driver).until((d) -> d.findElements(By.cssSelector("#clusters .cluster"))
			.stream()
			.filter((c) -> c.findElements(By.cssSelector(".samples li")).stream().anyMatch((li) -> sample.equals(li.getText())))
			.findFirst()
			.orElse(null));
	}

	/** Asks each question in a conversation of its own, as the widget does. */
	private void ask(List<String> questions) {
		for (String question : questions) {
			Response started = new TestHttp(this.port).postJson("/api/v1/conversations",
					"{\"siteKey\":\"demo\",\"locale\":\"en\"}");
			assertThat(started.status()).isEqualTo(201);
			String id = started.json().get("id").asString();
			Response posted = new TestHttp(this.port).bearer(started.json().get("token").asString())
				.postJson("/api/v1/conversations/" + id + "/messages", "{\"clientMessageId\":\"" + UUID.randomUUID()
						+ "\",\"text\":" + TestHttp.quote(question) + "}");
			assertThat(posted.status()).isEqualTo(201);
			assertThat(posted.json().get("reply").get("kind").asString()).as("the demo bot's reply to %s", question)
				.isIn("choices", "escalate");
		}
	}

	private static List<String> texts(JsonNode array) {
		List<String> texts = new ArrayList<>();
		array.forEach((node) -> texts.add(node.asString()));
		return texts;
	}

	private TestHttp admin() {
		return new TestHttp(this.port).asAdmin();
	}

}
