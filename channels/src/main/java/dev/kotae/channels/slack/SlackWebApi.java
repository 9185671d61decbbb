package dev.kotae.channels.slack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;

/**
 * Calls one Slack Web API method with a JSON body and the bot token, and sorts the outcome: Slack's
 * answer when it says {@code ok}, else a {@link RetriableSlackException} (429 with its
 * {@code Retry-After}, 5xx, I/O errors, temporary error codes) or a
 * {@link NonRetriableSlackException} (everything else, e.g. {@code invalid_auth}).
 */
class SlackWebApi implements DisposableBean {

	static final Duration TIMEOUT = Duration.ofSeconds(10);

	/** Error codes Slack documents as worth retrying; any other {@code ok:false} is for good. */
	private static final Set<String> TEMPORARY = Set.of("internal_error", "fatal_error", "service_unavailable",
			"request_timeout", "ratelimited", "rate_limited", "team_added_to_org");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

	private final URI base;

	private final String token;

	private final JsonMapper json;

	SlackWebApi(SlackProperties properties, JsonMapper json) {
		this.base = URI.create(properties.apiUrl());
		this.token = properties.botToken();
		this.json = json;
	}

	/**
	 * @param method e.g. {@code chat.postMessage}
	 * @param body the JSON body
	 * @return Slack's answer, which has {@code "ok": true}
	 */
	JsonNode call(String method, String body) {
		HttpRequest request = HttpRequest.newBuilder(this.base.resolve(method))
			.timeout(TIMEOUT)
			.header("Content-Type", "application/json; charset=utf-8")
			.header("Authorization", "Bearer " + this.token)
			.POST(BodyPublishers.ofString(body, StandardCharsets.UTF_8))
			.build();
		HttpResponse<String> response;
		try {
			response = this.http.send(request, BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new RetriableSlackException(method + ": " + ex.getClass().getSimpleName(), null, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RetriableSlackException(method + ": interrupted", null, ex);
		}
		int status = response.statusCode();
		if (status == 429) {
			throw new RetriableSlackException(method + ": HTTP 429", retryAfter(response), null);
		}
		if (status >= 500) {
			throw new RetriableSlackException(method + ": HTTP " + status, null, null);
		}
		if (status != 200) {
			throw new NonRetriableSlackException(method + ": HTTP " + status, "http_" + status);
		}
		JsonNode answer;
		try {
			answer = this.json.readTree(response.body());
		}
		catch (JacksonException ex) {
			throw new RetriableSlackException(method + ": the answer is not JSON", null, null);
		}
		if (answer.path("ok").asBoolean(false)) {
			return answer;
		}
		String error = answer.path("error").asString("unknown_error");
		if (TEMPORARY.contains(error)) {
			throw new RetriableSlackException(method + ": " + error, null, null);
		}
		throw new NonRetriableSlackException(method + ": " + error, error);
	}

	private static Duration retryAfter(HttpResponse<?> response) {
		return response.headers().firstValue("Retry-After").map((value) -> {
			try {
				return Duration.ofSeconds(Math.max(1, Long.parseLong(value.strip())));
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}).orElse(null);
	}

	@Override
	public void destroy() {
		this.http.close();
	}

}
