package dev.kotae.bot.unanswered;

import java.time.Instant;
import java.util.List;

import dev.kotae.kb.faq.Language;

/**
 * A group of similar unanswered questions.
 *
 * @param id stable while the cluster lives, and across full recomputes as long as its anchor question
 * (the most central one when it was first formed) stays in it
 * @param locale the language of its questions
 * @param size how many times its questions were asked, duplicates included
 * @param distinctQuestions how many different questions (after normalisation) it holds
 * @param label its most central question
 * @param samples up to five distinct questions, the label first
 * @param firstSeen when one of its questions was first asked
 * @param lastSeen when one was last asked
 * @param trend how often its questions were asked in the last two weeks
 * @param suggestedFaq the published FAQ the search finds best for the label, or {@code null}
 */
public record Cluster(String id, Language locale, int size, int distinctQuestions, String label,
		List<String> samples, Instant firstSeen, Instant lastSeen, Trend trend, SuggestedFaq suggestedFaq) {

	public Cluster {
		samples = List.copyOf(samples);
	}

	/** A single question asked once: listed after the real clusters. */
	public boolean singleton() {
		return this.size == 1;
	}

	Cluster withSuggestedFaq(SuggestedFaq suggestion) {
		return new Cluster(this.id, this.locale, this.size, this.distinctQuestions, this.label, this.samples,
				this.firstSeen, this.lastSeen, this.trend, suggestion);
	}

	/**
	 * @param lastSevenDays questions asked in the last 7 days
	 * @param sevenDaysBefore questions asked in the 7 days before those
	 */
	public record Trend(int lastSevenDays, int sevenDaysBefore) {

		/** Growth over the week before: positive when the cluster is asked more often. */
		public int change() {
			return this.lastSevenDays - this.sevenDaysBefore;
		}

	}

	/**
	 * @param faqId the FAQ
	 * @param question its question
	 * @param score the search score (comparable within one cluster's search only)
	 */
	public record SuggestedFaq(String faqId, String question, double score) {
	}

}
