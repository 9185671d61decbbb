package dev.kotae.channels.operator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.kotae.Chromium;
import dev.kotae.MutableClock;
import dev.kotae.TestHttp;
import dev.kotae.TestHttp.Response;
import dev.kotae.bot.handoff.Handoff;
import dev.kotae.bot.handoff.Handoffs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ClassPathResource;

import static dev.kotae.Chromium.screenshot;
import static dev.kotae.Chromium.waitFor;
import static dev.kotae.Chromium.waiting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The operator console in real headless Chromium against the real app: a hand-off appears live, the
 * agent claims it, reads the bot's attempts, replies (the user receives it), sees the user's next
 * message live, a second agent is told the conversation is taken, and it goes back to the bot. With
 * the chat widget on the classpath, the agent's reply also reaches the real widget in a second browser.
 * Skipped when {@code /usr/bin/chromedriver} is not installed.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:operator-console;DB_CLOSE_DELAY=-1",
				"kotae.security.admin-password=" + TestHttp.ADMIN_PASSWORD, "kotae.nlu.enabled=false",
				"kotae.web.rate-limit.enabled=false", "kotae.security.users[0].name=sato",
				"kotae.security.users[0].password=sato-secret", "kotae.security.users[0].roles=agent",
				"kotae.security.users[1].name=suzuki", "kotae.security.users[1].password=suzuki-secret",
				"kotae.security.users[1].roles=agent" })
@Import(MutableClock.Config.class)
class OperatorConsoleBrowserIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(15);

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	@Autowired
	Handoffs handoffs;

	@RegisterExtension
	static final Chromium chromium = new Chromium(WAIT);

	@BeforeEach
	void businessHours() {
		this.clock.set(MutableClock.Config.TUESDAY_10_TOKYO);
	}

	@Test
	void anAgentSeesAHandoffLiveClaimsItRepliesAndReturnsItToTheBot() {
		ChromeDriver sato = console("sato", "ja");
		assertThat(sato.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("ja");

		// the user asks the bot something, then asks for a person: the open console shows it without a reload
		User user = start("ja");
		user.post(text("アカウントを新規登録するにはどうすればよいですか？"));
		JsonNode escalate = user.post("{\"clientMessageId\":\"h\",\"action\":\"request_human\"}").get("reply");
		assertThat(escalate.get("kind").asString()).isEqualTo("escalate");
		// (the row is re-rendered when it changes, so each check finds it afresh)
		waiting(sato, WAIT).until((d) -> {
			WebElement row = d.findElement(By.cssSelector(row(user.id)));
			String text = row.getText();
			return text.contains("お客さまの依頼") && text.contains("web") && text.contains("ja")
					&& row.findElement(By.cssSelector("[data-wait]")).getText().matches("\\d\\d:\\d\\d")
					&& !row.findElement(By.cssSelector("[data-sla]")).isDisplayed();
		});

		// past the SLA the row is flagged, live too
		this.clock.advance(Duration.ofSeconds(61));
		assertThat(this.handoffs.checkSla()).extracting(Handoff::conversationId).contains(user.id);
		waiting(sato, WAIT).until((d) -> d.findElement(By.cssSelector(row(user.id) + " [data-sla]")).isDisplayed());
		assertThat(fresh(() -> sato.findElement(By.cssSelector(row(user.id) + " [data-wait]")).getText()))
			.matches("01:0\\d");

		// a second agent opened the console before sato claimed and got no live updates since (a stale view)
		ChromeDriver suzuki = chromium.browser("en");
		suzuki.executeCdpCommand("Network.enable", Map.of());
		suzuki.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*/api/v1/handoffs/events*")));
		login(suzuki, "suzuki");
		WebElement staleClaim = waitFor(suzuki, By.cssSelector(row(user.id) + " .claim"), WAIT);
		assertThat(staleClaim.getText()).isEqualTo("Claim");
		waitFor(suzuki, By.cssSelector("#connection[data-state='reconnecting']"), WAIT);

		// sato claims and reads the whole conversation, the bot's attempts included
		fresh(() -> {
			sato.findElement(By.cssSelector(row(user.id) + " .claim")).click();
			return null;
		});
		waitFor(sato, By.cssSelector("#detail-status[data-status='active']"), WAIT);
		assertThat(sato.findElement(By.id("detail-status")).getText()).contains("sato");
		waitFor(sato, By.cssSelector("#transcript [data-sender='user'][data-kind='human_request']"), WAIT);
		List<String> userTexts = texts(sato, "#transcript [data-sender='user'] .msg-text");
		assertThat(userTexts).contains("アカウントを新規登録するにはどうすればよいですか？");
		assertThat(sato.findElement(By.cssSelector("#transcript [data-kind='escalate'] [data-decision]")).getText())
			.matches("escalate( \\d\\.\\d\\d)?: requested_human");
		assertThat(texts(sato, "#transcript [data-sender='bot'] [data-decision]"))
			.anyMatch((d) -> d.matches("(answer|choices) \\d\\.\\d\\d.*"));
		assertThat(texts(sato, "#transcript [data-sender='system'] .msg-text")).anyMatch((n) -> n.contains("sato"));
		assertThat(fresh(() -> sato.findElement(By.cssSelector(row(user.id))).getText())).contains("sato");

		// agent assist: a suggested FAQ or a canned response goes into the reply box, not out
		WebElement reply = sato.findElement(By.id("reply"));
		List<WebElement> suggestions = sato.findElements(By.cssSelector("#suggestions button"));
		assertThat(suggestions).isNotEmpty();
		suggestions.get(0).click();
		assertThat(reply.getDomProperty("value")).isEqualTo(suggestions.get(0).getDomAttribute("title"));
		reply.clear();

		// Enter sends; the user receives the reply through the chat API
		reply.sendKeys("担当の佐藤です。");
		reply.sendKeys(Keys.chord(Keys.SHIFT, Keys.ENTER));
		reply.sendKeys("ご用件を確認します。", Keys.ENTER);
		String sent = "担当の佐藤です。\nご用件を確認します。";
		waitFor(sato, By.cssSelector("#transcript [data-sender='agent']"), WAIT);
		assertThat(texts(sato, "#transcript [data-sender='agent'] .msg-text")).containsExactly(sent);
		assertThat(reply.getDomProperty("value")).isEmpty();
		assertThat(user.transcript()).anyMatch(
				(m) -> m.get("sender").asString().equals("agent") && m.get("text").asString().equals(sent));

		// the user's next message appears live, as text, never as markup
		String next = "請求書が見つかりません <img src=x onerror=alert(1)>";
		user.post(text(next));
		waiting(sato, WAIT).until((d) -> texts(d, "#transcript [data-sender='user'] .msg-text").contains(next));
		assertThat(sato.findElements(By.cssSelector("#transcript img"))).isEmpty();
		screenshot(sato, "operator-console-1280.png");

		// the stale console's claim is refused and says who has it
		staleClaim.click();
		WebElement alert = waitFor(suzuki, By.cssSelector("#alert:not([hidden])"), WAIT);
		assertThat(alert.getText()).contains("sato").contains("already");
		waiting(suzuki, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(row(user.id)), "sato"));
		// once the stream is back, that console is live again
		suzuki.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));
		waitFor(suzuki, By.cssSelector("#connection[data-state='live']"), WAIT);

		// back to the bot: the hand-off ends and leaves the queue
		sato.findElement(By.id("return")).click();
		waitFor(sato, By.cssSelector("#detail-status[data-status='returned']"), WAIT);
		waiting(sato, WAIT).until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(row(user.id)), 0));
		waiting(suzuki, WAIT).until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(row(user.id)), 0));
		assertThat(sato.findElement(By.id("reply")).isEnabled()).isFalse();
		assertThat(agent("sato").get("/api/v1/handoffs/" + user.id).json().get("handoff").get("status").asString())
			.isEqualTo("returned");
		JsonNode botAgain = user.post(text("TaskHarborのアカウントを新規登録するにはどうすればよいですか？")).get("reply");
		assertThat(botAgain.get("sender").asString()).isEqualTo("bot");
		assertThat(botAgain.get("kind").asString()).isNotIn("queued", "escalate");

		// at 800 px the queue sits above the conversation
		sato.manage().window().setSize(new Dimension(800, 900));
		screenshot(sato, "operator-console-800.png");
	}

	@Test
	void theAgentsReplyReachesTheRealChatWidget() {
		assumeTrue(new ClassPathResource("static/widget.js").exists(), "the chat widget is not there yet");
		ChromeDriver sato = console("sato", "en");

		ChromeDriver customer = chromium.browser("ja");
		customer.get(chromium.base() + "/");
		SearchContext widget = widget(customer);
		widget.findElement(By.cssSelector("[data-kotae='launcher']")).click();
		waiting(customer, WAIT).until((d) -> widget.findElement(By.cssSelector("[data-kotae='human']")).isDisplayed());
		widget.findElement(By.cssSelector("[data-kotae='human']")).click();
		String conversationId = waiting(customer, WAIT).until((d) -> (String) ((JavascriptExecutor) d)
			.executeScript("var s = JSON.parse(sessionStorage.getItem('kotae:demo') || 'null'); return s && s.id;"));

		WebElement claim = waitFor(sato, By.cssSelector(row(conversationId) + " .claim"), WAIT);
		claim.click();
		waitFor(sato, By.cssSelector("#detail-status[data-status='active']"), WAIT);
		WebElement reply = sato.findElement(By.id("reply"));
		reply.sendKeys("Hello, this is Sato from support.", Keys.ENTER);

		WebElement answer = waiting(customer, WAIT).until((d) -> widget
			.findElements(By.cssSelector("[data-kotae='message'][data-sender='agent']"))
			.stream()
			.filter((m) -> m.getText().contains("Hello, this is Sato from support."))
			.findFirst()
			.orElse(null));
		assertThat(answer.isDisplayed()).isTrue();

		new Select(sato.findElement(By.id("close-reason"))).selectByValue("solved");
		sato.findElement(By.id("close")).click();
		waitFor(sato, By.cssSelector("#detail-status[data-status='closed']"), WAIT);
		JsonNode handoff = agent("sato").get("/api/v1/handoffs/" + conversationId).json().get("handoff");
		assertThat(handoff.get("status").asString()).isEqualTo("closed");
		assertThat(handoff.get("closeReason").asString()).isEqualTo("solved");
	}

	// --- browsers ----------------------------------------------------------------------------------

	/** A browser with the console open and its live stream connected. */
	private ChromeDriver console(String agent, String language) {
		ChromeDriver driver = chromium.browser(language);
		login(driver, agent);
		waitFor(driver, By.cssSelector("#connection[data-state='live']"), WAIT);
		return driver;
	}

	/** The login form the way a person fills it: the session cookie then carries the page's calls. */
	private void login(ChromeDriver driver, String agent) {
		chromium.login(driver, "/operator", agent, agent + "-secret");
		waitFor(driver, By.cssSelector("#queue"), WAIT);
	}

	/** The widget on the demo page; embedded the way a customer's site does if the page does not have it. */
	private SearchContext widget(ChromeDriver customer) {
		customer.executeScript("""
				if (!document.querySelector('script[src$="widget.js"]')) {
				  var s = document.createElement('script');
				  s.src = '/widget.js';
				  s.setAttribute('data-kotae-site', 'demo');
				  document.body.appendChild(s);
				}""");
		WebElement host = waitFor(customer, By.cssSelector("[data-kotae='root']"), WAIT);
		return host.getShadowRoot();
	}

	/** Reads the page again when the element was re-rendered between finding and using it. */
	private static <T> T fresh(java.util.function.Supplier<T> read) {
		for (int attempt = 1;; attempt++) {
			try {
				return read.get();
			}
			catch (StaleElementReferenceException ex) {
				if (attempt == 5) {
					throw ex;
				}
			}
		}
	}

	private static List<String> texts(WebDriver driver, String css) {
		// a list re-rendered meanwhile is read again by the caller's wait (stale elements are ignored there)
		return driver.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
	}

	private static String row(String conversationId) {
		return "#queue li[data-conversation-id='" + conversationId + "']";
	}

	// --- the end user and agents over HTTP ----------------------------------------------------------

	private TestHttp agent(String name) {
		return new TestHttp(this.port).as(name, name + "-secret");
	}

	private static String text(String text) {
		return "{\"clientMessageId\":\"" + UUID.randomUUID() + "\",\"text\":" + TestHttp.quote(text) + "}";
	}

	private User start(String locale) {
		JsonNode json = new TestHttp(this.port)
			.postJson("/api/v1/conversations", "{\"siteKey\":\"demo\",\"locale\":\"" + locale + "\"}")
			.json();
		return new User(json.get("id").asString(), new TestHttp(this.port).bearer(json.get("token").asString()));
	}

	private record User(String id, TestHttp http) {

		JsonNode post(String body) {
			Response response = this.http.postJson("/api/v1/conversations/" + this.id + "/messages", body);
			assertThat(response.status()).as(response.body()).isIn(200, 201);
			return response.json();
		}

		List<JsonNode> transcript() {
			List<JsonNode> list = new ArrayList<>();
			this.http.get("/api/v1/conversations/" + this.id + "/messages").json().get("messages").forEach(list::add);
			return list;
		}

	}

}
