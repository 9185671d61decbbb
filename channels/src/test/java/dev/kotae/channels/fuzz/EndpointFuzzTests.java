package dev.kotae.channels.fuzz;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.kotae.TestHttp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzzing (Jazzer) of the endpoints anyone on the internet can call, on the real app
 * over loopback: the chat API (start, messages with a valid token, feedback), the answer and search
 * API, the LINE webhook (validly signed, so the parser and handlers are reached) and the Slack
 * endpoint (validly signed). Whatever the input, the answer is never a 5xx.
 * <p>
 * In the default build this replays the inputs under {@code EndpointFuzzTestsInputs/} (the regression
 * corpus); {@code JAZZER_FUZZ=1 ./mvnw -pl channels -am verify -Dtest=EndpointFuzzTests} fuzzes for
 * {@code maxDuration} (docs/performance.md has the figures of a run).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:fuzz;DB_CLOSE_DELAY=-1",
				"kotae.security.admin-password=" + TestHttp.ADMIN_PASSWORD, "kotae.nlu.enabled=false",
				"kotae.web.rate-limit.enabled=false", "kotae.line.enabled=true",
				"kotae.line.channel-secret=" + EndpointFuzzTests.LINE_SECRET, "kotae.line.channel-token=fuzz-token",
				"kotae.line.api-base-url=http://127.0.0.1:9", "kotae.line.data-api-base-url=http://127.0.0.1:9",
				"kotae.slack.enabled=true", "kotae.slack.bot-token=xoxb-fuzz",
				"kotae.slack.signing-secret=" + EndpointFuzzTests.SLACK_SECRET, "kotae.slack.channel=CFUZZ",
				"kotae.slack.api-url=http://127.0.0.1:9/api/", "logging.level.root=error" })
class EndpointFuzzTests {

	static final String LINE_SECRET = "line-fuzz-secret";

	static final String SLACK_SECRET = "slack-fuzz-secret";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH");

	private static final String[] CONTENT_TYPES = { "application/json", "text/plain", "application/x-www-form-urlencoded",
			"multipart/form-data; boundary=x", "application/json; charset=Shift_JIS", "", "*/*" };

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	int port;

	private String conversationId;

	private String token;

	private long botMessageId;

	@FuzzTest(maxDuration = "60s")
	void noInputGetsAServerError(FuzzedDataProvider data) throws Exception {
		// the test's own calls (and the app's to the closed LINE and Slack ports) go to loopback: no forgery
		BugDetectors.allowNetworkConnections((host, port) -> host.equals("127.0.0.1") || host.equals("localhost"));
		if (this.conversationId == null) {
			startConversation();
		}
		int target = data.consumeInt(0, 8);
		String contentType = CONTENT_TYPES[data.consumeInt(0, CONTENT_TYPES.length - 1)];
		HttpResponse<String> response = switch (target) {
			case 0 -> post("/api/v1/conversations", contentType, null, data.consumeRemainingAsBytes());
			case 1 -> post("/api/v1/conversations/" + this.conversationId + "/messages", contentType, this.token,
					data.consumeRemainingAsBytes());
			case 2 -> post("/api/v1/conversations/" + this.conversationId + "/messages/" + this.botMessageId + "/feedback",
					contentType, this.token, data.consumeRemainingAsBytes());
			case 3 -> post("/api/v1/answer", contentType, null, data.consumeRemainingAsBytes());
			case 4 -> get("/api/v1/search?q=" + URLEncoder.encode(data.consumeString(300), StandardCharsets.UTF_8)
					+ "&locale=" + URLEncoder.encode(data.consumeString(5), StandardCharsets.UTF_8) + "&limit="
					+ data.consumeInt());
			case 5 -> line(data.consumeRemainingAsBytes(), true);
			case 6 -> line(data.consumeRemainingAsBytes(), false);
			case 7 -> slack(contentType, data.consumeRemainingAsBytes());
			default -> send(method(data.consumeString(6)),
					"/api/v1/conversations/" + URLEncoder.encode(data.consumeString(40), StandardCharsets.UTF_8)
							+ "/messages",
					contentType, data.consumeString(60), data.consumeRemainingAsBytes());
		};
		assertThat(response.statusCode()).as("%s → %s", target, response.body()).isLessThan(500);
	}

	private void startConversation() throws IOException, InterruptedException {
		HttpResponse<String> started = post("/api/v1/conversations", "application/json", null,
				"{\"siteKey\":\"demo\",\"locale\":\"ja\"}".getBytes(StandardCharsets.UTF_8));
		JsonNode json = JSON.readTree(started.body());
		this.conversationId = json.get("id").asString();
		this.token = json.get("token").asString();
		this.botMessageId = json.get("greeting").get("id").asLong();
	}

	private HttpResponse<String> line(byte[] body, boolean signed) throws IOException, InterruptedException {
		HttpRequest.Builder request = request("/line/webhook").header("Content-Type", "application/json")
			.POST(BodyPublishers.ofByteArray(body));
		request.header("X-Line-Signature", signed ? lineSignature(body) : Base64.getEncoder().encodeToString(body));
		return this.client.send(request.build(), BodyHandlers.ofString());
	}

	private HttpResponse<String> slack(String contentType, byte[] body) throws IOException, InterruptedException {
		String timestamp = Long.toString(Instant.now().getEpochSecond());
		HttpRequest.Builder request = request("/slack/events").header("X-Slack-Request-Timestamp", timestamp)
			.header("X-Slack-Signature", slackSignature(timestamp, body))
			.POST(BodyPublishers.ofByteArray(body));
		if (!contentType.isEmpty()) {
			request.header("Content-Type", contentType);
		}
		return this.client.send(request.build(), BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, String contentType, String bearer, byte[] body)
			throws IOException, InterruptedException {
		return send("POST", path, contentType, (bearer != null) ? "Bearer " + bearer : null, body);
	}

	private HttpResponse<String> send(String method, String path, String contentType, String authorization,
			byte[] body) throws IOException, InterruptedException {
		HttpRequest.Builder request = request(path).method(method, BodyPublishers.ofByteArray(body));
		if (!contentType.isEmpty()) {
			request.header("Content-Type", contentType);
		}
		if (authorization != null && !authorization.isEmpty() && isHeaderValue(authorization)) {
			request.header("Authorization", authorization);
		}
		return this.client.send(request.build(), BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.client.send(request(path).GET().build(), BodyHandlers.ofString());
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).timeout(Duration.ofSeconds(30));
	}

	private static String method(String fuzzed) {
		String upper = fuzzed.toUpperCase(java.util.Locale.ROOT);
		return METHODS.contains(upper) ? upper : "POST";
	}

	/** java.net.http refuses control characters in header values; those never reach a server anyway. */
	private static boolean isHeaderValue(String value) {
		return value.chars().allMatch((c) -> c >= 0x20 && c < 0x7f);
	}

	private static String lineSignature(byte[] body) {
		return Base64.getEncoder().encodeToString(hmac(LINE_SECRET, body));
	}

	private static String slackSignature(String timestamp, byte[] body) {
		byte[] base = ("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8);
		byte[] signed = new byte[base.length + body.length];
		System.arraycopy(base, 0, signed, 0, base.length);
		System.arraycopy(body, 0, signed, base.length, body.length);
		return "v0=" + HexFormat.of().formatHex(hmac(SLACK_SECRET, signed));
	}

	private static byte[] hmac(String secret, byte[] data) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return mac.doFinal(data);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
