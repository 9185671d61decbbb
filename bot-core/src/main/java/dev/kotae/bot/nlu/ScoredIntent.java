package dev.kotae.bot.nlu;

import java.util.Objects;

/**
 * One intent of a {@link Prediction} with its calibrated probability.
 *
 * @param intent the label: an FAQ id, a system intent such as {@code system.greeting}, or
 * {@value IntentClassifier#OUT_OF_SCOPE}
 * @param probability in {@code [0, 1]}
 */
public record ScoredIntent(String intent, double probability) {

	public ScoredIntent {
		Objects.requireNonNull(intent, "intent");
		if (!(probability >= 0 && probability <= 1)) {
			throw new IllegalArgumentException("probability must be in [0, 1]: " + probability);
		}
	}

	/** Whether this is the out-of-scope class rather than an intent the bot can answer. */
	public boolean outOfScope() {
		return IntentClassifier.OUT_OF_SCOPE.equals(this.intent);
	}

}
