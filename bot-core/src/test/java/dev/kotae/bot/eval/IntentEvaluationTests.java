package dev.kotae.bot.eval;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.kotae.bot.nlu.AcceptThreshold;
import dev.kotae.bot.nlu.Prediction;
import dev.kotae.bot.nlu.ScoredIntent;
import dev.kotae.bot.nlu.TrainingExample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.assertj.core.api.Assertions.within;

class IntentEvaluationTests {

	private static Prediction ranked(String first, double p, String second) {
		return new Prediction(List.of(new ScoredIntent(first, p), new ScoredIntent(second, 1 - p)));
	}

	private static final List<TrainingExample> QUERIES = List.of(new TrainingExample("q1", "a"),
			new TrainingExample("q2", "b"), new TrainingExample("q3", "oos"), new TrainingExample("q4", "oos"));

	private static final List<Prediction> PREDICTIONS = List.of(ranked("a", 0.9, "b"), // right, confident
			ranked("a", 0.6, "b"), // wrong intent
			ranked("b", 0.55, "a"), // out of scope, answered unless the threshold is above 0.55
			ranked("oos", 0.8, "a")); // out of scope, predicted so

	@Test
	void figuresAtALowThreshold() {
		IntentEvaluation.Figures f = IntentEvaluation.figures(QUERIES, PREDICTIONS, 0.0);
		assertThat(f.inScopeAccuracy()).isEqualTo(0.5);
		assertThat(f.oosRecall()).isEqualTo(0.5);
		assertThat(f.oosPrecision()).isEqualTo(1.0);
		assertThat(f.answerCoverage()).isEqualTo(0.75);
		assertThat(f.answerPrecision()).isCloseTo(1 / 3.0, within(1e-12));
		// F1: a = 2*1/(2+1) = 2/3, b = 0 (predicted once, actual once, no hit), oos = 2*1/(1+2) = 2/3
		assertThat(f.macroF1()).isCloseTo((2 / 3.0 + 0 + 2 / 3.0) / 3, within(1e-12));
	}

	@Test
	void figuresAtAHighThreshold() {
		IntentEvaluation.Figures f = IntentEvaluation.figures(QUERIES, PREDICTIONS, 0.7);
		assertThat(f.inScopeAccuracy()).isEqualTo(0.5);
		assertThat(f.oosRecall()).isEqualTo(1.0);
		assertThat(f.oosPrecision()).isCloseTo(2 / 3.0, within(1e-12));
		assertThat(f.answerCoverage()).isEqualTo(0.25);
		assertThat(f.answerPrecision()).isEqualTo(1.0);
	}

	@Test
	void outOfScopeFiguresAreUndefinedWithoutOutOfScopeQueries() {
		IntentEvaluation.Figures f = IntentEvaluation.figures(QUERIES.subList(0, 2), PREDICTIONS.subList(0, 2), 0.0);
		assertThat(f.oosRecall()).isNaN();
		assertThat(f.oosPrecision()).isNaN();
		assertThat(f.inScopeAccuracy()).isEqualTo(0.5);
	}

	@Test
	void withoutOutOfScopeQueriesOnlyRightAnswersCount() {
		// nothing to gain from rejecting: the threshold stays below the right answer's 0.9
		double threshold = AcceptThreshold.choose(QUERIES.subList(0, 2), PREDICTIONS.subList(0, 2));
		assertThat(threshold).isLessThanOrEqualTo(0.9);
	}

	@Test
	void theThresholdRejectsWhatWouldBeAnsweredWrongly() {
		// the wrong answers have 0.55 and 0.6, the right one 0.9: any threshold in (0.6, 0.9] is best
		double threshold = AcceptThreshold.choose(QUERIES, PREDICTIONS);
		assertThat(threshold).isGreaterThan(0.6).isLessThanOrEqualTo(0.9);
		assertThat(threshold).isCloseTo(0.75, within(0.01));
	}

	@Test
	void calibrationErrorIsZeroForPerfectlyCalibratedPredictions() {
		List<TrainingExample> queries = new ArrayList<>();
		List<Prediction> predictions = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			queries.add(new TrainingExample("q" + i, (i < 7) ? "a" : "b"));
			predictions.add(ranked("a", 0.7, "b"));
		}
		assertThat(IntentEvaluation.calibrationError(queries, predictions)).isCloseTo(0, within(1e-12));
	}

	@Test
	void readsLabelledTsv(@TempDir Path dir) throws IOException {
		Path file = dir.resolve("set.tsv");
		Files.writeString(file, "text\tlabel\nhow do I pay\tpay\n\nパスワード\tja.password\n", StandardCharsets.UTF_8);
		assertThat(IntentEvaluation.read(file)).containsExactly(new TrainingExample("how do I pay", "pay"),
				new TrainingExample("パスワード", "ja.password"));
		Files.writeString(file, "text\tlabel\nno label here\n", StandardCharsets.UTF_8);
		assertThatIOException().isThrownBy(() -> IntentEvaluation.read(file)).withMessageContaining("line 2");
	}

	@Test
	void evalIntentsPrintsATableAndJsonLast(@TempDir Path dir) throws IOException {
		StringBuilder train = new StringBuilder("text\tlabel\n");
		String[][] intents = { { "pay", "how do I pay", "pay my bill", "payment methods", "can I pay by card",
				"I want to pay", "paying the invoice", "pay online", "where to pay", "pay now", "payment options" },
				{ "password", "forgot my password", "reset password", "password reset link", "change my password",
						"lost password", "new password", "password does not work", "my password", "password help",
						"password expired" },
				{ "oos", "weather tomorrow", "tell me a joke", "play music", "who won the game", "best pizza nearby",
						"how tall is everest", "what time is it in tokyo", "recommend a movie", "sing a song",
						"translate hello" } };
		for (String[] intent : intents) {
			for (int i = 1; i < intent.length; i++) {
				train.append(intent[i]).append('\t').append(intent[0]).append('\n');
			}
		}
		Path trainFile = dir.resolve("train.tsv");
		Files.writeString(trainFile, train, StandardCharsets.UTF_8);
		Path testFile = dir.resolve("test.tsv");
		Files.writeString(testFile, "text\tlabel\nI would like to pay\tpay\nI forgot the password\tpassword\n"
				+ "what is the capital of france\toos\n", StandardCharsets.UTF_8);

		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code = new EvalCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8))
			.run("intents", "--train", trainFile.toString(), "--test", testFile.toString());

		assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
		List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
		assertThat(lines.get(0)).startsWith("Intent classification: 30 training examples, 3 classes");
		assertThat(lines).anySatisfy((line) -> assertThat(line).startsWith("threshold"));
		assertThat(lines.get(lines.size() - 1)).startsWith("{\"in_scope_accuracy\":")
			.contains("\"oos_recall\":", "\"oos_precision\":", "\"macro_f1\":", "\"train_seconds\":", "\"p50_ms\":",
					"\"p99_ms\":", "\"answer_precision\":", "\"answer_coverage\":")
			.endsWith("}");
	}

	@Test
	void evalIntentsNeedsTrainingDataAndOneTestSource() {
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		EvalCommand command = new EvalCommand(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8));
		assertThat(command.run("intents", "--test", "t.tsv")).isEqualTo(2);
		assertThat(command.run("intents", "--train", "a.tsv", "--test", "t.tsv", "--holdout", "0.2")).isEqualTo(2);
		assertThat(command.run("intents", "--train", "a.tsv", "--holdout", "1.5")).isEqualTo(2);
		assertThat(command.run("intents", "--train", "a.tsv", "--bogus")).isEqualTo(2);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: kotae eval intents");
	}

}
