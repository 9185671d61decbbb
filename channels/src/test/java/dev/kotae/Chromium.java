package dev.kotae;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.test.context.junit.jupiter.SpringExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Headless Debian Chromium for the browser tests against the app a {@code @SpringBootTest} started on a
 * random port: starts browsers with throw-away profiles, signs in through the login form, waits
 * (ignoring elements re-rendered meanwhile), and checks that no script ran. Registered as
 * {@code @RegisterExtension static final Chromium chromium = new Chromium();} it skips the class where
 * {@code /usr/bin/chromedriver} is not installed, and after each test quits its browsers and deletes
 * their profiles.
 */
public final class Chromium implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AutoCloseable {

	private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

	/** How long the waits wait unless a test gives its own time. */
	public static final Duration WAIT = Duration.ofSeconds(20);

	private static final String CHROMIUM = "/usr/bin/chromium";

	private static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");

	private final Duration wait;

	private String base;

	private final List<ChromeDriver> browsers = new ArrayList<>();

	private final List<Path> profiles = new ArrayList<>();

	public Chromium() {
		this(WAIT);
	}

	/** {@link #login} waits up to {@code wait}. */
	public Chromium(Duration wait) {
		this.wait = wait;
	}

	/** Skips the test class where {@code /usr/bin/chromedriver} is not installed. */
	@Override
	public void beforeAll(ExtensionContext context) {
		assumeTrue(CHROMEDRIVER.canExecute(), "no /usr/bin/chromedriver: the browser tests are skipped");
	}

	/** The app's address, from the test's Spring context (the same for every test of the class). */
	@Override
	public void beforeEach(ExtensionContext context) {
		if (this.base == null) {
			int port = SpringExtension.getApplicationContext(context)
				.getEnvironment()
				.getRequiredProperty("local.server.port", Integer.class);
			this.base = "http://127.0.0.1:" + port;
		}
	}

	@Override
	public void afterEach(ExtensionContext context) {
		close();
	}

	public String base() {
		return this.base;
	}

	/** A 1280 × 900 desktop window that asks for pages in {@code language}. */
	public ChromeDriver browser(String language) {
		return start(language, 1280, 900, false);
	}

	/** A desktop window of this size in the browser's own language. */
	public ChromeDriver browser(int width, int height) {
		return start(null, width, height, false);
	}

	/**
	 * A phone's viewport of this size (touch, pixel ratio 1) in the browser's own language: desktop
	 * windows are at least 500 px wide, so this needs device emulation.
	 */
	public ChromeDriver phone(int width, int height) {
		return start(null, width, height, true);
	}

	private ChromeDriver start(String language, int width, int height, boolean phone) {
		Path profile;
		try {
			profile = Files.createTempDirectory("kotae-chromium-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.profiles.add(profile);
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM);
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--user-data-dir=" + profile, "--window-size=" + width + "," + height);
		if (language != null) {
			options.addArguments("--lang=" + language);
			options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
		}
		if (phone) {
			options.setExperimentalOption("mobileEmulation",
					Map.of("deviceMetrics", Map.of("width", width, "height", height, "pixelRatio", 1.0, "touch", true)));
		}
		// the driver and browser given explicitly: Selenium Manager has nothing to look up or download
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
			.usingAnyFreePort()
			.withLogOutput(OutputStream.nullOutputStream())
			.build();
		ChromeDriver driver = new ChromeDriver(service, options); // quit() stops the service too
		this.browsers.add(driver);
		return driver;
	}

	/**
	 * The login form the way a person fills it, after asking for {@code path}; returns once the browser
	 * has left the login page (the session cookie then carries the page's calls).
	 */
	public void login(ChromeDriver driver, String path, String user, String password) {
		driver.get(this.base + path);
		waitFor(driver, By.cssSelector("input[name='username']"), this.wait).sendKeys(user);
		driver.findElement(By.cssSelector("input[name='password']")).sendKeys(password);
		driver.findElement(By.cssSelector("form button[type='submit'], form input[type='submit']")).click();
		waiting(driver, this.wait).until((d) -> !d.getCurrentUrl().contains("/login"));
	}

	public static WebElement waitFor(WebDriver driver, By by) {
		return waitFor(driver, by, WAIT);
	}

	public static WebElement waitFor(WebDriver driver, By by, Duration timeout) {
		return waiting(driver, timeout).until(ExpectedConditions.presenceOfElementLocated(by));
	}

	public static WebDriverWait waiting(WebDriver driver) {
		return waiting(driver, WAIT);
	}

	/** A wait that reads the page again when an element was re-rendered between finding and using it. */
	public static WebDriverWait waiting(WebDriver driver, Duration timeout) {
		WebDriverWait wait = new WebDriverWait(driver, timeout);
		wait.ignoring(StaleElementReferenceException.class);
		return wait;
	}

	/** Accepts the confirm() dialog an action opens. */
	public static void confirm(WebDriver driver) {
		waiting(driver).until(ExpectedConditions.alertIsPresent()).accept();
	}

	/** No alert is open: a script in user text would have opened one. */
	public static void assertNoAlert(WebDriver driver) {
		try {
			driver.switchTo().alert();
			fail("a script in user text opened an alert");
		}
		catch (NoAlertPresentException expected) {
			// nothing ran
		}
	}

	/** No alert is open (a script in user text would have opened one) and the page has no image at all. */
	public static void assertNoScriptRan(WebDriver driver) {
		assertNoAlert(driver);
		assertThat(((JavascriptExecutor) driver).executeScript("return document.querySelectorAll('img').length"))
			.isEqualTo(0L);
	}

	/** Saves what the browser shows as {@code target/browser-screenshots/<name>}. */
	public static void screenshot(ChromeDriver driver, String name) {
		try {
			Files.createDirectories(SCREENSHOTS);
			Files.write(SCREENSHOTS.resolve(name), driver.getScreenshotAs(OutputType.BYTES));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		this.browsers.forEach(WebDriver::quit);
		this.browsers.clear();
		for (Path profile : this.profiles) {
			try (Stream<Path> files = Files.walk(profile)) {
				files.sorted(Comparator.reverseOrder()).forEach((f) -> f.toFile().delete());
			}
			catch (IOException ex) {
				// a leftover temporary profile is harmless
			}
		}
		this.profiles.clear();
	}

}
