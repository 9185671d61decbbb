package dev.kotae.channels.line;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Messaging API on loopback, for tests: records every call (method, path, the
 * {@code Authorization} and {@code X-Line-Retry-Key} headers, body, the status it answered) and
 * answers like LINE: 200 {@code {}} for replies and pushes, a profile for
 * {@code GET /v2/bot/profile/{userId}}, 202 for the loading animation, and 409 for a push whose retry
 * key it accepted before. It can be told to fail the next matching calls with a status (429 with
 * {@code Retry-After: 1}, 500, 400 "Invalid reply token"), before or after accepting them. Started
 * again on the port of one that was closed, it stands for LINE back after an outage.
 */
public final class FakeLine implements AutoCloseable {

	static final String DISPLAY_NAME = "山田 太郎";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpServer server;

	private final List<Call> calls = new CopyOnWriteArrayList<>();

	private final List<Failure> failures = new CopyOnWriteArrayList<>();

	private final Set<String> acceptedKeys = ConcurrentHashMap.newKeySet();

	/** One call as received. */
	public record Call(String method, String path, String authorization, String retryKey, String body, int status) {

		public JsonNode json() {
			return JSON.readTree(this.body);
		}

		/** Whether LINE took it: 2xx (a 409 is a repeat of one it took). */
		public boolean accepted() {
			return this.status / 100 == 2;
		}

	}

	private record Failure(String path, Predicate<String> body, AtomicInteger remaining, int status,
			boolean afterAccepting) {
	}

	private FakeLine(HttpServer server) {
		this.server = server;
	}

	public static FakeLine start() {
		return start(0);
	}

	/** On {@code port} (0: any free one). */
	public static FakeLine start(int port) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
			FakeLine line = new FakeLine(server);
			server.createContext("/", line::handle);
			server.start();
			return line;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + port();
	}

	public int port() {
		return this.server.getAddress().getPort();
	}

	/** Answers the next {@code count} calls to {@code path} whose body matches with {@code status}. */
	public void failNext(String path, Predicate<String> body, int count, int status) {
		this.failures.add(new Failure(path, body, new AtomicInteger(count), status, false));
	}

	/** Accepts the next matching push but answers {@code status}, as if the answer were lost. */
	public void acceptButFailNext(String path, Predicate<String> body, int count, int status) {
		this.failures.add(new Failure(path, body, new AtomicInteger(count), status, true));
	}

	public List<Call> calls(String path) {
		return this.calls.stream().filter((c) -> c.path().equals(path)).toList();
	}

	/** Replies sent with this reply token. */
	public List<Call> replies(String replyToken) {
		return calls("/v2/bot/message/reply").stream()
			.filter((c) -> c.json().path("replyToken").asString().equals(replyToken))
			.toList();
	}

	/** Pushes to this user, whatever LINE answered. */
	public List<Call> pushes(String userId) {
		return calls("/v2/bot/message/push").stream()
			.filter((c) -> c.json().path("to").asString().equals(userId))
			.toList();
	}

	/** Calls about this user (replies are not: they only carry the token). */
	public List<Call> about(String userId) {
		return this.calls.stream().filter((c) -> c.path().contains(userId) || c.body().contains(userId)).toList();
	}

	private void handle(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		String authorization = exchange.getRequestHeaders().getFirst("Authorization");
		String retryKey = exchange.getRequestHeaders().getFirst("X-Line-Retry-Key");
		String method = exchange.getRequestMethod();
		for (Failure failure : this.failures) {
			if (failure.path().equals(path) && failure.body().test(body) && failure.remaining().getAndDecrement() > 0) {
				if (failure.afterAccepting() && retryKey != null) {
					this.acceptedKeys.add(retryKey);
				}
				this.calls.add(new Call(method, path, authorization, retryKey, body, failure.status()));
				if (failure.status() == 429) {
					exchange.getResponseHeaders().add("Retry-After", "1");
				}
				String message = switch (failure.status()) {
					case 400 -> "Invalid reply token";
					case 429 -> "Too Many Requests";
					default -> "Internal Server Error";
				};
				respond(exchange, failure.status(), "{\"message\":\"" + message + "\"}");
				return;
			}
		}
		if (path.equals("/v2/bot/message/push") && retryKey != null && !this.acceptedKeys.add(retryKey)) {
			this.calls.add(new Call(method, path, authorization, retryKey, body, 409));
			exchange.getResponseHeaders().add("x-line-accepted-request-id", "accepted-before");
			respond(exchange, 409, "{\"message\":\"The retry key is already accepted\"}");
			return;
		}
		if (path.startsWith("/v2/bot/profile/")) {
			String userId = path.substring("/v2/bot/profile/".length());
			this.calls.add(new Call(method, path, authorization, retryKey, body, 200));
			respond(exchange, 200, "{\"displayName\":\"" + DISPLAY_NAME + "\",\"userId\":\"" + userId
					+ "\",\"language\":\"ja\",\"pictureUrl\":\"https://profile.line-scdn.net/x\",\"statusMessage\":\"hi\"}");
			return;
		}
		int status = path.equals("/v2/bot/chat/loading/start") ? 202 : 200;
		this.calls.add(new Call(method, path, authorization, retryKey, body, status));
		respond(exchange, status, "{}");
	}

	private static void respond(HttpExchange exchange, int status, String json) throws IOException {
		byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
