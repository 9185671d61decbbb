package dev.kotae.channels.line;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;

/**
 * The few Messaging API endpoints Kotae calls, over {@code java.net.http} with the channel access
 * token, and their outcome sorted: a 2xx returns, a 429 (with its {@code Retry-After}), a 5xx or an
 * I/O error throws {@link RetriableLineException}, any other status {@link NonRetriableLineException}.
 * <p>
 * Not the SDK's {@code MessagingApiClient}: the outbox stores each push as its JSON body and must send
 * it with the same {@code X-Line-Retry-Key} on every attempt, tell a 409 ("already accepted with this
 * key") from other refusals and honour {@code Retry-After}, which is plainer with the status code in
 * hand than through the client's futures and exception types.
 */
class LineApi implements DisposableBean {

	static final Duration TIMEOUT = Duration.ofSeconds(10);

	/** How long LINE shows the loading animation at most (5–60 s, in steps of 5). */
	static final int LOADING_SECONDS = 20;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

	private final URI base;

	private final String token;

	private final JsonMapper json;

	LineApi(LineProperties properties, JsonMapper json) {
		String url = properties.apiBaseUrl().toString();
		this.base = URI.create(url.endsWith("/") ? url : url + "/");
		this.token = properties.channelToken();
		this.json = json;
	}

	/** A LINE user's profile, as far as Kotae uses it. */
	record Profile(String displayName, String language) {
	}

	/** Replies to an event with up to 5 messages ({@code POST /v2/bot/message/reply}). */
	void reply(String replyToken, JsonNode messages) {
		String body = this.json.writeValueAsString(
				this.json.createObjectNode().put("replyToken", replyToken).set("messages", messages));
		send("reply", request("v2/bot/message/reply").POST(BodyPublishers.ofString(body, StandardCharsets.UTF_8)),
				false);
	}

	/**
	 * Pushes messages ({@code POST /v2/bot/message/push}) with a retry key. A 409 means LINE already
	 * accepted a request with this key (an earlier attempt whose answer was lost), so it returns too.
	 * @param body the JSON body: {@code to} and {@code messages}
	 */
	void push(UUID retryKey, String body) {
		send("push", request("v2/bot/message/push").header("X-Line-Retry-Key", retryKey.toString())
			.POST(BodyPublishers.ofString(body, StandardCharsets.UTF_8)), true);
	}

	/** A user's profile ({@code GET /v2/bot/profile/{userId}}). */
	Profile profile(String userId) {
		String answer = send("profile",
				request("v2/bot/profile/" + URLEncoder.encode(userId, StandardCharsets.UTF_8)).GET(), false);
		try {
			JsonNode profile = this.json.readTree(answer);
			return new Profile(profile.path("displayName").asString(null), profile.path("language").asString(null));
		}
		catch (JacksonException ex) {
			throw new NonRetriableLineException("profile: the answer is not JSON", 200);
		}
	}

	/** Shows the "…" animation in the user's chat until the next message or the time-out. */
	void showLoading(String userId) {
		String body = this.json.writeValueAsString(
				this.json.createObjectNode().put("chatId", userId).put("loadingSeconds", LOADING_SECONDS));
		send("loading", request("v2/bot/chat/loading/start").POST(BodyPublishers.ofString(body, StandardCharsets.UTF_8)),
				false);
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(this.base.resolve(path))
			.timeout(TIMEOUT)
			.header("Content-Type", "application/json; charset=utf-8")
			.header("Authorization", "Bearer " + this.token);
	}

	private String send(String what, HttpRequest.Builder request, boolean conflictIsSuccess) {
		HttpResponse<String> response;
		try {
			response = this.http.send(request.build(), BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new RetriableLineException(what + ": " + ex.getClass().getSimpleName(), 0, null, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RetriableLineException(what + ": interrupted", 0, null, ex);
		}
		int status = response.statusCode();
		if (status / 100 == 2 || (status == 409 && conflictIsSuccess)) {
			return response.body();
		}
		String message = what + ": HTTP " + status + error(response.body());
		if (status == 429) {
			throw new RetriableLineException(message, status, retryAfter(response), null);
		}
		if (status >= 500) {
			throw new RetriableLineException(message, status, null, null);
		}
		throw new NonRetriableLineException(message, status);
	}

	/** LINE's error message (about the request, e.g. "Invalid reply token"; never message text), shortened. */
	private String error(String body) {
		try {
			String message = this.json.readTree(body).path("message").asString("");
			if (message.isBlank()) {
				return "";
			}
			return " (" + ((message.length() > 120) ? message.substring(0, 120) + "…" : message) + ")";
		}
		catch (JacksonException | IllegalArgumentException ex) {
			return "";
		}
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
