package dev.kotae.bot.analytics;

import java.time.LocalDate;

/**
 * The figures of one day (in the team's time zone) of conversations started that day.
 *
 * @param conversations started that day
 * @param engaged of those, with at least one user message (typed, picked or "talk to a person")
 * @param selfResolved engaged, never handed to a person, and no answer voted "not helpful"
 * @param escalated engaged and handed to a person at least once
 * @param helpfulYes "was this helpful?" votes yes on the bot's answers in those conversations
 * @param helpfulNo votes no
 */
public record DailyRow(LocalDate date, long conversations, long engaged, long selfResolved, long escalated,
		long helpfulYes, long helpfulNo) {

}
