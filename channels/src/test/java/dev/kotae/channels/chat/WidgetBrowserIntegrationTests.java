package dev.kotae.channels.chat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.kotae.Chromium;
import dev.kotae.TestHttp;
import dev.kotae.TestHttp.Response;
import dev.kotae.bot.nlu.IntentModel;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.kotae.Chromium.assertNoAlert;
import static dev.kotae.Chromium.assertNoScriptRan;
import static dev.kotae.Chromium.waiting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * The chat widget on the demo page in a real browser (the installed Chromium, headless, through
 * {@code /usr/bin/chromedriver}) against the real app with a trained intent model: greeting, a typed
 * question answered with rendered Markdown, feedback, a picked FAQ, HTML typed by a user shown as
 * text, the transcript kept over a reload, a phone-width screen and keyboard use. Skipped where
 * ChromeDriver is not installed.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:widget-e2e;DB_CLOSE_DELAY=-1",
				"kotae.security.admin-password=" + TestHttp.ADMIN_PASSWORD, "kotae.nlu.enabled=true",
				"kotae.nlu.sentence-embeddings=false", "kotae.nlu.retrain-delay=100ms",
				// Selenium warns that it has no DevTools bindings for this Chromium: the test needs none
				"logging.level.org.openqa.selenium=error" })
class WidgetBrowserIntegrationTests {

	private static final String SCRIPT = "<img src=x onerror=alert(1)>";

	/** Demo FAQs asked with their own question, and a piece of their answer as the widget shows it. */
	private static final List<Question> QUESTIONS = List.of(
			new Question("パスワードを忘れた場合はどうすればよいですか？", "ja-account-password-reset", "リンクの有効期限は30分なので"),
			new Question("二段階認証（2FA）を設定するにはどうすればよいですか？", "ja-account-two-factor", "6桁の認証コードの入力が必要"));

	@TempDir
	static Path models;

	@LocalServerPort
	int port;

	@Autowired
	IntentModel model;

	@RegisterExtension
	static final Chromium chromium = new Chromium();

	private WebDriver driver;

	private WebDriverWait wait;

	@DynamicPropertySource
	static void modelDir(DynamicPropertyRegistry registry) {
		registry.add("kotae.nlu.model-dir", () -> models.toString());
	}

	@BeforeEach
	void modelTrained() {
		await().alias("intent model trained on the demo knowledge base")
			.atMost(Duration.ofMinutes(2))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> this.model.status().upToDate() && this.model.classifier().isPresent());
	}

	@Test
	void aVisitorAsksPicksVotesAndKeepsTheTranscriptOverAReload() {
		Question question = answeredDirectly();
		browser(1280, 900, false);
		this.driver.get(chromium.base() + "/");

		click("launcher");
		this.wait.until((d) -> hook("panel").isDisplayed());
		WebElement greeting = this.wait.until((d) -> message("[data-kind=greeting]"));
		List<WebElement> popular = greeting.findElements(By.cssSelector("[data-kotae=choice]"));
		assertThat(popular).isNotEmpty();
		assertThat(popular).allSatisfy((choice) -> assertThat(choice.getText()).isNotBlank());

		// a typed question, answered with the FAQ's Markdown rendered as elements
		hook("input").sendKeys(question.text());
		click("send");
		WebElement answer = this.wait
			.until((d) -> message("[data-sender=bot][data-kind=answer][data-faq-id='" + question.faqId() + "']"));
		String answerText = bubbleText(answer);
		assertThat(answerText).contains(question.answerPiece()).doesNotContain("**");
		assertThat(answer.findElements(By.cssSelector(".kotae-bubble strong"))).isNotEmpty();
		assertThat(messages("[data-sender=user]")).extracting(WidgetBrowserIntegrationTests::bubbleText)
			.containsExactly(question.text());

		// not helpful: the vote is shown as pressed
		WebElement no = answer.findElement(By.cssSelector("[data-kotae=helpful-no]"));
		no.click();
		this.wait.until((d) -> "true".equals(no.getDomAttribute("aria-pressed")));
		assertThat(answer.findElement(By.cssSelector("[data-kotae=helpful-yes]")).getDomAttribute("aria-pressed"))
			.isEqualTo("false");

		// a popular FAQ from the greeting: its question as the user's message, then its answer
		WebElement pick = popular.get(0);
		String pickedFaq = pick.getDomAttribute("data-faq-id");
		String pickedQuestion = pick.getText();
		int answersBefore = messages("[data-kind=answer][data-faq-id='" + pickedFaq + "']").size();
		pick.click();
		this.wait.until((d) -> messages("[data-kind=answer][data-faq-id='" + pickedFaq + "']").size() > answersBefore);
		assertThat(messages("[data-sender=user][data-kind=choice]")).extracting(WidgetBrowserIntegrationTests::bubbleText)
			.containsExactly(pickedQuestion);

		// HTML a user types is text: no element, no script
		hook("input").sendKeys(SCRIPT);
		click("send");
		this.wait.until((d) -> messages("[data-sender=user][data-kind=text]").stream()
			.anyMatch((m) -> SCRIPT.equals(bubbleText(m)) && m.getDomAttribute("data-id") != null));
		awaitIdle();
		assertThat(widget().findElements(By.cssSelector("img"))).isEmpty();
		assertNoScriptRan(this.driver);

		// a reload brings the same transcript back, in the open panel, with the vote
		List<String> before = transcript();
		assertThat(before).hasSizeGreaterThanOrEqualTo(6);
		String answerId = answer.getDomAttribute("data-id");
		this.driver.navigate().refresh();
		this.wait.until((d) -> transcript().equals(before));
		assertThat(hook("panel").isDisplayed()).isTrue();
		WebElement restored = message("[data-id='" + answerId + "']");
		assertThat(restored.findElement(By.cssSelector("[data-kotae=helpful-no]")).getDomAttribute("aria-pressed"))
			.isEqualTo("true");
		assertThat(messages("[data-sender=user]")).extracting(WidgetBrowserIntegrationTests::bubbleText)
			.contains(question.text(), pickedQuestion, SCRIPT);
		assertThat(widget().findElements(By.cssSelector("img"))).isEmpty();
		assertNoAlert(this.driver);
	}

	@Test
	void onAPhoneThePanelFillsTheScreenWithoutSidewaysScrolling() {
		browser(360, 740, true);
		this.driver.get(chromium.base() + "/");
		assertThat(((JavascriptExecutor) this.driver).executeScript("return window.innerWidth")).isEqualTo(360L);

		click("launcher");
		WebElement panel = hook("panel");
		this.wait.until((d) -> panel.isDisplayed());
		this.wait.until((d) -> message("[data-kind=greeting]"));
		assertThat(((JavascriptExecutor) this.driver).executeScript("return document.documentElement.scrollWidth"))
			.asInstanceOf(InstanceOfAssertFactories.LONG)
			.isLessThanOrEqualTo(360L);
		Rectangle box = panel.getRect();
		assertThat(box.getX()).isZero();
		assertThat(box.getWidth()).isEqualTo(360);
		for (String name : List.of("input", "send", "human", "end")) {
			Rectangle rect = hook(name).getRect();
			assertThat(rect.getX()).as(name).isGreaterThanOrEqualTo(0);
			assertThat(rect.getX() + rect.getWidth()).as(name).isLessThanOrEqualTo(360);
		}

		hook("input").sendKeys(QUESTIONS.get(0).text());
		click("send");
		WebElement reply = this.wait.until((d) -> message("[data-sender=bot]:not([data-kind=greeting])"));
		assertThat(bubbleText(reply)).isNotBlank();
		assertThat(((JavascriptExecutor) this.driver).executeScript("return document.documentElement.scrollWidth"))
			.asInstanceOf(InstanceOfAssertFactories.LONG)
			.isLessThanOrEqualTo(360L);

		// ending the chat: stars, the NPS question (the demo site asks it), thanks
		click("end");
		click("rating-star-4");
		click("rating-nps-9");
		click("rating-submit");
		this.wait.until((d) -> hook("rating-thanks").isDisplayed());
	}

	@Test
	void theKeyboardOpensSendsAndCloses() {
		browser(1280, 900, false);
		this.driver.get(chromium.base() + "/");
		this.wait.until((d) -> hook("launcher").isDisplayed());

		Actions keys = new Actions(this.driver);
		for (int i = 0; i < 40 && !"launcher".equals(focused()); i++) {
			keys.sendKeys(Keys.TAB).perform();
		}
		assertThat(focused()).isEqualTo("launcher");

		keys.sendKeys(Keys.ENTER).perform();
		this.wait.until((d) -> hook("panel").isDisplayed());
		this.wait.until((d) -> "input".equals(focused()));
		this.wait.until((d) -> message("[data-kind=greeting]"));

		String text = QUESTIONS.get(1).text();
		keys.sendKeys(text).perform();
		keys.keyDown(Keys.SHIFT).sendKeys(Keys.ENTER).keyUp(Keys.SHIFT).perform();
		assertThat(hook("input").getDomProperty("value")).isEqualTo(text + "\n");
		keys.sendKeys("よろしくお願いします").sendKeys(Keys.ENTER).perform();
		WebElement sent = this.wait.until((d) -> message("[data-sender=user][data-id]"));
		assertThat(bubbleText(sent)).isEqualTo(text + "\nよろしくお願いします");
		assertThat(hook("input").getDomProperty("value")).isEmpty();
		this.wait.until((d) -> message("[data-sender=bot]:not([data-kind=greeting])"));

		keys.sendKeys(Keys.ESCAPE).perform();
		this.wait.until((d) -> !hook("panel").isDisplayed());
		assertThat(focused()).isEqualTo("launcher");
		assertThat(hook("launcher").getDomAttribute("aria-expanded")).isEqualTo("false");
	}

	/** The first of {@link #QUESTIONS} that the bot answers directly, checked through the answer API. */
	private Question answeredDirectly() {
		TestHttp http = new TestHttp(this.port);
		for (Question question : QUESTIONS) {
			Response response = http.postJson("/api/v1/answer",
					"{\"text\": " + TestHttp.quote(question.text()) + ", \"locale\": \"ja\"}");
			assertThat(response.status()).isEqualTo(200);
			JsonNode answer = response.json();
			if ("answer".equals(answer.get("decision").asString())
					&& question.faqId().equals(answer.get("faq").get("id").asString())) {
				return question;
			}
		}
		return fail("the bot answers none of " + QUESTIONS + " directly");
	}

	private void browser(int width, int height, boolean phone) {
		this.driver = phone ? chromium.phone(width, height) : chromium.browser(width, height);
		this.wait = waiting(this.driver);
	}

	/** The widget's open shadow root. */
	private SearchContext widget() {
		return this.driver.findElement(By.cssSelector("[data-kotae=root]")).getShadowRoot();
	}

	private WebElement hook(String name) {
		return widget().findElement(By.cssSelector("[data-kotae='" + name + "']"));
	}

	private void click(String name) {
		this.wait.until((d) -> {
			WebElement element = hook(name);
			return element.isDisplayed() && element.isEnabled();
		});
		hook(name).click();
	}

	private List<WebElement> messages(String filter) {
		return widget().findElements(By.cssSelector("[data-kotae=message]" + filter));
	}

	/** The last message that matches, or null (for waits). */
	private WebElement message(String filter) {
		List<WebElement> found = messages(filter);
		return found.isEmpty() ? null : found.get(found.size() - 1);
	}

	private static String bubbleText(WebElement message) {
		List<WebElement> bubble = message.findElements(By.cssSelector(".kotae-bubble"));
		return bubble.isEmpty() ? "" : bubble.get(0).getDomProperty("textContent");
	}

	/** Every rendered message as id, sender, kind and text, in the order shown. */
	private List<String> transcript() {
		return messages("").stream()
			.map((m) -> m.getDomAttribute("data-id") + " " + m.getDomAttribute("data-sender") + " "
					+ m.getDomAttribute("data-kind") + " " + bubbleText(m))
			.toList();
	}

	/** Nothing in flight: no message waits for its confirmation and the typing indicator is gone. */
	private void awaitIdle() {
		this.wait.until((d) -> messages("[data-pending]").isEmpty() && !hook("typing").isDisplayed());
	}

	/** The {@code data-kotae} hook of the element that has the keyboard focus inside the widget. */
	private String focused() {
		return (String) ((JavascriptExecutor) this.driver).executeScript("const host = document.activeElement;"
				+ "const inner = host && host.shadowRoot ? host.shadowRoot.activeElement : null;"
				+ "return inner ? inner.getAttribute('data-kotae') : null;");
	}

	record Question(String text, String faqId, String answerPiece) {
	}

}
