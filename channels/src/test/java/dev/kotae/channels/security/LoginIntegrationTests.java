package dev.kotae.channels.security;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.kotae.TestHttp;
import dev.kotae.TestHttp.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The login form, the session it starts (pages and the console's API calls, CSRF-checked), logout,
 * and HTTP Basic on the API staying stateless, on the real app over real HTTP.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:login;DB_CLOSE_DELAY=-1",
				"kotae.security.admin-password=" + TestHttp.ADMIN_PASSWORD, "kotae.demo.enabled=false",
				"kotae.nlu.enabled=false", "kotae.security.users[0].name=sato",
				"kotae.security.users[0].password=sato-secret", "kotae.security.users[0].roles=agent" })
class LoginIntegrationTests {

	private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	@LocalServerPort
	int port;

	private CookieManager cookies;

	private HttpClient browser;

	@BeforeEach
	void browser() {
		this.cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
		this.browser = HttpClient.newBuilder().cookieHandler(this.cookies).connectTimeout(Duration.ofSeconds(5)).build();
	}

	@Test
	void theLoginFormStartsASessionForTheConsoleAndItsApiCallsAndLogoutEndsIt() throws Exception {
		HttpResponse<String> anonymous = get("/operator");
		assertThat(anonymous.statusCode()).isEqualTo(302);
		assertThat(anonymous.headers().firstValue("Location").orElseThrow()).endsWith("/login");

		HttpResponse<String> loggedIn = login("sato", "sato-secret");
		assertThat(loggedIn.statusCode()).isEqualTo(302);
		assertThat(loggedIn.headers().firstValue("Location").orElseThrow()).contains("/operator");
		String sessionCookie = loggedIn.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter((c) -> c.startsWith("SESSION="))
			.findFirst()
			.orElseThrow();
		assertThat(sessionCookie).contains("HttpOnly").contains("SameSite=Lax");

		HttpResponse<String> console = get("/operator");
		assertThat(console.statusCode()).isEqualTo(200);
		assertThat(console.body()).contains("id=\"queue\"");
		HttpResponse<String> me = send(request("/api/v1/operator/me").GET());
		assertThat(me.statusCode()).isEqualTo(200);
		assertThat(me.body()).contains("\"name\":\"sato\"");

		// the console's state-changing calls need the CSRF token from the cookie, as operator.js sends it
		HttpRequest.Builder claim = request("/api/v1/handoffs/nobody/claim").header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString("{}"));
		assertThat(send(claim).statusCode()).isEqualTo(403);
		String xsrf = cookie("XSRF-TOKEN");
		HttpResponse<String> withToken = send(request("/api/v1/handoffs/nobody/claim")
			.header("Content-Type", "application/json")
			.header("X-XSRF-TOKEN", xsrf)
			.POST(BodyPublishers.ofString("{}")));
		assertThat(withToken.statusCode()).isNotIn(401, 403);
		// an agent's session is still an agent's
		assertThat(get("/api/v1/faqs").statusCode()).isEqualTo(403);

		HttpResponse<String> logout = send(request("/logout").header("Content-Type", "application/x-www-form-urlencoded")
			.POST(BodyPublishers.ofString("_csrf=" + URLEncoder.encode(csrfFromLoginPage(), StandardCharsets.UTF_8))));
		assertThat(logout.statusCode()).isEqualTo(302);
		assertThat(logout.headers().firstValue("Location").orElseThrow()).contains("/login?logout");
		assertThat(get("/operator").statusCode()).isEqualTo(302);
		assertThat(get("/api/v1/operator/me").statusCode()).isEqualTo(401);
	}

	@Test
	void aWrongPasswordGoesBackToTheFormWithAnError() throws Exception {
		HttpResponse<String> response = login("sato", "wrong-password");
		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
		assertThat(get("/operator").statusCode()).isEqualTo(302);
	}

	@Test
	void theLoginFormSpeaksJapaneseToJapaneseBrowsers() throws Exception {
		HttpResponse<String> page = send(request("/login?error").header("Accept-Language", "ja,en;q=0.5").GET());
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("<html lang=\"ja\"")
			.contains("ログイン")
			.contains("ユーザー名またはパスワードが違います。");
	}

	@Test
	void theLoginFormWithoutTheCsrfTokenIsRefused() throws Exception {
		HttpResponse<String> response = send(request("/login").header("Content-Type", "application/x-www-form-urlencoded")
			.POST(BodyPublishers.ofString("username=sato&password=sato-secret")));
		assertThat(response.statusCode()).isEqualTo(403);
	}

	@Test
	void httpBasicOnTheApiCreatesNoSession() {
		for (String path : List.of("/api/v1/faqs", "/api/v1/operator/me", "/api/v1/users")) {
			Response response = new TestHttp(this.port).asAdmin().get(path);
			assertThat(response.status()).as(path).isEqualTo(200);
			assertThat(response.raw().headers().allValues("Set-Cookie")).as(path)
				.noneMatch((c) -> c.startsWith("SESSION="));
		}
		Response written = new TestHttp(this.port).asAdmin().postJson("/api/v1/out-of-scope", """
				{"phrases": [{"text": "Basic needs no CSRF token", "locale": "en"}]}""");
		assertThat(written.status()).isEqualTo(201);
		assertThat(written.raw().headers().allValues("Set-Cookie")).noneMatch((c) -> c.startsWith("SESSION="));
		Response anonymous = new TestHttp(this.port).get("/api/v1/faqs");
		assertThat(anonymous.status()).isEqualTo(401);
		assertThat(anonymous.json().get("type").asString()).isEqualTo("urn:kotae:problem:unauthorized");
	}

	@Test
	void aSessionEndsAtOnceWhenItsUserIsDisabledDemotedDeletedOrGetsANewPassword() throws Exception {
		TestHttp admin = new TestHttp(this.port).asAdmin();
		for (String change : List.of("{\"enabled\": false}", "{\"roles\": [\"editor\"]}",
				"{\"password\": \"a-brand-new-secret\"}", "delete")) {
			String name = "kumi-" + UUID.randomUUID().toString().substring(0, 6);
			assertThat(admin.postJson("/api/v1/users", """
					{"username": "%s", "password": "kumi-long-secret", "roles": ["agent"]}""".formatted(name)).status())
				.isEqualTo(201);
			browser();
			assertThat(login(name, "kumi-long-secret").statusCode()).isEqualTo(302);
			assertThat(get("/api/v1/operator/me").statusCode()).as(change).isEqualTo(200);
			assertThat(get("/operator").statusCode()).as(change).isEqualTo(200);

			Response changed = change.equals("delete") ? admin.delete("/api/v1/users/" + name)
					: admin.putJson("/api/v1/users/" + name, change);
			assertThat(changed.status()).as(change).isIn(200, 204);
			assertThat(get("/api/v1/operator/me").statusCode()).as(change).isEqualTo(401);
			HttpResponse<String> page = get("/operator");
			assertThat(page.statusCode()).as(change).isEqualTo(302);
			assertThat(page.headers().firstValue("Location").orElseThrow()).as(change).endsWith("/login");
		}
	}

	@Test
	void afterFiveFailedFormSignInsTheUserNameIsLockedOutEvenWithTheRightPassword() throws Exception {
		TestHttp admin = new TestHttp(this.port).asAdmin();
		String name = "taro-" + UUID.randomUUID().toString().substring(0, 6);
		assertThat(admin.postJson("/api/v1/users", """
				{"username": "%s", "password": "taro-long-secret", "roles": ["agent"]}""".formatted(name)).status())
			.isEqualTo(201);
		for (int i = 0; i < 5; i++) {
			assertThat(login(name, "guess-" + i).headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
		}
		HttpResponse<String> refused = login(name, "taro-long-secret");
		assertThat(refused.statusCode()).isEqualTo(302);
		assertThat(refused.headers().firstValue("Location").orElseThrow()).endsWith("/login?blocked");
		assertThat(get("/operator").statusCode()).isEqualTo(302);
		assertThat(get("/login?blocked").body()).contains("Too many failed sign-ins");
		// HTTP Basic for the same name is refused as well
		Response basic = new TestHttp(this.port).as(name, "taro-long-secret").get("/api/v1/operator/me");
		assertThat(basic.status()).isEqualTo(429);
		// other users are not affected
		assertThat(login("sato", "sato-secret").headers().firstValue("Location").orElseThrow()).contains("/operator");
	}

	@Test
	void afterFiveFailedBasicSignInsTheApiAnswers429() {
		TestHttp admin = new TestHttp(this.port).asAdmin();
		String name = "hana-" + UUID.randomUUID().toString().substring(0, 6);
		assertThat(admin.postJson("/api/v1/users", """
				{"username": "%s", "password": "hana-long-secret", "roles": ["agent"]}""".formatted(name)).status())
			.isEqualTo(201);
		TestHttp guesser = new TestHttp(this.port);
		for (int i = 0; i < 5; i++) {
			assertThat(guesser.as(name, "guess-" + i).get("/api/v1/operator/me").status()).isEqualTo(401);
		}
		Response refused = guesser.as(name, "hana-long-secret").get("/api/v1/operator/me");
		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.json().get("type").asString()).isEqualTo("urn:kotae:problem:too-many-sign-in-attempts");
		assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 15L * 60);
	}

	private HttpResponse<String> login(String user, String password) throws Exception {
		get("/operator"); // remembered: the login goes back there
		String form = "username=" + user + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)
				+ "&_csrf=" + URLEncoder.encode(csrfFromLoginPage(), StandardCharsets.UTF_8);
		return send(request("/login").header("Content-Type", "application/x-www-form-urlencoded")
			.POST(BodyPublishers.ofString(form)));
	}

	private String csrfFromLoginPage() throws Exception {
		HttpResponse<String> page = get("/login");
		assertThat(page.statusCode()).isEqualTo(200);
		Matcher token = CSRF_FIELD.matcher(page.body());
		assertThat(token.find()).as("the login form has a CSRF token").isTrue();
		assertThat(page.body()).contains("<html lang=\"en\"").contains("Sign in to Kotae");
		return token.group(1);
	}

	private String cookie(String name) {
		return this.cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter((c) -> c.getName().equals(name))
			.map(HttpCookie::getValue)
			.findFirst()
			.orElseThrow();
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return send(request(path).GET());
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).timeout(Duration.ofSeconds(30));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return this.browser.send(request.build(), BodyHandlers.ofString());
	}

}
