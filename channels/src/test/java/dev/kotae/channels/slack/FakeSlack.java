package dev.kotae.channels.slack;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Slack Web API on loopback, for tests: records every call (method, content type, body, the
 * status it answered, when) and answers like Slack: {@code auth.test} with a bot identity,
 * {@code chat.postMessage} with the channel and a new {@code ts} each time, the other methods with
 * {@code ok}. It can be told to fail the next matching calls with a status (429 with
 * {@code Retry-After: 1}, 500). Started again on the port of one that was closed, it stands for
 * Slack back after an outage.
 */
public final class FakeSlack implements AutoCloseable {

	static final String BOT_USER = "U0KOTAEBOT";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpServer server;

	private final List<Call> calls = new CopyOnWriteArrayList<>();

	private final List<Failure> failures = new CopyOnWriteArrayList<>();

	private final AtomicInteger messages = new AtomicInteger(100);

	/** One call as received. */
	public record Call(String method, String contentType, String body, int status, String error, Instant at) {

		/** The JSON body (Kotae's chat.* calls are JSON). */
		public JsonNode json() {
			return JSON.readTree(this.body);
		}

		/** Whether the fake Slack took it (answered 200 with {@code ok:true}). */
		public boolean ok() {
			return this.status == 200 && this.error == null;
		}

	}

	private record Failure(String method, Predicate<String> body, AtomicInteger remaining, int status,
			String retryAfter, String error) {
	}

	private FakeSlack(HttpServer server) {
		this.server = server;
	}

	public static FakeSlack start() {
		return start(0);
	}

	/** On {@code port} (0: any free one). */
	public static FakeSlack start(int port) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
			FakeSlack slack = new FakeSlack(server);
			server.createContext("/api/", slack::handle);
			server.start();
			return slack;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public String apiUrl() {
		return "http://127.0.0.1:" + port() + "/api/";
	}

	public int port() {
		return this.server.getAddress().getPort();
	}

	/** Answers the next {@code count} calls of {@code method} whose body matches with {@code status}. */
	public void failNext(String method, Predicate<String> body, int count, int status, String retryAfter) {
		this.failures.add(new Failure(method, body, new AtomicInteger(count), status, retryAfter,
				(status == 429) ? "ratelimited" : "internal_error"));
	}

	/** Answers the next {@code count} calls of {@code method} with HTTP 200 and {@code ok:false, error}. */
	public void refuseNext(String method, int count, String error) {
		this.failures.add(new Failure(method, (body) -> true, new AtomicInteger(count), 200, null, error));
	}

	/** Every call, in the order received. */
	public List<Call> calls() {
		return List.copyOf(this.calls);
	}

	public List<Call> calls(String method) {
		List<Call> matching = new ArrayList<>();
		for (Call call : this.calls) {
			if (call.method().equals(method)) {
				matching.add(call);
			}
		}
		return matching;
	}

	private void handle(HttpExchange exchange) throws IOException {
		String method = exchange.getRequestURI().getPath().substring("/api/".length());
		String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
		for (Failure failure : this.failures) {
			if (failure.method().equals(method) && failure.body().test(body)
					&& failure.remaining().getAndDecrement() > 0) {
				this.calls.add(new Call(method, contentType, body, failure.status(), failure.error(), Instant.now()));
				if (failure.retryAfter() != null) {
					exchange.getResponseHeaders().add("Retry-After", failure.retryAfter());
				}
				respond(exchange, failure.status(), "{\"ok\":false,\"error\":\"" + failure.error() + "\"}");
				return;
			}
		}
		this.calls.add(new Call(method, contentType, body, 200, null, Instant.now()));
		String answer = switch (method) {
			case "auth.test" -> "{\"ok\":true,\"url\":\"https://kotae-test.slack.com/\",\"team\":\"Kotae Test\","
					+ "\"user\":\"kotae\",\"team_id\":\"T0KOTAE\",\"user_id\":\"" + BOT_USER + "\",\"bot_id\":\"B0KOTAE\"}";
			case "chat.postMessage" -> "{\"ok\":true,\"channel\":"
					+ JSON.writeValueAsString(JSON.readTree(body).path("channel").asString()) + ",\"ts\":\"1700000000.000"
					+ this.messages.incrementAndGet() + "\"}";
			case "chat.postEphemeral" -> "{\"ok\":true,\"message_ts\":\"1700000000.000001\"}";
			default -> "{\"ok\":true}";
		};
		respond(exchange, 200, answer);
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
