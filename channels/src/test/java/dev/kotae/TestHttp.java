package dev.kotae;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small real HTTP client for integration tests against the app on a random loopback port. */
public final class TestHttp {

	public static final String ADMIN_PASSWORD = "test-admin-secret";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String base;

	private String authorization;

	private final java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();

	public TestHttp(int port) {
		this.base = "http://127.0.0.1:" + port;
	}

	/** Sends HTTP Basic as {@code admin} from now on. */
	public TestHttp asAdmin() {
		return as("admin", ADMIN_PASSWORD);
	}

	public TestHttp as(String user, String password) {
		this.authorization = "Basic "
				+ Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
		return this;
	}

	public TestHttp anonymous() {
		this.authorization = null;
		return this;
	}

	/** Sends {@code Authorization: Bearer <token>} from now on. */
	public TestHttp bearer(String token) {
		this.authorization = "Bearer " + token;
		return this;
	}

	/** Sends this header with every request from now on (e.g. a browser's {@code Origin}). */
	public TestHttp header(String name, String value) {
		this.headers.put(name, value);
		return this;
	}

	/** The underlying client and a request to {@code path} with this helper's headers, for streaming. */
	public HttpClient client() {
		return this.client;
	}

	public HttpRequest.Builder requestTo(String path) {
		return request(path);
	}

	public Response get(String path) {
		return send(request(path).GET());
	}

	public Response delete(String path) {
		return send(request(path).DELETE());
	}

	public Response postJson(String path, String json) {
		return send(request(path).header("Content-Type", "application/json").POST(BodyPublishers.ofString(json)));
	}

	public Response putJson(String path, String json) {
		return send(request(path).header("Content-Type", "application/json").PUT(BodyPublishers.ofString(json)));
	}

	/** A CORS pre-flight or another bodiless request with a browser's {@code Origin}. */
	public Response send(String method, String path, String origin) {
		return send(request(path).header("Origin", origin)
			.header("Access-Control-Request-Method", "POST")
			.header("Access-Control-Request-Headers", "content-type")
			.method(method, BodyPublishers.noBody()));
	}

	public Response post(String path, String contentType, BodyPublisher body) {
		return send(request(path).header("Content-Type", contentType).POST(body));
	}

	private HttpRequest.Builder request(String path) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.base + path)).timeout(Duration.ofSeconds(60));
		if (this.authorization != null) {
			builder.header("Authorization", this.authorization);
		}
		this.headers.forEach(builder::header);
		return builder;
	}

	private Response send(HttpRequest.Builder request) {
		try {
			HttpResponse<byte[]> response = this.client.send(request.build(), BodyHandlers.ofByteArray());
			return new Response(response);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** A response with its body as text and, on demand, as JSON. */
	public record Response(HttpResponse<byte[]> raw) {

		public int status() {
			return this.raw.statusCode();
		}

		public String body() {
			return new String(this.raw.body(), StandardCharsets.UTF_8);
		}

		public byte[] bytes() {
			return this.raw.body();
		}

		public JsonNode json() {
			return JSON.readTree(this.raw.body());
		}

		public String header(String name) {
			return this.raw.headers().firstValue(name).orElse(null);
		}

	}

	/** Escapes a string as a JSON string literal. */
	public static String quote(String value) {
		return JSON.writeValueAsString(value);
	}

}
