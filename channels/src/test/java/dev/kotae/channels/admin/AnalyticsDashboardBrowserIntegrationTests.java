package dev.kotae.channels.admin;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import dev.kotae.Chromium;
import dev.kotae.MutableClock;
import dev.kotae.TestHttp;
import dev.kotae.kb.faq.FaqDraft;
import dev.kotae.kb.faq.FaqService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

import static dev.kotae.Chromium.screenshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The analytics dashboard in real headless Chromium against the real app: five conversations written
 * into the tables from 20 to 24 November 2026 (Tokyo), then an agent opens /admin/analytics and reads
 * them as SVG bars, a 7 × 24 heat map, escalation reasons, cards and lists; a channel filter changes
 * them; an FAQ question and a user question that look like HTML stay text. Skipped when
 * {@code /usr/bin/chromedriver} is not installed.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:analytics-dashboard;DB_CLOSE_DELAY=-1",
				"kotae.security.admin-password=" + TestHttp.ADMIN_PASSWORD, "kotae.nlu.enabled=false",
				"kotae.web.rate-limit.enabled=false", "kotae.security.users[0].name=ken",
				"kotae.security.users[0].password=ken-secret-123", "kotae.security.users[0].roles=agent" })
@Import(MutableClock.Config.class)
class AnalyticsDashboardBrowserIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(15);

	private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

	private static final String FAQ_QUESTION = "<img src=x onerror=\"window.kotaeXss=1\">Where is my <b>invoice</b>?";

	private static final String USER_QUESTION = "<script>window.kotaeXss=2</script>Can I pay by <i>cheque</i>?";

	private static final String RANGE = "from=2026-11-20&to=2026-11-24";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	FaqService faqs;

	@RegisterExtension
	static final Chromium chromium = new Chromium(WAIT);

	/**
	 * Friday 20th: two web conversations answered with the FAQ (voted yes, then no). Sunday 22nd, 15:00:
	 * one on LINE the bot can only offer choices to. Tuesday 24th: at 09:00 a user asks for a person
	 * (answered in 30 s), at 09:30 the bot escalates a question for low confidence (answered in 90 s).
	 */
	@BeforeEach
	void history() {
		if (this.faqs.findByIds(List.of("en-xss-invoice")).isEmpty()) {
			this.faqs.create(new FaqDraft("en-xss-invoice", "en", FAQ_QUESTION, List.of(), "Under Billing.", null,
					List.of(), "published", null), "editor");
		}
		if (this.jdbc.sql("SELECT COUNT(*) FROM conversation WHERE id LIKE 'dash-%'").query(Long.class).single() > 0) {
			return;
		}
		conversation("dash-1", "2026-11-20T10:00", "web").user("text", "Where is my invoice?").bot("answer",
				"en-xss-invoice", null, true);
		conversation("dash-2", "2026-11-20T11:00", "web").user("text", "invoice please").bot("answer", "en-xss-invoice",
				null, false);
		conversation("dash-3", "2026-11-22T15:00", "line").user("text", USER_QUESTION).bot("choices", null, null, null);
		conversation("dash-4", "2026-11-24T09:00", "web").user("human_request", "")
			.bot("escalate", null, "requested_human", null)
			.handoff("requested_human", 30_000);
		conversation("dash-5", "2026-11-24T09:30", "web").user("text", USER_QUESTION)
			.bot("escalate", null, "low_confidence", null)
			.handoff("low_confidence", 90_000);
	}

	@Test
	void anAgentReadsTheChartsFiltersByChannelAndHtmlStaysText() {
		ChromeDriver ken = chromium.browser("ja");
		login(ken, "/admin/analytics?lang=en&" + RANGE, "ken", "ken-secret-123");
		ready(ken, "");
		assertThat(ken.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("en");
		assertThat(ken.getTitle()).isEqualTo("Kotae Analytics");
		// agents may not list sites: a free-text site key instead of a list
		assertThat(ken.findElement(By.id("f-site")).getTagName()).isEqualTo("input");

		// conversations per day: one bar per day, 20th to 24th
		assertThat(values(ken, "#chart-daily rect.bar")).containsExactly("2", "0", "1", "0", "2");
		assertThat(attributes(ken, "#chart-daily rect.bar", "data-date")).containsExactly("2026-11-20", "2026-11-21",
				"2026-11-22", "2026-11-23", "2026-11-24");
		assertThat(ken.findElement(By.cssSelector("#chart-daily svg")).getDomAttribute("role")).isEqualTo("img");
		assertThat(ken.findElement(By.cssSelector("#chart-daily svg title")).getDomProperty("textContent"))
			.isEqualTo("Conversations per day");
		assertThat(ken.findElements(By.cssSelector("#chart-daily .visually-hidden table tbody tr"))).hasSize(5);
		// self-resolution per day, only on days with engaged conversations: 1 of 2 (the other voted the
		// answer not helpful), 1 of 1, 0 of 2
		assertThat(values(ken, "#chart-selfres rect.bar")).containsExactly("0.5", "1", "0");

		// escalation by the reason of the first hand-off: one each of five engaged conversations
		assertThat(attributes(ken, "#chart-reasons g.reason", "data-reason")).containsExactly("low_confidence",
				"requested_human");
		assertThat(attributes(ken, "#chart-reasons rect.bar", "data-rate")).containsExactly("0.2", "0.2");

		// the heat map: 7 × 24 cells, in Tokyo time
		assertThat(ken.findElements(By.cssSelector("#heatmap rect.cell"))).hasSize(7 * 24);
		assertThat(cell(ken, "FRIDAY", 10)).isEqualTo("1");
		assertThat(cell(ken, "FRIDAY", 11)).isEqualTo("1");
		assertThat(cell(ken, "SUNDAY", 15)).isEqualTo("1");
		assertThat(cell(ken, "TUESDAY", 9)).isEqualTo("2");
		assertThat(cell(ken, "TUESDAY", 10)).isEqualTo("0");
		assertThat(values(ken, "#heatmap rect.cell").stream().mapToInt(Integer::parseInt).sum()).isEqualTo(5);
		WebElement busiest = ken.findElement(By.cssSelector(cellSelector("TUESDAY", 9)));
		assertThat(busiest.getDomAttribute("aria-label")).isEqualTo("Tue 9:00: 2 conversations");
		assertThat(busiest.findElement(By.tagName("title")).getDomProperty("textContent"))
			.isEqualTo("Tue 9:00: 2 conversations");

		// headline figures: five engaged, two resolved by the bot; first responses 30 s and 90 s
		assertThat(figure(ken, "total")).isEqualTo("5");
		assertThat(figure(ken, "selfResolutionRate")).isEqualTo("40%");
		assertThat(figure(ken, "unresolved")).isEqualTo("1");
		assertThat(figure(ken, "escalationRate")).isEqualTo("40%");
		assertThat(figure(ken, "p50")).isEqualTo("60 s");
		assertThat(figure(ken, "p90")).isEqualTo("84 s");
		assertThat(figure(ken, "withinSlaRate")).isEqualTo("50%");
		assertThat(figure(ken, "slaBreaches")).isEqualTo("1");
		assertThat(figure(ken, "helpfulRate")).isEqualTo("50%");

		// text from the server stays text: the FAQ question and the user's question
		WebElement topFaq = ken.findElement(By.cssSelector("#top-faqs li[data-faq-id='en-xss-invoice'] .item-text"));
		assertThat(topFaq.getText()).isEqualTo(FAQ_QUESTION);
		JsonNode clusters = new TestHttp(this.port).as("ken", "ken-secret-123")
			.get("/api/v1/analytics/unanswered")
			.json();
		assertThat(clusters.size()).isGreaterThanOrEqualTo(1);
		String label = clusters.get(0).get("label").asString();
		assertThat(clusters.get(0).get("size").asInt()).isEqualTo(2);
		assertThat(ken.findElement(By.cssSelector("#top-unanswered > li .item-text")).getText()).isEqualTo(label);
		assertThat(ken.findElements(By.cssSelector("#analytics img, #analytics script, #analytics b, #analytics i")))
			.isEmpty();
		assertThat(ken.executeScript("return window.kotaeXss === undefined")).isEqualTo(Boolean.TRUE);
		assertThatExceptionOfType(NoAlertPresentException.class).isThrownBy(() -> ken.switchTo().alert());
		screenshot(ken, "analytics-1280.png");
		ken.executeScript("document.getElementById('h-daily').scrollIntoView()");
		screenshot(ken, "analytics-charts-1280.png");
		ken.executeScript("document.getElementById('h-heatmap').scrollIntoView()");
		screenshot(ken, "analytics-heatmap-1280.png");

		// LINE only: Sunday's conversation
		new Select(ken.findElement(By.id("f-channel"))).selectByValue("line");
		ken.findElement(By.id("apply")).click();
		ready(ken, "channel=line");
		assertThat(values(ken, "#chart-daily rect.bar")).containsExactly("0", "0", "1", "0", "0");
		assertThat(figure(ken, "total")).isEqualTo("1");
		assertThat(cell(ken, "SUNDAY", 15)).isEqualTo("1");
		assertThat(cell(ken, "TUESDAY", 9)).isEqualTo("0");
		assertThat(ken.findElements(By.cssSelector("#chart-reasons g.reason"))).isEmpty();
		assertThat(ken.findElement(By.id("csv")).getDomAttribute("href"))
			.isEqualTo("/api/v1/analytics/daily.csv?" + RANGE + "&channel=line");

		// a bad range is an alert, not a broken page
		ken.executeScript("document.getElementById('f-from').value = '2026-12-31'");
		ken.findElement(By.id("apply")).click();
		new WebDriverWait(ken, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("alert")));
		assertThat(ken.findElement(By.id("alert")).getText()).contains("from");

		// a phone: nothing wider than the screen but the heat map's own scroll box
		ken.manage().window().setSize(new Dimension(360, 800));
		ken.get(chromium.base() + "/admin/analytics?" + RANGE);
		ready(ken, "");
		assertThat(ken.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("ja");
		assertThat(ken.findElement(By.id("apply")).getText()).isEqualTo("表示");
		Number overflow = (Number) ken
			.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
		assertThat(overflow.intValue()).isLessThanOrEqualTo(0);
		screenshot(ken, "analytics-360.png");
	}

	@Test
	void anAdminChoosesASiteFromTheList() {
		ChromeDriver admin = chromium.browser("ja");
		login(admin, "/admin/analytics?" + RANGE, "admin", TestHttp.ADMIN_PASSWORD);
		WebElement site = new WebDriverWait(admin, WAIT)
			.until((d) -> d.findElement(By.id("f-site")).getTagName().equals("select") ? d.findElement(By.id("f-site"))
					: null);
		ready(admin, "");
		new Select(site).selectByValue("demo");
		admin.findElement(By.id("apply")).click();
		ready(admin, "site=demo");
		assertThat(figure(admin, "total")).isEqualTo("5");
	}

	// --- seeded history ----------------------------------------------------------------------------

	private Rows conversation(String id, String localTime, String channel) {
		Instant start = LocalDateTime.parse(localTime).atZone(TOKYO).toInstant();
		this.jdbc
			.sql("INSERT INTO conversation (id, site_key, channel, locale, token_hash, created_at, status, after_hours) "
					+ "VALUES (?, 'demo', ?, 'en', ?, ?, 'closed', ?)")
			.params(id, channel, "0".repeat(64), utc(start), channel.equals("line"))
			.update();
		return new Rows(id, start);
	}

	private static Object utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	/** One conversation's messages, one second apart. */
	private final class Rows {

		private final String id;

		private Instant now;

		private long lastUser;

		Rows(String id, Instant start) {
			this.id = id;
			this.now = start;
		}

		Rows user(String kind, String body) {
			this.lastUser = insert("user", kind, body, null, null, null, null);
			return this;
		}

		Rows bot(String kind, String faqId, String reason, Boolean helpful) {
			insert("bot", kind, "reply", this.lastUser, faqId, reason, helpful);
			return this;
		}

		Rows handoff(String reason, long firstResponseMs) {
			Instant requested = this.now.plusSeconds(1);
			AnalyticsDashboardBrowserIntegrationTests.this.jdbc
				.sql("INSERT INTO handoff (conversation_id, status, reason, requested_at, agent, claimed_at, "
						+ "first_response_at, first_response_ms) VALUES (?, 'closed', ?, ?, 'ken', ?, ?, ?)")
				.params(this.id, reason, utc(requested), utc(requested), utc(requested.plusMillis(firstResponseMs)),
						firstResponseMs)
				.update();
			return this;
		}

		private long insert(String sender, String kind, String body, Long replyTo, String faqId, String reason,
				Boolean helpful) {
			this.now = this.now.plusSeconds(1);
			GeneratedKeyHolder keys = new GeneratedKeyHolder();
			AnalyticsDashboardBrowserIntegrationTests.this.jdbc
				.sql("INSERT INTO message (conversation_id, sender, kind, body, reply_to, faq_id, decision_reason, "
						+ "confidence, created_at, helpful) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
				// answers confident enough not to count as unanswered questions
				.params(this.id, sender, kind, body, replyTo, faqId, reason, kind.equals("answer") ? 0.9 : 0.3,
						utc(this.now), helpful)
				.update(keys, "id");
			return keys.getKey().longValue();
		}

	}

	// --- browsers ----------------------------------------------------------------------------------

	/** The login form the way a person fills it, on the way to {@code path}. */
	private void login(ChromeDriver driver, String path, String user, String password) {
		chromium.login(driver, path, user, password);
		new WebDriverWait(driver, WAIT).until((d) -> d.getCurrentUrl().contains("/admin/analytics"));
	}

	/** Waits until the page has drawn the figures of a query containing {@code part}. */
	private static void ready(WebDriver driver, String part) {
		new WebDriverWait(driver, WAIT).until((d) -> {
			WebElement main = d.findElement(By.id("analytics"));
			String query = main.getDomAttribute("data-query");
			return "ready".equals(main.getDomAttribute("data-state")) && query != null && query.contains(part);
		});
	}

	private static List<String> values(WebDriver driver, String css) {
		return attributes(driver, css, "data-value");
	}

	private static List<String> attributes(WebDriver driver, String css, String attribute) {
		return driver.findElements(By.cssSelector(css)).stream().map((e) -> e.getDomAttribute(attribute)).toList();
	}

	private static String cellSelector(String weekday, int hour) {
		return "#heatmap rect.cell[data-weekday='" + weekday + "'][data-hour='" + hour + "']";
	}

	private static String cell(WebDriver driver, String weekday, int hour) {
		return driver.findElement(By.cssSelector(cellSelector(weekday, hour))).getDomAttribute("data-value");
	}

	private static String figure(WebDriver driver, String name) {
		return driver.findElement(By.cssSelector("#cards dd[data-figure='" + name + "']")).getText();
	}

}
