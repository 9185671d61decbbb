package dev.kotae.bot.nlu;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The DL4J classifier with its default options against the contract, plus what is particular to it
 * (with smaller, faster options where the point is not the default configuration).
 */
class MlpIntentClassifierTests extends AbstractIntentClassifierContractTests {

	/** Smaller and quicker than the defaults: narrower input and hidden layer, fewer updates. */
	private static final TrainingOptions SMALL = new TrainingOptions(10, true, 1, 64, 0.5, 3e-3, 5, 100, 64, 1.0,
			0.1, 7);

	@Override
	protected IntentClassifier train(List<TrainingExample> examples) {
		return new IntentClassifierTrainer().train(examples);
	}

	@Test
	void trainingIsDeterministic() {
		IntentClassifierTrainer trainer = new IntentClassifierTrainer(SMALL);
		IntentClassifier first = trainer.train(toyExamples());
		IntentClassifier second = trainer.train(toyExamples());
		for (String text : List.of("I forgot my password", "解約したい", "tell me a joke")) {
			assertThat(second.classify(text)).as(text).isEqualTo(first.classify(text));
		}
	}

	@Test
	void averagesAnEnsembleAndSavesAllOfIt() throws java.io.IOException {
		TrainingOptions two = new TrainingOptions(10, false, 2, 64, 0.5, 3e-3, 5, 100, 64, 1.0, 0.1, 7);
		IntentClassifier ensemble = new IntentClassifierTrainer(two).train(toyExamples());
		PARAPHRASES.forEach((text, intent) -> assertThat(ensemble.classify(text).top())
			.hasValueSatisfying((top) -> assertThat(top.intent()).as(text).isEqualTo(intent)));
		StoredIntentModel stored = roundTrip(ensemble, "v");
		assertThat(stored.classifier().classify("where is my invoice")).isEqualTo(ensemble.classify("where is my invoice"));
	}

	@Test
	void worksWithoutTheSentenceEncoderToo() {
		IntentClassifier hashedOnly = new IntentClassifierTrainer(SMALL.withSentenceEmbeddings(false)).train(toyExamples());
		PARAPHRASES.forEach((text, intent) -> assertThat(hashedOnly.classify(text).top())
			.hasValueSatisfying((top) -> assertThat(top.intent()).as(text).isEqualTo(intent)));
	}

	@Test
	void fitsATemperatureOnCalibrationExamples() {
		List<TrainingExample> calibration = PARAPHRASES.entrySet()
			.stream()
			.map((e) -> new TrainingExample(e.getKey(), e.getValue()))
			.toList();
		MlpIntentClassifier calibrated = (MlpIntentClassifier) new IntentClassifierTrainer(SMALL).train(toyExamples(),
				calibration);
		assertThat(calibrated.temperature()).isBetween(TemperatureScaling.MIN, TemperatureScaling.MAX).isNotEqualTo(1.0);
		assertThat(((MlpIntentClassifier) classifier()).temperature()).isEqualTo(1.0);
	}

	@Test
	void choosesAnAcceptThresholdWhenCalibrationExamplesAreEnoughAndSavesIt() throws java.io.IOException {
		List<String> things = List.of("printer", "laptop", "router", "invoice", "password", "camera", "phone",
				"monitor", "keyboard", "mouse", "speaker", "tablet");
		List<String> templates = List.of("how do I fix my %s", "my %s is broken", "help with the %s",
				"problem with my %s", "the %s does not work", "where can I buy a %s", "%s setup guide",
				"reset the %s", "%s keeps failing", "is my %s covered", "%s error again", "update the %s",
				"configure my new %s");
		List<TrainingExample> train = new ArrayList<>();
		List<TrainingExample> calibration = new ArrayList<>();
		for (String thing : things) {
			for (int i = 0; i < templates.size(); i++) {
				TrainingExample example = new TrainingExample(templates.get(i).formatted(thing), thing);
				(i < 8 ? train : calibration).add(example);
			}
		}
		List<String> unrelated = List.of("tell me a joke", "what's the weather", "book a table for two",
				"who won the game", "play some jazz", "translate hello to french", "how tall is everest",
				"set an alarm", "what's 2 plus 2", "recommend a movie");
		for (int i = 0; i < unrelated.size(); i++) {
			(i < 7 ? train : calibration).add(new TrainingExample(unrelated.get(i), IntentClassifier.OUT_OF_SCOPE));
		}
		IntentClassifierTrainer trainer = new IntentClassifierTrainer(SMALL.withSentenceEmbeddings(false));
		IntentClassifier calibrated = trainer.train(train, calibration);
		assertThat(calibrated.acceptThreshold()).isPresent();
		assertThat(calibrated.acceptThreshold().getAsDouble()).isBetween(0.0, 1.0);
		assertThat(roundTrip(calibrated, "v").classifier().acceptThreshold()).isEqualTo(calibrated.acceptThreshold());

		IntentClassifier tooFew = trainer.train(train, calibration.subList(0, 20));
		assertThat(tooFew.acceptThreshold()).isEmpty();
		assertThat(roundTrip(tooFew, "v").classifier().acceptThreshold()).isEmpty();
	}

	@Test
	void rejectsTrainingWithoutExamples() {
		IntentClassifierTrainer trainer = new IntentClassifierTrainer();
		assertThatIllegalArgumentException().isThrownBy(() -> trainer.train(List.of()));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> trainer.train(List.of(new TrainingExample("!!!", "a"))));
	}

}
