package dev.kotae.bot.analytics;

import java.util.List;
import java.util.Map;

/**
 * The figures of the conversations started in a range. Every rate is a share from 0 to 1 and is
 * {@code null} when there is nothing to divide by; docs/analytics.md defines each figure.
 *
 * @param topFaqs the FAQs the bot answered with most, most first
 */
public record Summary(Conversations conversations, Decisions decisions, Votes votes, Csat csat, Nps nps,
		Handoffs handoffs, AfterHours afterHours, List<TopFaq> topFaqs) {

	public Summary {
		topFaqs = List.copyOf(topFaqs);
	}

	/**
	 * How conversations ended up.
	 *
	 * @param total started in the range
	 * @param engaged with at least one user message of kind {@code text}, {@code choice} or
	 * {@code human_request}
	 * @param selfResolved engaged, never handed to a person, and no answer voted "not helpful"
	 * @param escalated engaged, handed to a person at least once
	 * @param unresolved engaged, never handed to a person, but an answer was voted "not helpful"
	 * (selfResolved + escalated + unresolved = engaged)
	 * @param selfResolutionRate selfResolved / engaged
	 * @param escalationRate escalated / engaged
	 */
	public record Conversations(long total, long engaged, long selfResolved, long escalated, long unresolved,
			Double selfResolutionRate, Double escalationRate) {
	}

	/**
	 * The bot's replies ({@code answer}, {@code choices}, {@code escalate}, {@code smalltalk}; not
	 * greetings or queue positions).
	 *
	 * @param escalationReasons {@code escalate} replies by reason, most first
	 * @param repliesToText replies to a message the user typed
	 * @param answersToText of those, answers
	 * @param answerRate answersToText / repliesToText
	 */
	public record Decisions(long replies, long answers, long choices, long escalations, long smalltalk,
			Map<String, Long> escalationReasons, long repliesToText, long answersToText, Double answerRate) {
	}

	/**
	 * "Was this helpful?" votes on the bot's answers.
	 *
	 * @param helpfulRate yes / (yes + no)
	 */
	public record Votes(long yes, long no, Double helpfulRate) {
	}

	/**
	 * The end-of-chat rating, 1 to 5.
	 *
	 * @param responses conversations rated
	 * @param averageScore mean score
	 * @param satisfied rated 4 or 5
	 * @param satisfiedRate satisfied / responses (CSAT % = 100 × this)
	 */
	public record Csat(long responses, Double averageScore, long satisfied, Double satisfiedRate) {
	}

	/**
	 * The "would you recommend us?" question, 0 to 10.
	 *
	 * @param promoters answered 9 or 10
	 * @param passives answered 7 or 8
	 * @param detractors answered 0 to 6
	 * @param score (promoters − detractors) / responses × 100, from −100 to 100
	 */
	public record Nps(long responses, long promoters, long passives, long detractors, Double score) {
	}

	/**
	 * Requests for a person. Response times and the SLA only count hand-offs requested during
	 * business hours: offline ones wait for the team by design.
	 *
	 * @param total hand-offs (a conversation may have several)
	 * @param byReason hand-offs by reason, most first
	 * @param offline requested outside business hours
	 * @param inHours requested during business hours
	 * @param answeredInHours of those, with a first agent message
	 * @param medianFirstResponseSeconds median time from the request to the first agent message
	 * @param p90FirstResponseSeconds 90th percentile of that time
	 * @param slaSeconds {@code kotae.handoff.sla}
	 * @param withinSla in-hours hand-offs whose first agent message came within the SLA
	 * @param withinSlaRate withinSla / inHours (one never answered counts as missed)
	 * @param slaBreaches inHours − withinSla: answered too late or not at all
	 * @param escalatedByReason escalated conversations by the reason of their first hand-off, most first
	 * @param escalationRateByReason escalatedByReason / engaged conversations, in the same order (the
	 * rates add up to the escalation rate)
	 */
	public record Handoffs(long total, Map<String, Long> byReason, long offline, long inHours, long answeredInHours,
			Double medianFirstResponseSeconds, Double p90FirstResponseSeconds, long slaSeconds, long withinSla,
			Double withinSlaRate, long slaBreaches, Map<String, Long> escalatedByReason,
			Map<String, Double> escalationRateByReason) {
	}

	/**
	 * Engaged conversations started outside business hours ({@code conversation.after_hours}) against
	 * those started during them.
	 *
	 * @param engaged engaged conversations started after hours
	 * @param share engaged / all engaged conversations
	 * @param selfResolved of the after-hours ones, self-resolved (no hand-off, no "not helpful" vote)
	 * @param selfResolutionRate selfResolved / engaged
	 * @param inHoursEngaged engaged conversations started during business hours
	 * @param inHoursSelfResolved of those, self-resolved
	 * @param inHoursSelfResolutionRate inHoursSelfResolved / inHoursEngaged
	 */
	public record AfterHours(long engaged, Double share, long selfResolved, Double selfResolutionRate,
			long inHoursEngaged, long inHoursSelfResolved, Double inHoursSelfResolutionRate) {
	}

	/**
	 * An FAQ the bot answered with.
	 *
	 * @param question its question now; {@code null} when it has been deleted
	 * @param answers how many times the bot answered with it
	 * @param helpfulYes "helpful" votes on those answers
	 * @param helpfulNo "not helpful" votes on those answers
	 */
	public record TopFaq(String id, String question, long answers, long helpfulYes, long helpfulNo) {
	}

}
