package dev.kotae.channels.admin;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.kotae.bot.voc.VocLog;
import dev.kotae.bot.voc.VocLog.Entry;
import dev.kotae.channels.web.BadRequestException;
import dev.kotae.kb.csv.FaqCsv;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * {@code GET /api/v1/voc/export?from=&to=&format=csv|jsonl}: the Voice of Customer log, streamed
 * (admin only). {@code from} and {@code to} are dates (UTC, both included) or instants ({@code to}
 * excluded); the default is the last 30 days. CSV cells that a spreadsheet would run as formulas
 * are neutralised.
 */
@RestController
class VocExportController {

	static final Duration DEFAULT_RANGE = Duration.ofDays(30);

	private static final String[] COLUMNS = { "message_id", "at", "conversation_id", "channel", "site", "locale",
			"attributes", "sender", "kind", "text", "reply_to", "faq_id", "reason", "confidence", "helpful",
			"feedback_comment" };

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final VocLog log;

	private final Clock clock = Clock.systemUTC();

	VocExportController(VocLog log) {
		this.log = log;
	}

	@GetMapping("/api/v1/voc/export")
	ResponseEntity<StreamingResponseBody> export(@RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(defaultValue = "csv") String format) {
		Instant end = (to != null) ? instant("to", to, true) : this.clock.instant();
		Instant start = (from != null) ? instant("from", from, false) : end.minus(DEFAULT_RANGE);
		if (!start.isBefore(end)) {
			throw new BadRequestException("from", "from must be before to");
		}
		boolean csv = switch (format) {
			case "csv" -> true;
			case "jsonl" -> false;
			default -> throw new BadRequestException("format", "format must be csv or jsonl");
		};
		String name = "voc-" + start.toString().substring(0, 10) + "-" + end.toString().substring(0, 10)
				+ (csv ? ".csv" : ".jsonl");
		StreamingResponseBody body = (out) -> {
			Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
			if (csv) {
				writeCsv(writer, start, end);
			}
			else {
				this.log.export(start, end, (entry) -> write(writer, JSON.writeValueAsString(json(entry)) + "\n"));
			}
			writer.flush();
		};
		return ResponseEntity.ok()
			.contentType(csv ? new MediaType("text", "csv", StandardCharsets.UTF_8)
					: new MediaType("application", "x-ndjson", StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
			.body(body);
	}

	private void writeCsv(Writer writer, Instant start, Instant end) throws IOException {
		CSVPrinter printer = new CSVPrinter(writer, CSVFormat.RFC4180.builder().setHeader(COLUMNS).get());
		this.log.export(start, end, (e) -> {
			try {
				printer.printRecord(e.messageId(), e.at(), e.conversationId(), e.channel(), e.siteKey(), e.locale(),
						FaqCsv.cell(attributes(e.attributes())), e.sender(), e.kind(), FaqCsv.cell(e.text()), e.replyTo(),
						e.faqId(), e.reason(), e.confidence(), e.helpful(), FaqCsv.cell(e.feedbackComment()));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
		printer.flush();
	}

	private static Map<String, Object> json(Entry e) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("message_id", e.messageId());
		json.put("at", e.at().toString());
		json.put("conversation_id", e.conversationId());
		json.put("channel", e.channel());
		json.put("site", e.siteKey());
		json.put("locale", e.locale());
		json.put("attributes", e.attributes());
		json.put("sender", e.sender());
		json.put("kind", e.kind());
		json.put("text", e.text());
		json.put("reply_to", e.replyTo());
		json.put("faq_id", e.faqId());
		json.put("reason", e.reason());
		json.put("confidence", e.confidence());
		json.put("helpful", e.helpful());
		json.put("feedback_comment", e.feedbackComment());
		return json;
	}

	private static String attributes(Map<String, String> attributes) {
		StringBuilder out = new StringBuilder();
		attributes.forEach((k, v) -> out.append(out.isEmpty() ? "" : "; ").append(k).append('=').append(v));
		return out.toString();
	}

	private static void write(Writer writer, String text) {
		try {
			writer.write(text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A date (start of day, or start of the next day for an inclusive end) or an instant. */
	private static Instant instant(String field, String value, boolean end) {
		try {
			if (value.length() == 10) {
				LocalDate date = LocalDate.parse(value);
				return (end ? date.plusDays(1) : date).atStartOfDay(ZoneOffset.UTC).toInstant();
			}
			return Instant.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw new BadRequestException(field, field + " must be a date (2026-11-24) or an instant (2026-11-24T09:00:00Z)");
		}
	}

}
