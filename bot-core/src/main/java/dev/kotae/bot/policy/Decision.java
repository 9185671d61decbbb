package dev.kotae.bot.policy;

import java.util.List;

/**
 * What the policy decided for one message, with its reasons.
 *
 * @param kind what to do
 * @param faqId the FAQ to answer with ({@link Kind#ANSWER} only)
 * @param choices the FAQs to offer, best first ({@link Kind#CHOICES} only)
 * @param systemIntent the small-talk intent, e.g. {@code system.greeting} ({@link Kind#SMALLTALK})
 * @param reason why the bot escalates ({@link Kind#ESCALATE} only)
 * @param confidence the confidence of the best candidate (or of the system intent)
 * @param candidates the top candidates with their combined confidence, best first: the reasons
 */
public record Decision(Kind kind, String faqId, List<Candidate> choices, String systemIntent, EscalationReason reason,
		double confidence, List<Candidate> candidates) {

	public Decision {
		choices = List.copyOf(choices);
		candidates = List.copyOf(candidates);
	}

	public enum Kind {

		ANSWER, CHOICES, ESCALATE, SMALLTALK

	}

	/** Why a conversation goes to a person. */
	public enum EscalationReason {

		/** The user asked for a person. */
		REQUESTED_HUMAN,
		/** The user is frustrated or complains. */
		FRUSTRATION,
		/** The message is about something the knowledge base does not cover. */
		OUT_OF_SCOPE,
		/** No FAQ is a confident enough match. */
		LOW_CONFIDENCE

	}

	/**
	 * One FAQ the policy considered.
	 *
	 * @param faqId the FAQ
	 * @param confidence combined confidence in [0, 1]
	 * @param classifierProbability the classifier's calibrated probability
	 * @param searchShare the FAQ's share of the top search scores
	 */
	public record Candidate(String faqId, double confidence, double classifierProbability, double searchShare) {
	}

}
