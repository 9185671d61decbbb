package dev.kotae.channels.admin;

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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Headless Debian Chromium for the workspace's browser tests: starts browsers with throw-away
 * profiles, signs in through the login form, waits, and checks that no script ran. {@link #close()}
 * quits them all.
 */
final class Chromium implements AutoCloseable {

	static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

	static final Duration WAIT = Duration.ofSeconds(20);

	private static final String CHROMIUM = "/usr/bin/chromium";

	private static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");

	private final String base;

	private final List<ChromeDriver> browsers = new ArrayList<>();

	private final List<Path> profiles = new ArrayList<>();

	Chromium(int port) {
		this.base = "http://127.0.0.1:" + port;
	}

	String base() {
		return this.base;
	}

	ChromeDriver browser(String language) {
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
				"--disable-sync", "--user-data-dir=" + profile, "--window-size=1280,900", "--lang=" + language);
		options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
			.usingAnyFreePort()
			.withLogOutput(OutputStream.nullOutputStream())
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		this.browsers.add(driver);
		return driver;
	}

	/** The login form the way a person fills it, starting from {@code path}. */
	void login(ChromeDriver driver, String path, String user, String password) {
		driver.get(this.base + path);
		waitFor(driver, By.cssSelector("input[name='username']")).sendKeys(user);
		driver.findElement(By.cssSelector("input[name='password']")).sendKeys(password);
		driver.findElement(By.cssSelector("form button[type='submit'], form input[type='submit']")).click();
		new WebDriverWait(driver, WAIT).until((d) -> !d.getCurrentUrl().contains("/login"));
	}

	static WebElement waitFor(WebDriver driver, By by) {
		return new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class)
			.until(ExpectedConditions.presenceOfElementLocated(by));
	}

	static WebDriverWait waiting(WebDriver driver) {
		WebDriverWait wait = new WebDriverWait(driver, WAIT);
		wait.ignoring(StaleElementReferenceException.class);
		return wait;
	}

	/** Accepts the confirm() dialog an action opens. */
	static void confirm(WebDriver driver) {
		waiting(driver).until(ExpectedConditions.alertIsPresent()).accept();
	}

	/** No alert is open (a script in user text would have opened one) and the page has no image at all. */
	static void assertNoScriptRan(WebDriver driver) {
		try {
			driver.switchTo().alert();
			fail("a script in user text opened an alert");
		}
		catch (NoAlertPresentException expected) {
			// nothing ran
		}
		assertThat(((JavascriptExecutor) driver).executeScript("return document.querySelectorAll('img').length"))
			.isEqualTo(0L);
	}

	static void screenshot(ChromeDriver driver, String name) {
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
