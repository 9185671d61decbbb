package dev.kotae.channels.security;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import dev.kotae.TestHttp;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Walks every route the app registers (and the static console pages): outside an explicit public list,
 * an anonymous call gets 401 (API) or is sent to {@code /login} (pages), a user without a role gets
 * 403, and the roles that should may use it (are not refused with 401 or 403). A new route without an
 * entry here fails the test, so that nobody forgets to decide who may call it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:secured-routes;DB_CLOSE_DELAY=-1",
				"kotae.security.admin-password=" + TestHttp.ADMIN_PASSWORD, "kotae.demo.enabled=false",
				"kotae.nlu.enabled=false", "kotae.web.rate-limit.enabled=false",
				"kotae.security.users[0].name=ed", "kotae.security.users[0].password=ed-secret",
				"kotae.security.users[0].roles=editor", "kotae.security.users[1].name=ag",
				"kotae.security.users[1].password=ag-secret", "kotae.security.users[1].roles=agent",
				"kotae.security.users[2].name=nobody", "kotae.security.users[2].password=nobody-secret",
				"kotae.security.users[2].roles=" })
class SecuredRoutesIntegrationTests {

	private static final Pattern VARIABLE = Pattern.compile("\\{[^}]+}");

	/** Routes anyone may call (they check signatures or conversation tokens themselves). */
	private static final List<String> PUBLIC = List.of("GET /api/v1/search", "POST /api/v1/answer",
			"* /api/v1/conversations", "* /api/v1/conversations/x/messages", "* /api/v1/conversations/x/messages/",
			"* /api/v1/conversations/x/events", "* /api/v1/conversations/x", "* /api/v1/widget/", "POST /slack/events",
			"POST /line/webhook", "* /error", "GET /login");

	/** Path prefix → the roles that may use it (first match wins). */
	private static final Map<String, Set<String>> ALLOWED = new LinkedHashMap<>();

	static {
		ALLOWED.put("* /api/v1/conversations/x/agent-messages", Set.of("admin", "agent"));
		ALLOWED.put("* /api/v1/handoffs", Set.of("admin", "agent"));
		ALLOWED.put("* /api/v1/operator/", Set.of("admin", "agent"));
		ALLOWED.put("* /operator", Set.of("admin", "agent"));
		ALLOWED.put("* /api/v1/faqs", Set.of("admin", "editor"));
		ALLOWED.put("* /api/v1/synonyms", Set.of("admin", "editor"));
		ALLOWED.put("* /api/v1/out-of-scope", Set.of("admin", "editor"));
		ALLOWED.put("PUT /api/v1/sites", Set.of("admin"));
		ALLOWED.put("* /api/v1/sites", Set.of("admin", "editor"));
		ALLOWED.put("* /api/v1/unanswered", Set.of("admin", "editor"));
		ALLOWED.put("GET /api/v1/nlu/status", Set.of("admin", "editor", "agent"));
		ALLOWED.put("* /api/v1/nlu", Set.of("admin", "editor"));
		ALLOWED.put("* /admin/users", Set.of("admin"));
		ALLOWED.put("* /admin/analytics", Set.of("admin", "editor", "agent"));
		ALLOWED.put("GET /admin/common.js", Set.of("admin", "editor", "agent"));
		ALLOWED.put("* /admin", Set.of("admin", "editor"));
		ALLOWED.put("GET /api/v1/me", Set.of("admin", "editor", "agent"));
		ALLOWED.put("GET /api/v1/analytics", Set.of("admin", "editor", "agent"));
		ALLOWED.put("* /api/v1/voc", Set.of("admin"));
		ALLOWED.put("* /api/v1/users", Set.of("admin"));
		ALLOWED.put("* /api/v1/audit", Set.of("admin"));
		ALLOWED.put("* /api/v1/tokens", Set.of("admin"));
	}

	private static final Map<String, String> PASSWORDS = Map.of("admin", TestHttp.ADMIN_PASSWORD, "editor",
			"ed-secret", "agent", "ag-secret");

	private static final Map<String, String> USERS = Map.of("admin", "admin", "editor", "ed", "agent", "ag");

	@LocalServerPort
	int port;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void everyRouteOutsideThePublicListNeedsTheRightRole() {
		Set<String> routes = routes();
		assertThat(routes).contains("GET /api/v1/faqs", "POST /api/v1/users", "GET /api/v1/audit", "GET /operator",
				"DELETE /api/v1/users/x", "POST /api/v1/tokens", "DELETE /api/v1/tokens/x");
		List<String> failures = new ArrayList<>();
		int checked = 0;
		for (String route : routes) {
			String method = route.substring(0, route.indexOf(' '));
			String path = route.substring(route.indexOf(' ') + 1);
			if (matches(PUBLIC, route)) {
				continue;
			}
			Set<String> allowed = ALLOWED.entrySet()
				.stream()
				.filter((e) -> matches(List.of(e.getKey()), route))
				.map(Map.Entry::getValue)
				.findFirst()
				.orElse(null);
			if (allowed == null) {
				failures.add(route + ": neither public nor in the role map; decide who may call it");
				continue;
			}
			checked++;
			boolean api = path.startsWith("/api/");
			int anonymous = call(method, path, null, null);
			if (api ? anonymous != 401 : anonymous != 302) {
				failures.add(route + ": anonymous got " + anonymous);
			}
			int none = call(method, path, "nobody", "nobody-secret");
			if (none != 403) {
				failures.add(route + ": a user without roles got " + none);
			}
			for (String role : List.of("admin", "editor", "agent")) {
				int status = call(method, path, USERS.get(role), PASSWORDS.get(role));
				boolean refused = status == 401 || status == 403;
				if (allowed.contains(role) == refused) {
					failures.add(route + ": " + role + " got " + status);
				}
			}
		}
		assertThat(failures).isEmpty();
		assertThat(checked).isGreaterThan(30);
	}

	@Test
	void anonymousPageRequestsAreSentToTheLoginForm() throws Exception {
		HttpResponse<InputStream> response = send("GET", "/operator", null, null);
		response.body().close();
		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith("/login");
	}

	/** "METHOD /path" of every handler method and static console page, path variables filled with x. */
	private Set<String> routes() {
		Set<String> routes = new TreeSet<>();
		for (RequestMappingInfo info : this.mappings.getHandlerMethods().keySet()) {
			Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
			for (String pattern : info.getPatternValues()) {
				String path = VARIABLE.matcher(pattern).replaceAll("x").replace("/**", "/x");
				if (methods.isEmpty()) {
					routes.add("GET " + path);
				}
				for (RequestMethod method : methods) {
					routes.add(method.name() + " " + path);
				}
			}
		}
		routes.addAll(List.of("GET /operator/index.html", "GET /operator/operator.js", "GET /admin",
				"GET /admin/index.html", "GET /admin/common.js", "GET /admin/analytics",
				"GET /admin/analytics/analytics.js", "GET /admin/unanswered", "GET /admin/unanswered/unanswered.js",
				"GET /admin/settings", "GET /admin/settings/settings.js", "GET /admin/settings/settings.css",
				"GET /admin/users", "GET /admin/users/users.js", "GET /admin/users/users.css"));
		return routes;
	}

	/** "* /prefix" matches any method; a prefix matches the path itself or anything below it. */
	private static boolean matches(List<String> entries, String route) {
		String method = route.substring(0, route.indexOf(' '));
		String path = route.substring(route.indexOf(' ') + 1);
		for (String entry : entries) {
			String m = entry.substring(0, entry.indexOf(' '));
			String prefix = entry.substring(entry.indexOf(' ') + 1);
			boolean pathMatches = prefix.endsWith("/") ? path.startsWith(prefix) || path.equals(prefix.substring(0, prefix.length() - 1))
					: path.equals(prefix) || path.startsWith(prefix + "/") || path.startsWith(prefix + ".");
			if (pathMatches && (m.equals("*") || m.equals(method))) {
				return true;
			}
		}
		return false;
	}

	private int call(String method, String path, String user, String password) {
		try {
			HttpResponse<InputStream> response = send(method, path, user, password);
			try {
				// event streams never end: the status is all that counts
				response.body().close();
			}
			catch (IOException ex) {
				// closing a stream early may fail; the status is known
			}
			return response.statusCode();
		}
		catch (IOException ex) {
			throw new IllegalStateException(method + " " + path, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private HttpResponse<InputStream> send(String method, String path, String user, String password)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(30))
			.method(method, method.equals("GET") || method.equals("DELETE") ? BodyPublishers.noBody()
					: BodyPublishers.ofString("{}"))
			.header("Content-Type", "application/json");
		if (user != null) {
			request.header("Authorization", "Basic "
					+ Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
		}
		return this.client.send(request.build(), BodyHandlers.ofInputStream());
	}

}
