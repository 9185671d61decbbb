package dev.kotae.channels.line;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kotae.channels.web.Problems;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * LINE's webhook at {@code POST /line/webhook}. The {@code X-Line-Signature} is checked on the raw
 * body before anything parses it: a missing or wrong one gets a 401 problem and nothing is stored.
 * Then each event Kotae handles ({@code follow}, {@code unfollow}, {@code message}, {@code postback}
 * from a user) is stored once by its {@code webhookEventId} (a redelivered event is skipped), LINE
 * gets its 200, and the new events are processed by {@link LineEventWorker}. A webhook without
 * events (LINE's "Verify" button) just gets its 200. If an event cannot be stored, LINE gets a 500 and
 * redelivers it (when redelivery is on in the LINE Developers console).
 */
class LineWebhookServlet extends HttpServlet {

	private static final long serialVersionUID = 1L;

	static final String PATH = "/line/webhook";

	static final String SIGNATURE_HEADER = "X-Line-Signature";

	private static final Set<String> HANDLED = Set.of("follow", "unfollow", "message", "postback");

	private static final Pattern USER_ID = Pattern.compile("U[0-9a-f]{32}");

	private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

	private static final Logger log = LoggerFactory.getLogger(LineWebhookServlet.class);

	private final transient LineSignatureVerifier verifier;

	private final transient LineEventLog events;

	private final transient LineEventWorker worker;

	private final transient ObjectMapper mapper;

	private final transient JsonMapper json;

	private final transient Clock clock;

	LineWebhookServlet(LineSignatureVerifier verifier, LineEventLog events, LineEventWorker worker, ObjectMapper mapper,
			JsonMapper json, Clock clock) {
		this.verifier = verifier;
		this.events = events;
		this.worker = worker;
		this.mapper = mapper;
		this.json = json;
		this.clock = clock;
	}

	/** An event stored now, to process once LINE has its answer. */
	private record Accepted(String webhookEventId, String lineUserId) {
	}

	@Override
	protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
		byte[] body = request.getInputStream().readAllBytes();
		try {
			this.verifier.verify(body, request.getHeader(SIGNATURE_HEADER));
		}
		catch (InvalidLineSignatureException ex) {
			log.warn("Refused a request to {} with a missing or wrong X-Line-Signature", request.getRequestURI());
			Problems.write(request, response, Problems.of(HttpStatus.UNAUTHORIZED, "invalid-line-signature",
					"Invalid LINE signature", ex.getMessage()), this.json);
			return;
		}
		JsonNode root;
		try {
			root = this.mapper.readTree(body);
		}
		catch (IOException ex) {
			root = null;
		}
		if (root == null || !root.path("events").isArray()) {
			Problems.write(request, response, Problems.of(HttpStatus.BAD_REQUEST, "invalid-line-webhook",
					"Invalid LINE webhook", "The body is not a LINE webhook: a JSON object with an events array."),
					this.json);
			return;
		}
		Instant now = this.clock.instant();
		List<Accepted> accepted = new ArrayList<>();
		for (JsonNode event : root.path("events")) {
			String id = event.path("webhookEventId").asText("");
			String type = event.path("type").asText("");
			JsonNode source = event.path("source");
			String userId = source.path("userId").asText("");
			if (!HANDLED.contains(type) || !"user".equals(source.path("type").asText())
					|| !USER_ID.matcher(userId).matches() || !EVENT_ID.matcher(id).matches()) {
				log.debug("LINE: a {} event not from a user chat, or without ids, ignored", type);
				continue;
			}
			if (this.events.receive(id, type, userId, this.mapper.writeValueAsString(event), now)) {
				accepted.add(new Accepted(id, userId));
			}
			else {
				log.info("LINE: event {} ({}) was received before; skipped{}", id, type,
						event.path("deliveryContext").path("isRedelivery").asBoolean(false) ? " (a redelivery)" : "");
			}
		}
		byte[] ok = "{}".getBytes(StandardCharsets.UTF_8);
		response.setStatus(HttpServletResponse.SC_OK);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setContentLength(ok.length);
		response.getOutputStream().write(ok);
		response.flushBuffer();
		for (Accepted event : accepted) {
			this.worker.submit(event.webhookEventId(), event.lineUserId());
		}
	}

}
