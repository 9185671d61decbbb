package dev.kotae.bot.nlu;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AcceptThresholdTests {

	@Test
	void isChosenOnlyWhenTheHeldOutQueriesAreEnough() {
		List<TrainingExample> queries = new ArrayList<>();
		List<Prediction> predictions = new ArrayList<>();
		for (int i = 0; i < AcceptThreshold.MIN_IN_SCOPE_QUERIES; i++) {
			String intent = "faq-" + (i % AcceptThreshold.MIN_INTENTS);
			queries.add(new TrainingExample("q" + i, intent));
			// right answers are confident, wrong ones are not
			boolean right = i % 5 != 0;
			predictions.add(ranked(right ? intent : "other", right ? 0.9 : 0.4));
		}
		assertThat(AcceptThreshold.chooseIfEnough(queries, predictions)).as("no out-of-scope queries").isEmpty();

		queries.add(new TrainingExample("weather", IntentClassifier.OUT_OF_SCOPE));
		predictions.add(ranked("faq-1", 0.3));
		double threshold = AcceptThreshold.chooseIfEnough(queries, predictions).getAsDouble();
		assertThat(threshold).isGreaterThan(0.4).isLessThanOrEqualTo(0.9);
		assertThat(threshold).isEqualTo(AcceptThreshold.choose(queries, predictions));

		assertThat(AcceptThreshold.chooseIfEnough(queries.subList(1, queries.size()),
				predictions.subList(1, predictions.size())))
			.as("one in-scope query too few")
			.isEmpty();
	}

	private static Prediction ranked(String intent, double p) {
		return new Prediction(List.of(new ScoredIntent(intent, p), new ScoredIntent("zzz", 0.05)));
	}

}
