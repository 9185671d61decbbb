package dev.kotae.bot.nlu;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PredictionTests {

	private static final Prediction OOS_FIRST = new Prediction(List.of(new ScoredIntent("oos", 0.5),
			new ScoredIntent("billing.invoice", 0.3), new ScoredIntent("system.greeting", 0.2)));

	private static final Prediction INTENT_FIRST = new Prediction(
			List.of(new ScoredIntent("billing.invoice", 0.7), new ScoredIntent("oos", 0.2), new ScoredIntent("faq-12", 0.1)));

	@Test
	void theBestInScopeIntentSkipsOutOfScope() {
		assertThat(OOS_FIRST.top()).contains(new ScoredIntent("oos", 0.5));
		assertThat(OOS_FIRST.bestInScope()).contains(new ScoredIntent("billing.invoice", 0.3));
		assertThat(OOS_FIRST.maxInScopeProbability()).isEqualTo(0.3);
	}

	@Test
	void acceptsOnlyAnIntentRankedFirstAtTheThreshold() {
		assertThat(OOS_FIRST.accepted(0.0)).isEmpty();
		assertThat(INTENT_FIRST.accepted(0.7)).contains(new ScoredIntent("billing.invoice", 0.7));
		assertThat(INTENT_FIRST.accepted(0.71)).isEmpty();
	}

	@Test
	void emptyMeansNothingToAnswer() {
		assertThat(Prediction.empty().top()).isEmpty();
		assertThat(Prediction.empty().maxInScopeProbability()).isZero();
		assertThat(Prediction.empty().accepted(0)).isEmpty();
		assertThat(INTENT_FIRST.probability("faq-12")).isEqualTo(0.1);
		assertThat(INTENT_FIRST.probability("unknown")).isZero();
	}

	@Test
	void mustBeRankedAndProbabilitiesInRange() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Prediction(List.of(new ScoredIntent("a", 0.1), new ScoredIntent("b", 0.2))));
		assertThatIllegalArgumentException().isThrownBy(() -> new ScoredIntent("a", 1.5));
		assertThatIllegalArgumentException().isThrownBy(() -> new ScoredIntent("a", Double.NaN));
	}

}
