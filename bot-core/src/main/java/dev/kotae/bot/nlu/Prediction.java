package dev.kotae.bot.nlu;

import java.util.List;
import java.util.Optional;

/**
 * What a classifier makes of one text: every intent it knows, most probable first, with calibrated
 * probabilities that sum to at most 1. The list is empty when the text has nothing to classify
 * (blank, punctuation only, or nothing in it the classifier has seen in training).
 *
 * @param ranked the intents, most probable first; may include {@value IntentClassifier#OUT_OF_SCOPE}
 */
public record Prediction(List<ScoredIntent> ranked) {

	private static final Prediction EMPTY = new Prediction(List.of());

	public Prediction {
		ranked = List.copyOf(ranked);
		for (int i = 1; i < ranked.size(); i++) {
			if (ranked.get(i).probability() > ranked.get(i - 1).probability()) {
				throw new IllegalArgumentException("ranked must be ordered by decreasing probability");
			}
		}
	}

	/** The prediction for a text with nothing to classify. */
	public static Prediction empty() {
		return EMPTY;
	}

	/** The most probable class, which may be {@value IntentClassifier#OUT_OF_SCOPE}. */
	public Optional<ScoredIntent> top() {
		return this.ranked.isEmpty() ? Optional.empty() : Optional.of(this.ranked.get(0));
	}

	/** The most probable intent that is not {@value IntentClassifier#OUT_OF_SCOPE}. */
	public Optional<ScoredIntent> bestInScope() {
		return this.ranked.stream().filter((s) -> !s.outOfScope()).findFirst();
	}

	/**
	 * The probability of the best in-scope intent (0 when there is none): the confidence a rejection
	 * threshold is compared with.
	 */
	public double maxInScopeProbability() {
		return bestInScope().map(ScoredIntent::probability).orElse(0.0);
	}

	/**
	 * The intent to answer with at a rejection threshold: the most probable class when it is not
	 * {@value IntentClassifier#OUT_OF_SCOPE} and its probability reaches {@code threshold}; empty
	 * means "reject" (say the bot cannot help, offer a person).
	 */
	public Optional<ScoredIntent> accepted(double threshold) {
		return top().filter((s) -> !s.outOfScope() && s.probability() >= threshold);
	}

	/** The probability of one intent; 0 when the prediction does not list it. */
	public double probability(String intent) {
		return this.ranked.stream()
			.filter((s) -> s.intent().equals(intent))
			.mapToDouble(ScoredIntent::probability)
			.findFirst()
			.orElse(0.0);
	}

}
