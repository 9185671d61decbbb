package dev.kotae.bot.analytics;

import java.io.IOException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import dev.kotae.bot.MigratedH2;
import dev.kotae.bot.analytics.Summary.AfterHours;
import dev.kotae.bot.analytics.Summary.Conversations;
import dev.kotae.bot.analytics.Summary.Csat;
import dev.kotae.bot.analytics.Summary.Decisions;
import dev.kotae.bot.analytics.Summary.Handoffs;
import dev.kotae.bot.analytics.Summary.Nps;
import dev.kotae.bot.analytics.Summary.TopFaq;
import dev.kotae.bot.analytics.Summary.Votes;
import dev.kotae.bot.conversation.Channel;
import dev.kotae.bot.handoff.BusinessHours;
import dev.kotae.bot.handoff.HandoffProperties;
import dev.kotae.kb.faq.FaqDraft;
import dev.kotae.kb.faq.FaqService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabase;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * {@link Analytics} against H2 with the real schema (every {@code db/migration} script on the class
 * path, in version order) and a hand-computed month of conversations written straight into the
 * tables. Every figure is asserted exactly.
 */
@SpringJUnitConfig(AnalyticsTests.Config.class)
@EnabledIf(value = "h2OnTheClassPath",
		disabledReason = "needs the H2 driver on bot-core's test class path (com.h2database:h2, scope test)")
class AnalyticsTests {

	static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

	/** November 2026 in Tokyo. */
	static final Range NOVEMBER = Range.ofDays(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-30"), TOKYO);

	@Autowired
	Analytics analytics;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	FaqService faqs;

	static boolean h2OnTheClassPath() {
		return ClassUtils.isPresent("org.h2.Driver", AnalyticsTests.class.getClassLoader());
	}

	/**
	 * Twelve conversations in November (Mon 2 … Sat 7; business hours Mon–Fri 09:00–18:00) and two
	 * just outside it: five resolved by the bot, two left with an answer voted not helpful, four
	 * handed to a person, one never engaged.
	 */
	@BeforeEach
	void november() {
		for (String table : List.of("conversation_event", "handoff", "message", "conversation", "site", "faq")) {
			this.jdbc.sql("DELETE FROM " + table).update();
		}
		this.faqs.create(new FaqDraft("en-invoice", "en", "Where is my invoice?", List.of(), "Under Billing.", null,
				List.of(), "published", null), "editor");
		this.faqs.create(new FaqDraft("en-login", "en", "How do I log in?", List.of(), "Use Sign in.", null, List.of(),
				"published", null), "editor");
		// en-gone was answered with, then deleted
		ConversationRows.Factory rows = ConversationRows.in(this.jdbc, TOKYO,
				new BusinessHours(HandoffProperties.defaults()));
		rows.site("demo");
		rows.site("other");

		// Sunday midnight, the first instant of the range: a greeting, nothing more
		rows.conversation("c11", "2026-11-01T00:00");
		rows.conversation("c1", "2026-11-02T10:00").text().answer("en-invoice", true).rated(5, 10);
		rows.conversation("c2", "2026-11-02T11:00").text().answer("en-login", false).rated(4, 9);
		rows.conversation("c3", "2026-11-03T10:00").choice().picked("en-invoice", true).rated(3, 7);
		rows.conversation("c4", "2026-11-03T12:00").text().choices().choice().picked("en-login", true);
		rows.conversation("c5", "2026-11-04T10:00").text().smalltalk("greeting").rated(1, 0);
		rows.conversation("c6", "2026-11-04T22:00").text().answer("en-invoice", false); // after hours
		rows.conversation("c7", "2026-11-05T10:00")
			.humanRequest()
			.escalate("requested_human")
			.text()
			.queued()
			.handoff("requested_human", "closed", Duration.ofSeconds(20))
			.agent("sato")
			.rated(5, 8);
		rows.conversation("c8", "2026-11-05T11:00")
			.text()
			.escalate("low_confidence")
			.handoff("low_confidence", "returned", Duration.ofSeconds(45))
			.agent("sato")
			.escalateUnprompted("not_helpful")
			.handoff("not_helpful", "waiting", null);
		rows.conversation("c9", "2026-11-05T12:00")
			.text()
			.choices()
			.text()
			.escalate("repeated_failure")
			.handoff("repeated_failure", "active", Duration.ofSeconds(90));
		rows.conversation("c12", "2026-11-06T10:00", "line", "other").text().answer("en-gone", null);
		// Saturday: after hours, an offline hand-off answered on Monday (claimed, so no longer 'offline')
		rows.conversation("c10", "2026-11-07T10:00")
			.text()
			.escalate("out_of_scope")
			.handoff("out_of_scope", "closed", Duration.ofHours(47));

		// just outside the range
		rows.conversation("c13", "2026-10-31T23:59:59")
			.text()
			.answer("en-login", true)
			.handoff("frustration", "closed", Duration.ofSeconds(5));
		rows.conversation("c14", "2026-12-01T00:00")
			.text()
			.escalate("frustration")
			.handoff("frustration", "closed", Duration.ofSeconds(5))
			.rated(1, 0);
	}

	@Test
	void conversationsEngagedSelfResolvedAndEscalated() {
		Summary summary = this.analytics.summary(NOVEMBER, Filter.ALL);
		// self-resolved: c1 c3 c4 c5 c12; c2 and c6 voted an answer not helpful; c7 c8 c9 c10 escalated
		assertThat(summary.conversations()).isEqualTo(new Conversations(12, 11, 5, 4, 2, 5.0 / 11, 4.0 / 11));
	}

	@Test
	void botDecisionsAndTheAnswerRateOfTypedMessages() {
		Decisions decisions = this.analytics.summary(NOVEMBER, Filter.ALL).decisions();
		// answers c1 c2 c3 c4 c6 c12; choices c4 c9; escalations c7 c8 c8 c9 c10; small talk c5; not
		// the greetings nor c7's queue position. Typed messages got: c1 c2 c6 c12 answers, c4 c9
		// choices, c5 small talk, c8 c9 c10 escalations
		assertThat(decisions).isEqualTo(new Decisions(14, 6, 2, 5, 1,
				Map.of("low_confidence", 1L, "not_helpful", 1L, "out_of_scope", 1L, "repeated_failure", 1L,
						"requested_human", 1L),
				10, 4, 0.4));
		assertThat(decisions.escalationReasons().keySet()).containsExactly("low_confidence", "not_helpful",
				"out_of_scope", "repeated_failure", "requested_human");
	}

	@Test
	void helpfulVotesCsatAndNps() {
		Summary summary = this.analytics.summary(NOVEMBER, Filter.ALL);
		assertThat(summary.votes()).isEqualTo(new Votes(3, 2, 0.6));
		// 5 4 3 1 5
		assertThat(summary.csat()).isEqualTo(new Csat(5, 3.6, 3, 0.6));
		// 10 9 7 0 8: promoters 2, passives 2, detractors 1
		assertThat(summary.nps()).isEqualTo(new Nps(5, 2, 2, 1, 20.0));
	}

	@Test
	void handoffsTheirReasonsAndFirstResponseTimesDuringBusinessHours() {
		Handoffs handoffs = this.analytics.summary(NOVEMBER, Filter.ALL).handoffs();
		// in hours: 20 s, 45 s, 90 s and one still waiting; median 45, p90 45 + 0.8 × (90 − 45) = 81;
		// within the 60 s SLA: 2 of 4
		assertThat(handoffs).isEqualTo(new Handoffs(5,
				Map.of("low_confidence", 1L, "not_helpful", 1L, "out_of_scope", 1L, "repeated_failure", 1L,
						"requested_human", 1L),
				1, 4, 3, 45.0, 81.0, 60, 2, 0.5, 2,
				Map.of("low_confidence", 1L, "out_of_scope", 1L, "repeated_failure", 1L, "requested_human", 1L),
				Map.of("low_confidence", 1.0 / 11, "out_of_scope", 1.0 / 11, "repeated_failure", 1.0 / 11,
						"requested_human", 1.0 / 11)));
	}

	@Test
	void escalationRateByReasonCountsAConversationOnceForItsFirstHandoff() {
		Summary summary = this.analytics.summary(NOVEMBER, Filter.ALL);
		Handoffs handoffs = summary.handoffs();
		// c8 was handed over for low confidence, then again after two "not helpful" votes: low_confidence
		assertThat(handoffs.escalatedByReason().keySet()).containsExactly("low_confidence", "out_of_scope",
				"repeated_failure", "requested_human");
		assertThat(handoffs.escalatedByReason().values().stream().mapToLong(Long::longValue).sum())
			.isEqualTo(summary.conversations().escalated());
		assertThat(handoffs.escalationRateByReason().values().stream().mapToDouble(Double::doubleValue).sum())
			.isCloseTo(summary.conversations().escalationRate(), within(1e-12));
		// in hours: 20 s and 45 s within the 60 s SLA; 90 s late and one still waiting are breaches
		assertThat(handoffs.slaBreaches()).isEqualTo(2);
	}

	@Test
	void heatmapByWeekdayAndHourInTheTeamsTimeZone() {
		Heatmap heatmap = this.analytics.heatmap(NOVEMBER, Filter.ALL);
		assertThat(heatmap.days()).extracting(Heatmap.Day::weekday).containsExactly(DayOfWeek.values());
		assertThat(heatmap.days()).allSatisfy((d) -> assertThat(d.hours()).hasSize(24));
		assertThat(heatmap.days().stream().flatMap((d) -> d.hours().stream()).mapToLong(Long::longValue).sum())
			.isEqualTo(12);
		assertThat(heatmap.max()).isEqualTo(1);
		// c11 Sunday 00:00; c1 c2 Monday 10 and 11; c3 c4 Tuesday 10 and 12; c5 c6 Wednesday 10 and 22;
		// c7 c8 c9 Thursday 10, 11, 12; c12 Friday 10; c10 Saturday 10
		assertThat(heatmap.conversations(DayOfWeek.SUNDAY, 0)).isEqualTo(1);
		assertThat(heatmap.conversations(DayOfWeek.MONDAY, 10)).isEqualTo(1);
		assertThat(heatmap.conversations(DayOfWeek.MONDAY, 11)).isEqualTo(1);
		assertThat(heatmap.conversations(DayOfWeek.WEDNESDAY, 22)).isEqualTo(1);
		assertThat(heatmap.conversations(DayOfWeek.THURSDAY, 12)).isEqualTo(1);
		assertThat(heatmap.days()).extracting((d) -> d.hours().get(10)).containsExactly(1L, 1L, 1L, 1L, 1L, 1L, 0L);
		assertThat(heatmap.conversations(DayOfWeek.SATURDAY, 0)).isZero();

		// Thursday 5 November only, web on the demo site: c7 c8 c9 at 10, 11 and 12
		Range thursdays = Range.ofDays(LocalDate.parse("2026-11-05"), LocalDate.parse("2026-11-05"), TOKYO);
		Heatmap thursday = this.analytics.heatmap(thursdays, new Filter(Channel.WEB, "demo"));
		assertThat(thursday.days().get(3).hours().subList(9, 14)).containsExactly(0L, 1L, 1L, 1L, 0L);
		assertThat(thursday.days().stream().flatMap((d) -> d.hours().stream()).mapToLong(Long::longValue).sum())
			.isEqualTo(3);
		assertThat(this.analytics.heatmap(NOVEMBER, new Filter(Channel.LINE, null)).conversations(DayOfWeek.FRIDAY, 10))
			.isEqualTo(1);
		assertThat(this.analytics.heatmap(NOVEMBER, new Filter(Channel.LINE, null)).conversations(DayOfWeek.MONDAY, 10))
			.isZero();
	}

	@Test
	void heatmapOfATeamWhoseOffsetIsNotAWholeHour() {
		// Kolkata is UTC+05:30: c1 (Tokyo Monday 10:00 = 01:00 UTC) is Monday 06:30 there, in hour 6;
		// c11 (Tokyo Sunday 00:00) is Saturday 20:30
		Analytics kolkata = new Analytics(this.jdbc, this.faqs,
				new HandoffProperties(Duration.ofSeconds(60), ZoneId.of("Asia/Kolkata"), null, null, null));
		Heatmap heatmap = kolkata.heatmap(NOVEMBER, Filter.ALL);
		assertThat(heatmap.conversations(DayOfWeek.MONDAY, 6)).isEqualTo(1);
		assertThat(heatmap.conversations(DayOfWeek.SATURDAY, 20)).isEqualTo(1);
		assertThat(heatmap.conversations(DayOfWeek.MONDAY, 10)).isZero();
	}

	@Test
	void afterHoursShareAndSelfResolutionAgainstInHours() {
		AfterHours afterHours = this.analytics.summary(NOVEMBER, Filter.ALL).afterHours();
		// engaged after hours: c6 (voted not helpful) and c10 (handed over); c11 started after hours but
		// never engaged. In hours: c1 c3 c4 c5 c12 self-resolved of nine
		assertThat(afterHours).isEqualTo(new AfterHours(2, 2.0 / 11, 0, 0.0, 9, 5, 5.0 / 9));
	}

	@Test
	void topFaqsWithTheirQuestionsAndVotes() {
		assertThat(this.analytics.summary(NOVEMBER, Filter.ALL).topFaqs()).containsExactly(
				new TopFaq("en-invoice", "Where is my invoice?", 3, 2, 1),
				new TopFaq("en-login", "How do I log in?", 2, 1, 1), new TopFaq("en-gone", null, 1, 0, 0));
	}

	@Test
	void filtersByChannelAndSite() {
		Summary line = this.analytics.summary(NOVEMBER, new Filter(Channel.LINE, null));
		assertThat(line.conversations()).isEqualTo(new Conversations(1, 1, 1, 0, 0, 1.0, 0.0));
		assertThat(line.decisions().answers()).isEqualTo(1);
		assertThat(line.topFaqs()).extracting(TopFaq::id).containsExactly("en-gone");
		assertThat(this.analytics.summary(NOVEMBER, new Filter(null, "other"))).isEqualTo(line);

		Summary demo = this.analytics.summary(NOVEMBER, new Filter(Channel.WEB, "demo"));
		assertThat(demo.conversations()).isEqualTo(new Conversations(11, 10, 4, 4, 2, 0.4, 0.4));
		assertThat(demo.handoffs().total()).isEqualTo(5);
		assertThat(this.analytics.summary(NOVEMBER, new Filter(Channel.LINE, "demo")).conversations())
			.isEqualTo(new Conversations(0, 0, 0, 0, 0, null, null));
	}

	@Test
	void anEmptyRangeHasZeroCountsAndNoRates() {
		Range december = Range.ofDays(LocalDate.parse("2026-12-02"), LocalDate.parse("2026-12-31"), TOKYO);
		Summary summary = this.analytics.summary(december, Filter.ALL);
		assertThat(summary).isEqualTo(new Summary(new Conversations(0, 0, 0, 0, 0, null, null),
				new Decisions(0, 0, 0, 0, 0, Map.of(), 0, 0, null), new Votes(0, 0, null), new Csat(0, null, 0, null),
				new Nps(0, 0, 0, 0, null), new Handoffs(0, Map.of(), 0, 0, 0, null, null, 60, 0, null, 0, Map.of(), Map.of()),
				new AfterHours(0, null, 0, null, 0, 0, null), List.of()));
	}

	@Test
	void dailyRowsAreDaysInTheTeamsTimeZoneWithEmptyDaysIncluded() {
		List<DailyRow> days = this.analytics.daily(NOVEMBER, Filter.ALL);
		assertThat(days).hasSize(30);
		assertThat(days.get(0).date()).isEqualTo("2026-11-01");
		assertThat(days.get(29).date()).isEqualTo("2026-11-30");
		assertThat(days.subList(0, 8)).containsExactly(row("2026-11-01", 1, 0, 0, 0, 0, 0),
				row("2026-11-02", 2, 2, 1, 0, 1, 1), row("2026-11-03", 2, 2, 2, 0, 2, 0),
				row("2026-11-04", 2, 2, 1, 0, 0, 1), row("2026-11-05", 3, 3, 0, 3, 0, 0),
				row("2026-11-06", 1, 1, 1, 0, 0, 0), row("2026-11-07", 1, 1, 0, 1, 0, 0),
				row("2026-11-08", 0, 0, 0, 0, 0, 0));
		assertThat(days.subList(8, 30)).allSatisfy((d) -> assertThat(d.conversations()).isZero());
	}

	@Test
	void dailyRowsAddUpToTheSummary() {
		Summary summary = this.analytics.summary(NOVEMBER, Filter.ALL);
		List<DailyRow> days = this.analytics.daily(NOVEMBER, Filter.ALL);
		assertThat(days.stream().mapToLong(DailyRow::conversations).sum()).isEqualTo(summary.conversations().total());
		assertThat(days.stream().mapToLong(DailyRow::engaged).sum()).isEqualTo(summary.conversations().engaged());
		assertThat(days.stream().mapToLong(DailyRow::selfResolved).sum())
			.isEqualTo(summary.conversations().selfResolved());
		assertThat(days.stream().mapToLong(DailyRow::escalated).sum()).isEqualTo(summary.conversations().escalated());
		assertThat(days.stream().mapToLong(DailyRow::helpfulYes).sum()).isEqualTo(summary.votes().yes());
		assertThat(days.stream().mapToLong(DailyRow::helpfulNo).sum()).isEqualTo(summary.votes().no());
	}

	@Test
	void aRangeThatDoesNotStartAtMidnightHasPartialFirstAndLastDays() {
		// 2026-11-02 10:30 to 2026-11-05 10:30 in Tokyo: c2 on the 2nd, c3 c4 c5 c6, c7 on the 5th
		Range range = new Range(LocalDate.parse("2026-11-02").atTime(10, 30).atZone(TOKYO).toInstant(),
				LocalDate.parse("2026-11-05").atTime(10, 30).atZone(TOKYO).toInstant());
		assertThat(this.analytics.daily(range, Filter.ALL)).containsExactly(row("2026-11-02", 1, 1, 0, 0, 0, 1),
				row("2026-11-03", 2, 2, 2, 0, 2, 0), row("2026-11-04", 2, 2, 1, 0, 0, 1),
				row("2026-11-05", 1, 1, 0, 1, 0, 0));
	}

	@Test
	void aDailySeriesSpansAtMostAYearAndADay() {
		LocalDate start = LocalDate.parse("2026-01-01");
		assertThat(this.analytics.daily(Range.ofDays(start, start.plusDays(Analytics.MAX_DAYS - 1), TOKYO), Filter.ALL))
			.hasSize(Analytics.MAX_DAYS);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.analytics.daily(Range.ofDays(start, start.plusDays(Analytics.MAX_DAYS), TOKYO),
					Filter.ALL))
			.withMessageContaining("366");
	}

	private static DailyRow row(String date, long conversations, long engaged, long selfResolved, long escalated,
			long yes, long no) {
		return new DailyRow(LocalDate.parse(date), conversations, engaged, selfResolved, escalated, yes, no);
	}

	@Configuration(proxyBeanMethods = false)
	@ComponentScan(basePackageClasses = FaqService.class, useDefaultFilters = false,
			includeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
					pattern = "dev\\.kotae\\.kb\\.faq\\.Faq(Service|Repository)"))
	static class Config {

		@Bean
		EmbeddedDatabase dataSource() throws IOException {
			return MigratedH2.create();
		}

		@Bean
		JdbcClient jdbcClient(DataSource dataSource) {
			return JdbcClient.create(dataSource);
		}

		@Bean
		Analytics analytics(JdbcClient jdbc, FaqService faqs) {
			return new Analytics(jdbc, faqs,
					new HandoffProperties(Duration.ofSeconds(60), TOKYO, null, null, null));
		}

	}

}
