package dev.kotae.bot.analytics;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.kotae.bot.analytics.Summary.AfterHours;
import dev.kotae.bot.analytics.Summary.Conversations;
import dev.kotae.bot.analytics.Summary.Csat;
import dev.kotae.bot.analytics.Summary.Decisions;
import dev.kotae.bot.analytics.Summary.Handoffs;
import dev.kotae.bot.analytics.Summary.Nps;
import dev.kotae.bot.analytics.Summary.TopFaq;
import dev.kotae.bot.analytics.Summary.Votes;
import dev.kotae.bot.handoff.BusinessHours;
import dev.kotae.bot.handoff.HandoffProperties;
import dev.kotae.kb.faq.Faq;
import dev.kotae.kb.faq.FaqService;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The numbers of the analytics dashboard, for the conversations started in a range (all that
 * happened in them counts, even after the range ends). A handful of SQL aggregates that run on H2
 * and PostgreSQL alike ({@code SUM(CASE …)}, no {@code FILTER}); percentiles are taken in Java from
 * the response times of the range's hand-offs. docs/analytics.md defines every figure.
 */
@Service
public class Analytics {

	/** Longest range {@link #daily} takes, in days. */
	public static final int MAX_DAYS = 366;

	/** How many FAQs {@link Summary#topFaqs()} lists. */
	static final int TOP_FAQS = 10;

	/** User messages that make a conversation engaged: typed, picked, or "talk to a person". */
	private static final String ENGAGED_KINDS = "'text', 'choice', 'human_request'";

	/** The bot's decisions (not greetings, nor queue positions while a user waits for a person). */
	private static final String DECISION_KINDS = "'answer', 'choices', 'escalate', 'smalltalk'";

	/** The heat map's unit of counting in the database: every time zone's offset is a multiple of it. */
	private static final int QUARTER_SECONDS = 15 * 60;

	private final JdbcClient jdbc;

	private final FaqService faqs;

	private final HandoffProperties handoff;

	private final BusinessHours hours;

	Analytics(JdbcClient jdbc, FaqService faqs, HandoffProperties handoff) {
		this.jdbc = jdbc;
		this.faqs = faqs;
		this.handoff = handoff;
		this.hours = new BusinessHours(handoff);
	}

	/** The team's time zone ({@code kotae.handoff.time-zone}), in which days begin and end. */
	public ZoneId zone() {
		return this.handoff.timeZone();
	}

	/** Every figure of the conversations started in {@code range}. */
	@Transactional(readOnly = true)
	public Summary summary(Range range, Filter filter) {
		Counts counts = new Counts();
		Counts afterHours = new Counts();
		for (Counts row : conversationCounts(range, filter, List.of())) {
			counts.add(row);
			if (row.afterHours) {
				afterHours.add(row);
			}
		}
		long inHoursEngaged = counts.engaged - afterHours.engaged;
		long inHoursSelfResolved = counts.selfResolved - afterHours.selfResolved;
		List<Replies> replies = replies(range, filter);
		return new Summary(
				new Conversations(counts.conversations, counts.engaged, counts.selfResolved, counts.escalated,
						counts.engaged - counts.selfResolved - counts.escalated, rate(counts.selfResolved, counts.engaged),
						rate(counts.escalated, counts.engaged)),
				decisions(replies), new Votes(counts.helpfulYes, counts.helpfulNo,
						rate(counts.helpfulYes, counts.helpfulYes + counts.helpfulNo)),
				new Csat(counts.ratings, (counts.ratings > 0) ? (double) counts.ratingSum / counts.ratings : null,
						counts.satisfied, rate(counts.satisfied, counts.ratings)),
				new Nps(counts.npsResponses, counts.promoters, counts.npsResponses - counts.promoters - counts.detractors,
						counts.detractors,
						(counts.npsResponses > 0)
								? 100.0 * (counts.promoters - counts.detractors) / counts.npsResponses : null),
				handoffs(range, filter, counts.engaged),
				new AfterHours(afterHours.engaged, rate(afterHours.engaged, counts.engaged), afterHours.selfResolved,
						rate(afterHours.selfResolved, afterHours.engaged), inHoursEngaged, inHoursSelfResolved,
						rate(inHoursSelfResolved, inHoursEngaged)),
				topFaqs(replies));
	}

	/**
	 * One row per day of {@code range} in the team's time zone (partial first and last days when the
	 * range does not start or end at midnight), days without conversations included.
	 * @throws IllegalArgumentException when the range spans more than {@link #MAX_DAYS} days
	 */
	@Transactional(readOnly = true)
	public List<DailyRow> daily(Range range, Filter filter) {
		LocalDate first = range.from().atZone(zone()).toLocalDate();
		List<LocalDate> dates = new ArrayList<>(List.of(first));
		List<Instant> boundaries = new ArrayList<>();
		for (LocalDate next = first.plusDays(1); next.atStartOfDay(zone()).toInstant().isBefore(range.to());
				next = next.plusDays(1)) {
			if (dates.size() == MAX_DAYS) {
				throw new IllegalArgumentException("A daily series spans at most " + MAX_DAYS + " days");
			}
			dates.add(next);
			boundaries.add(next.atStartOfDay(zone()).toInstant());
		}
		Counts[] days = new Counts[dates.size()];
		for (Counts row : conversationCounts(range, filter, boundaries)) {
			if (days[row.bucket] == null) {
				days[row.bucket] = new Counts();
			}
			days[row.bucket].add(row);
		}
		List<DailyRow> rows = new ArrayList<>(dates.size());
		for (int i = 0; i < dates.size(); i++) {
			Counts day = (days[i] != null) ? days[i] : new Counts();
			rows.add(new DailyRow(dates.get(i), day.conversations, day.engaged, day.selfResolved, day.escalated,
					day.helpfulYes, day.helpfulNo));
		}
		return rows;
	}

	/**
	 * Per-conversation flags summed per day bucket and after-hours flag. With no boundaries every
	 * conversation is in bucket 0; with boundaries b1 < b2 < … a conversation started before b1 is in
	 * bucket 0, before b2 in bucket 1, and so on.
	 */
	private List<Counts> conversationCounts(Range range, Filter filter, List<Instant> boundaries) {
		List<Object> params = new ArrayList<>();
		StringBuilder bucket = new StringBuilder();
		if (boundaries.isEmpty()) {
			bucket.append("0");
		}
		else {
			bucket.append("CASE");
			for (int i = 0; i < boundaries.size(); i++) {
				bucket.append(" WHEN c.created_at < ? THEN ").append(i);
				params.add(utc(boundaries.get(i)));
			}
			bucket.append(" ELSE ").append(boundaries.size()).append(" END");
		}
		String where = where(range, filter, params);
		String sql = "SELECT t.bucket, t.after_hours, COUNT(*) AS conversations, "
				+ "COALESCE(SUM(t.engaged), 0) AS engaged, "
				+ "COALESCE(SUM(CASE WHEN t.engaged = 1 AND t.handed_off = 0 AND t.helpful_no = 0 THEN 1 ELSE 0 END), 0) "
				+ "AS self_resolved, "
				+ "COALESCE(SUM(CASE WHEN t.engaged = 1 AND t.handed_off = 1 THEN 1 ELSE 0 END), 0) AS escalated, "
				+ "COALESCE(SUM(t.helpful_yes), 0) AS helpful_yes, COALESCE(SUM(t.helpful_no), 0) AS helpful_no, "
				+ "COUNT(t.rating_score) AS ratings, COALESCE(SUM(t.rating_score), 0) AS rating_sum, "
				+ "COALESCE(SUM(CASE WHEN t.rating_score >= 4 THEN 1 ELSE 0 END), 0) AS satisfied, "
				+ "COUNT(t.nps_score) AS nps_responses, "
				+ "COALESCE(SUM(CASE WHEN t.nps_score >= 9 THEN 1 ELSE 0 END), 0) AS promoters, "
				+ "COALESCE(SUM(CASE WHEN t.nps_score <= 6 THEN 1 ELSE 0 END), 0) AS detractors "
				+ "FROM (SELECT " + bucket + " AS bucket, c.after_hours, c.rating_score, c.nps_score, "
				+ "CASE WHEN EXISTS (SELECT 1 FROM message u WHERE u.conversation_id = c.id AND u.sender = 'user' "
				+ "AND u.kind IN (" + ENGAGED_KINDS + ")) THEN 1 ELSE 0 END AS engaged, "
				+ "CASE WHEN EXISTS (SELECT 1 FROM handoff h WHERE h.conversation_id = c.id) THEN 1 ELSE 0 END "
				+ "AS handed_off, "
				+ "(SELECT COUNT(*) FROM message a WHERE a.conversation_id = c.id AND a.sender = 'bot' "
				+ "AND a.kind = 'answer' AND a.helpful = TRUE) AS helpful_yes, "
				+ "(SELECT COUNT(*) FROM message a WHERE a.conversation_id = c.id AND a.sender = 'bot' "
				+ "AND a.kind = 'answer' AND a.helpful = FALSE) AS helpful_no "
				+ "FROM conversation c WHERE " + where + ") t GROUP BY t.bucket, t.after_hours";
		return this.jdbc.sql(sql).params(params).query((rs, n) -> {
			Counts row = new Counts();
			row.bucket = rs.getInt("bucket");
			row.afterHours = rs.getBoolean("after_hours");
			row.conversations = rs.getLong("conversations");
			row.engaged = rs.getLong("engaged");
			row.selfResolved = rs.getLong("self_resolved");
			row.escalated = rs.getLong("escalated");
			row.helpfulYes = rs.getLong("helpful_yes");
			row.helpfulNo = rs.getLong("helpful_no");
			row.ratings = rs.getLong("ratings");
			row.ratingSum = rs.getLong("rating_sum");
			row.satisfied = rs.getLong("satisfied");
			row.npsResponses = rs.getLong("nps_responses");
			row.promoters = rs.getLong("promoters");
			row.detractors = rs.getLong("detractors");
			return row;
		}).list();
	}

	/**
	 * The bot's decisions in the range's conversations, counted by kind, reason and FAQ: one pass over
	 * the replies for {@link #decisions} and {@link #topFaqs}.
	 */
	private List<Replies> replies(Range range, Filter filter) {
		List<Object> params = new ArrayList<>();
		String where = where(range, filter, params);
		return this.jdbc
			.sql("SELECT m.kind, m.decision_reason, m.faq_id, COUNT(*) AS replies, "
					+ "COALESCE(SUM(CASE WHEN u.kind = 'text' THEN 1 ELSE 0 END), 0) AS to_text, "
					+ "COALESCE(SUM(CASE WHEN m.helpful = TRUE THEN 1 ELSE 0 END), 0) AS helpful_yes, "
					+ "COALESCE(SUM(CASE WHEN m.helpful = FALSE THEN 1 ELSE 0 END), 0) AS helpful_no "
					+ "FROM conversation c JOIN message m ON m.conversation_id = c.id "
					+ "LEFT JOIN message u ON u.id = m.reply_to AND u.sender = 'user' "
					+ "WHERE " + where + " AND m.sender = 'bot' AND m.kind IN (" + DECISION_KINDS + ") "
					+ "GROUP BY m.kind, m.decision_reason, m.faq_id")
			.params(params)
			.query((rs, n) -> new Replies(rs.getString("kind"), rs.getString("decision_reason"), rs.getString("faq_id"),
					rs.getLong("replies"), rs.getLong("to_text"), rs.getLong("helpful_yes"), rs.getLong("helpful_no")))
			.list();
	}

	private static Decisions decisions(List<Replies> rows) {
		Map<String, Long> byKind = rows.stream()
			.collect(Collectors.groupingBy(Replies::kind, Collectors.summingLong(Replies::replies)));
		Map<String, Long> reasons = rows.stream()
			.filter((r) -> r.kind().equals("escalate"))
			.collect(Collectors.groupingBy((r) -> (r.reason() != null) ? r.reason() : "unknown",
					Collectors.summingLong(Replies::replies)));
		long replies = rows.stream().mapToLong(Replies::replies).sum();
		long toText = rows.stream().mapToLong(Replies::toText).sum();
		long answersToText = rows.stream().filter((r) -> r.kind().equals("answer")).mapToLong(Replies::toText).sum();
		return new Decisions(replies, byKind.getOrDefault("answer", 0L), byKind.getOrDefault("choices", 0L),
				byKind.getOrDefault("escalate", 0L), byKind.getOrDefault("smalltalk", 0L), mostFirst(reasons), toText,
				answersToText, rate(answersToText, toText));
	}

	private Handoffs handoffs(Range range, Filter filter, long engaged) {
		List<Object> params = new ArrayList<>();
		String where = where(range, filter, params);
		record Row(String conversationId, boolean engaged, String reason, String status, Instant requestedAt,
				Long firstResponseMs) {
		}
		List<Row> rows = this.jdbc
			.sql("SELECT h.conversation_id, h.reason, h.status, h.requested_at, h.first_response_ms, "
					+ "CASE WHEN EXISTS (SELECT 1 FROM message u WHERE u.conversation_id = c.id AND u.sender = 'user' "
					+ "AND u.kind IN (" + ENGAGED_KINDS + ")) THEN 1 ELSE 0 END AS engaged "
					+ "FROM conversation c JOIN handoff h ON h.conversation_id = c.id WHERE " + where + " ORDER BY h.id")
			.params(params)
			.query((rs, n) -> {
				long ms = rs.getLong("first_response_ms");
				Long firstResponse = rs.wasNull() ? null : ms;
				return new Row(rs.getString("conversation_id"), rs.getInt("engaged") == 1, rs.getString("reason"),
						rs.getString("status"), rs.getObject("requested_at", OffsetDateTime.class).toInstant(),
						firstResponse);
			})
			.list();
		Map<String, Long> byReason = rows.stream().collect(Collectors.groupingBy(Row::reason, Collectors.counting()));
		// an escalated conversation counts once, for the reason of its first hand-off
		Map<String, String> firstReason = new LinkedHashMap<>();
		rows.stream().filter(Row::engaged).forEach((r) -> firstReason.putIfAbsent(r.conversationId(), r.reason()));
		Map<String, Long> escalatedByReason = mostFirst(
				firstReason.values().stream().collect(Collectors.groupingBy((r) -> r, Collectors.counting())));
		Map<String, Double> escalationRateByReason = new LinkedHashMap<>();
		escalatedByReason.forEach((reason, count) -> escalationRateByReason.put(reason, rate(count, engaged)));
		// a claimed hand-off is no longer 'offline': when it was requested tells
		List<Row> inHours = rows.stream()
			.filter((r) -> !r.status().equals("offline") && this.hours.isOpen(r.requestedAt()))
			.toList();
		long[] responses = inHours.stream()
			.filter((r) -> r.firstResponseMs() != null)
			.mapToLong(Row::firstResponseMs)
			.sorted()
			.toArray();
		Duration sla = this.handoff.sla();
		long withinSla = Arrays.stream(responses).filter((ms) -> ms <= sla.toMillis()).count();
		return new Handoffs(rows.size(), mostFirst(byReason), rows.size() - inHours.size(), inHours.size(),
				responses.length, seconds(Percentiles.of(responses, 0.5)), seconds(Percentiles.of(responses, 0.9)),
				sla.toSeconds(), withinSla, rate(withinSla, inHours.size()), inHours.size() - withinSla,
				escalatedByReason, Collections.unmodifiableMap(escalationRateByReason));
	}

	/**
	 * The conversations started in {@code range} by weekday and hour of the day in the team's time
	 * zone. The database counts them per quarter of an hour since the epoch ({@code EXTRACT(EPOCH …)},
	 * the same on H2 and PostgreSQL); Java puts each quarter in its weekday and hour, so any time zone
	 * and daylight saving time work without database time-zone functions.
	 */
	@Transactional(readOnly = true)
	public Heatmap heatmap(Range range, Filter filter) {
		List<Object> params = new ArrayList<>();
		String where = where(range, filter, params);
		long[][] counts = new long[7][24];
		this.jdbc
			.sql("SELECT t.quarter, COUNT(*) AS conversations FROM (SELECT FLOOR(EXTRACT(EPOCH FROM c.created_at) / "
					+ QUARTER_SECONDS + ") AS quarter FROM conversation c WHERE " + where + ") t GROUP BY t.quarter")
			.params(params)
			.query((rs) -> {
				ZonedDateTime at = Instant.ofEpochSecond(rs.getLong("quarter") * QUARTER_SECONDS).atZone(zone());
				counts[at.getDayOfWeek().getValue() - 1][at.getHour()] += rs.getLong("conversations");
			});
		return Heatmap.of(counts);
	}

	/** The {@link #TOP_FAQS} FAQs answered with most (ties by id), with their current questions. */
	private List<TopFaq> topFaqs(List<Replies> rows) {
		Map<String, TopFaq> byFaq = new LinkedHashMap<>();
		for (Replies r : rows) {
			if (r.kind().equals("answer") && r.faqId() != null) {
				byFaq.merge(r.faqId(), new TopFaq(r.faqId(), null, r.replies(), r.helpfulYes(), r.helpfulNo()),
						(a, b) -> new TopFaq(a.id(), null, a.answers() + b.answers(), a.helpfulYes() + b.helpfulYes(),
								a.helpfulNo() + b.helpfulNo()));
			}
		}
		List<TopFaq> top = byFaq.values()
			.stream()
			.sorted(Comparator.comparingLong(TopFaq::answers).reversed().thenComparing(TopFaq::id))
			.limit(TOP_FAQS)
			.toList();
		if (top.isEmpty()) {
			return top;
		}
		Map<String, String> questions = this.faqs.findByIds(top.stream().map(TopFaq::id).toList())
			.stream()
			.collect(Collectors.toMap(Faq::id, Faq::question));
		return top.stream()
			.map((f) -> new TopFaq(f.id(), questions.get(f.id()), f.answers(), f.helpfulYes(), f.helpfulNo()))
			.toList();
	}

	/** The conditions on {@code conversation c}; adds their parameters to {@code params}. */
	private static String where(Range range, Filter filter, List<Object> params) {
		StringBuilder where = new StringBuilder("c.created_at >= ? AND c.created_at < ?");
		params.add(utc(range.from()));
		params.add(utc(range.to()));
		if (filter.channel() != null) {
			where.append(" AND c.channel = ?");
			params.add(filter.channel().code());
		}
		if (filter.siteKey() != null) {
			where.append(" AND c.site_key = ?");
			params.add(filter.siteKey());
		}
		return where.toString();
	}

	/** Counts, most first, then by name. */
	private static Map<String, Long> mostFirst(Map<String, Long> counts) {
		Map<String, Long> sorted = new LinkedHashMap<>();
		counts.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
			.forEach((e) -> sorted.put(e.getKey(), e.getValue()));
		return Collections.unmodifiableMap(sorted);
	}

	private static Double rate(long part, long whole) {
		return (whole > 0) ? (double) part / whole : null;
	}

	private static Double seconds(Double millis) {
		return (millis != null) ? millis / 1000.0 : null;
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	/** The bot's replies of one kind, reason and FAQ, and what they were replies to and got. */
	private record Replies(String kind, String reason, String faqId, long replies, long toText, long helpfulYes,
			long helpfulNo) {
	}

	/** Sums of per-conversation figures, for one row of {@link #conversationCounts} or a total. */
	private static final class Counts {

		int bucket;

		boolean afterHours;

		long conversations;

		long engaged;

		long selfResolved;

		long escalated;

		long helpfulYes;

		long helpfulNo;

		long ratings;

		long ratingSum;

		long satisfied;

		long npsResponses;

		long promoters;

		long detractors;

		void add(Counts other) {
			this.conversations += other.conversations;
			this.engaged += other.engaged;
			this.selfResolved += other.selfResolved;
			this.escalated += other.escalated;
			this.helpfulYes += other.helpfulYes;
			this.helpfulNo += other.helpfulNo;
			this.ratings += other.ratings;
			this.ratingSum += other.ratingSum;
			this.satisfied += other.satisfied;
			this.npsResponses += other.npsResponses;
			this.promoters += other.promoters;
			this.detractors += other.detractors;
		}

	}

}
