package dev.kotae.channels.admin;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;

import dev.kotae.bot.analytics.Analytics;
import dev.kotae.bot.analytics.DailyRow;
import dev.kotae.bot.analytics.Filter;
import dev.kotae.bot.analytics.Heatmap;
import dev.kotae.bot.analytics.Range;
import dev.kotae.bot.analytics.Summary;
import dev.kotae.bot.analytics.Summary.AfterHours;
import dev.kotae.bot.analytics.Summary.Conversations;
import dev.kotae.bot.analytics.Summary.Csat;
import dev.kotae.bot.analytics.Summary.Decisions;
import dev.kotae.bot.analytics.Summary.Handoffs;
import dev.kotae.bot.analytics.Summary.Nps;
import dev.kotae.bot.analytics.Summary.TopFaq;
import dev.kotae.bot.analytics.Summary.Votes;
import dev.kotae.bot.conversation.Channel;
import dev.kotae.bot.site.Sites;
import dev.kotae.bot.unanswered.Cluster;
import dev.kotae.bot.unanswered.UnansweredQuestions;
import dev.kotae.channels.web.BadRequestException;
import dev.kotae.channels.web.Params;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/analytics/summary|daily|daily.csv|heatmap?from=&to=&channel=&site=}: the
 * dashboard's numbers (admins, editors and agents). {@code from} and {@code to} are dates in the
 * team's time zone, both included; the default is the 30 days up to today. {@code GET
 * /api/v1/analytics/unanswered}: the largest clusters of unanswered questions, read-only.
 * docs/analytics.md defines each figure.
 */
@RestController
@RequestMapping("/api/v1/analytics")
class AnalyticsController {

	static final int DEFAULT_DAYS = 30;

	/** Most clusters {@code /unanswered} lists. */
	static final int MAX_CLUSTERS = 50;

	/** Sample questions shown per cluster. */
	private static final int SAMPLES = 3;

	private static final String[] CSV_COLUMNS = { "date", "conversations", "engaged", "self_resolved", "escalated",
			"helpful_yes", "helpful_no" };

	private final Analytics analytics;

	private final Sites sites;

	private final UnansweredQuestions unanswered;

	private final Clock clock;

	AnalyticsController(Analytics analytics, Sites sites, UnansweredQuestions unanswered,
			ObjectProvider<Clock> clock) {
		this.analytics = analytics;
		this.sites = sites;
		this.unanswered = unanswered;
		this.clock = clock.getIfAvailable(Clock::systemUTC);
	}

	@GetMapping("/summary")
	SummaryView summary(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String channel, @RequestParam(required = false) String site) {
		Query query = query(from, to, channel, site);
		Summary s = this.analytics.summary(query.range(), query.filter());
		return new SummaryView(query.from(), query.to(), this.analytics.zone().getId(), query.channel(), query.site(),
				s.conversations(), s.decisions(), s.votes(), s.csat(), s.nps(), s.handoffs(), s.afterHours(),
				s.topFaqs());
	}

	@GetMapping("/daily")
	DailyView daily(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String channel, @RequestParam(required = false) String site) {
		Query query = query(from, to, channel, site);
		return new DailyView(query.from(), query.to(), this.analytics.zone().getId(), query.channel(), query.site(),
				this.analytics.daily(query.range(), query.filter()));
	}

	/** Conversations started by weekday (Monday first) and hour in the team's time zone. */
	@GetMapping("/heatmap")
	HeatmapView heatmap(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String channel, @RequestParam(required = false) String site) {
		Query query = query(from, to, channel, site);
		return new HeatmapView(query.from(), query.to(), this.analytics.zone().getId(), query.channel(), query.site(),
				this.analytics.heatmap(query.range(), query.filter()));
	}

	/**
	 * The largest clusters of unanswered questions (of {@code kotae.unanswered.lookback}, every
	 * channel and site: the clustering knows no date range), as the unanswered-question inbox shows
	 * them, without the actions that change them.
	 */
	@GetMapping("/unanswered")
	List<ClusterView> unanswered(@RequestParam(required = false) String locale,
			@RequestParam(defaultValue = "10") int limit) {
		if (limit < 1 || limit > MAX_CLUSTERS) {
			throw new BadRequestException("limit", "limit must be between 1 and " + MAX_CLUSTERS);
		}
		this.unanswered.refresh();
		return this.unanswered.clusters(Params.locale(locale), limit).stream().map(ClusterView::of).toList();
	}

	/** The daily series as a spreadsheet: a header row, then one row per day. */
	@GetMapping("/daily.csv")
	ResponseEntity<String> dailyCsv(@RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String channel,
			@RequestParam(required = false) String site) {
		Query query = query(from, to, channel, site);
		StringWriter out = new StringWriter();
		try (CSVPrinter printer = new CSVPrinter(out,
				CSVFormat.RFC4180.builder().setHeader(CSV_COLUMNS).setRecordSeparator("\r\n").get())) {
			for (DailyRow day : this.analytics.daily(query.range(), query.filter())) {
				// dates and counts only: no text a spreadsheet could run as a formula
				printer.printRecord(day.date(), day.conversations(), day.engaged(), day.selfResolved(),
						day.escalated(), day.helpfulYes(), day.helpfulNo());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		String name = "kotae-daily-" + query.from() + "-" + query.to() + ".csv";
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
			.body(out.toString());
	}

	private Query query(String from, String to, String channel, String site) {
		LocalDate today = this.clock.instant().atZone(this.analytics.zone()).toLocalDate();
		LocalDate last = (to != null) ? date("to", to) : null;
		LocalDate first = (from != null) ? date("from", from) : null;
		if (last == null) {
			last = (first != null && first.isAfter(today)) ? first : today;
		}
		if (first == null) {
			first = last.minusDays(DEFAULT_DAYS - 1);
		}
		if (first.isAfter(last)) {
			throw new BadRequestException("from", "from must be on or before to");
		}
		if (ChronoUnit.DAYS.between(first, last) + 1 > Analytics.MAX_DAYS) {
			throw new BadRequestException("from", "the range may span at most " + Analytics.MAX_DAYS + " days");
		}
		Channel ch = null;
		if (channel != null && !channel.isBlank()) {
			ch = switch (channel) {
				case "web" -> Channel.WEB;
				case "line" -> Channel.LINE;
				default -> throw new BadRequestException("channel", "channel must be web or line");
			};
		}
		String siteKey = (site != null && !site.isBlank()) ? site : null;
		if (siteKey != null && this.sites.find(siteKey).isEmpty()) {
			throw new BadRequestException("site", "no site has the key '" + siteKey + "'");
		}
		return new Query(first, last, Range.ofDays(first, last, this.analytics.zone()), new Filter(ch, siteKey));
	}

	private static LocalDate date(String field, String value) {
		try {
			return LocalDate.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw new BadRequestException(field, field + " must be a date such as 2026-11-24");
		}
	}

	/** A request's days (both included) and filter. */
	private record Query(LocalDate from, LocalDate to, Range range, Filter filter) {

		String channel() {
			return (this.filter.channel() != null) ? this.filter.channel().code() : null;
		}

		String site() {
			return this.filter.siteKey();
		}

	}

	/** The summary with what it is of; rates are shares from 0 to 1, absent when nothing to divide by. */
	record SummaryView(LocalDate from, LocalDate to, String timeZone, String channel, String site,
			Conversations conversations, Decisions decisions, Votes votes, Csat csat, Nps nps, Handoffs handoffs,
			AfterHours afterHours, List<TopFaq> topFaqs) {
	}

	/** The heat map with what it is of. */
	record HeatmapView(LocalDate from, LocalDate to, String timeZone, String channel, String site,
			Heatmap heatmap) {
	}

	/**
	 * A cluster of unanswered questions.
	 *
	 * @param size how many times its questions were asked
	 * @param label its most central question
	 * @param samples a few of its distinct questions, the label first
	 */
	record ClusterView(String id, String locale, int size, int distinctQuestions, String label, List<String> samples,
			Instant lastSeen) {

		static ClusterView of(Cluster cluster) {
			return new ClusterView(cluster.id(), cluster.locale().code(), cluster.size(), cluster.distinctQuestions(),
					cluster.label(), cluster.samples().stream().limit(SAMPLES).toList(), cluster.lastSeen());
		}

	}

	/** One row per day from {@code from} to {@code to}. */
	record DailyView(LocalDate from, LocalDate to, String timeZone, String channel, String site, List<DailyRow> days) {
	}

}
