package dev.kotae.bot.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import dev.kotae.bot.nlu.AcceptThreshold;
import dev.kotae.bot.nlu.IntentClassifier;
import dev.kotae.bot.nlu.IntentClassifierTrainer;
import dev.kotae.bot.nlu.Prediction;
import dev.kotae.bot.nlu.StratifiedSplit;
import dev.kotae.bot.nlu.TrainingExample;

/**
 * Intent classification evaluation: trains a classifier from a labelled file, chooses the rejection
 * threshold on held-out data (a validation file, or a stratified share of the training file held
 * out for it), then classifies every test query once and reports accuracy, out-of-scope detection,
 * the answer precision / coverage trade-off and latency. Queries labelled
 * {@value IntentClassifier#OUT_OF_SCOPE} must be rejected.
 */
public final class IntentEvaluation {

	/** Share of every training label held out to choose the threshold when no validation set is given. */
	public static final double THRESHOLD_SHARE = 0.1;

	/** Thresholds of the trade-off table, besides the chosen one. */
	static final double[] TABLE_THRESHOLDS = { 0.0, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95 };

	private IntentEvaluation() {
	}

	/**
	 * What happens at one rejection threshold.
	 *
	 * @param threshold a query is answered when its top class is an intent (not out-of-scope) with at
	 * least this probability
	 * @param inScopeAccuracy in-scope queries answered with the right intent / in-scope queries
	 * @param oosRecall out-of-scope queries rejected / out-of-scope queries (NaN without any)
	 * @param oosPrecision out-of-scope queries rejected / queries rejected (NaN when none is)
	 * @param macroF1 F1 averaged over the labels (out-of-scope is one), a rejection predicting it
	 * @param answerPrecision queries answered with the right intent / queries answered
	 * @param answerCoverage queries answered / all queries
	 */
	public record Figures(double threshold, double inScopeAccuracy, double oosRecall, double oosPrecision, double macroF1,
			double answerPrecision, double answerCoverage) {
	}

	/**
	 * The outcome of a run.
	 *
	 * @param chosen the figures at the threshold chosen on held-out data
	 * @param tradeOff the figures at a few other thresholds
	 * @param heldOut the held-out figures at the chosen threshold
	 * @param thresholdSource what the threshold was chosen on
	 * @param trainExamples examples the classifier was trained on (calibration data included)
	 * @param intents classes the classifier knows
	 * @param inScopeQueries in-scope test queries
	 * @param oosQueries out-of-scope test queries
	 * @param expectedCalibrationError of the top class's probability on the test queries (10 bins)
	 * @param trainSeconds training time
	 * @param p50Ms median classification time
	 * @param p99Ms 99th percentile classification time
	 */
	public record Report(Figures chosen, List<Figures> tradeOff, Figures heldOut, String thresholdSource,
			int trainExamples, int intents, int inScopeQueries, int oosQueries, double expectedCalibrationError,
			double trainSeconds, double p50Ms, double p99Ms) {

		/** A table a person reads. */
		public String table() {
			StringBuilder out = new StringBuilder();
			out.append(String.format(Locale.ROOT,
					"Intent classification: %d training examples, %d classes; test: %d in-scope, %d out-of-scope%n",
					this.trainExamples, this.intents, this.inScopeQueries, this.oosQueries));
			out.append(String.format(Locale.ROOT, "threshold %.3f chosen on %s (held-out: in-scope %.4f, oos recall %s)%n",
					this.chosen.threshold(), this.thresholdSource, this.heldOut.inScopeAccuracy(),
					cell(this.heldOut.oosRecall())));
			out.append(String.format(Locale.ROOT, "%-11s %9s %10s %9s %9s %10s %9s%n", "threshold", "in-scope", "oos-recall",
					"oos-prec", "macro-F1", "ans-prec", "coverage"));
			for (Figures f : this.tradeOff) {
				out.append(row(f, f.threshold() == this.chosen.threshold() ? " *" : ""));
			}
			out.append(String.format(Locale.ROOT,
					"(* = chosen) top-class ECE %.4f; trained in %.1f s; classify p50 %.3f ms, p99 %.3f ms%n",
					this.expectedCalibrationError, this.trainSeconds, this.p50Ms, this.p99Ms));
			return out.toString();
		}

		private static String row(Figures f, String mark) {
			return String.format(Locale.ROOT, "%-11s %9.4f %10s %9s %9.4f %10.4f %9.4f%n",
					String.format(Locale.ROOT, "%.3f%s", f.threshold(), mark), f.inScopeAccuracy(), cell(f.oosRecall()),
					cell(f.oosPrecision()), f.macroF1(), f.answerPrecision(), f.answerCoverage());
		}

		private static String cell(double value) {
			return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.4f", value);
		}

		private static String number(double value) {
			return Double.isNaN(value) ? "null" : String.format(Locale.ROOT, "%.4f", value);
		}

		/** One JSON object with the figures at the chosen threshold. */
		public String json() {
			Figures f = this.chosen;
			return String.format(Locale.ROOT,
					"{\"in_scope_accuracy\":%.4f,\"oos_recall\":%s,\"oos_precision\":%s,\"macro_f1\":%.4f,"
							+ "\"answer_precision\":%.4f,\"answer_coverage\":%.4f,\"threshold\":%.4f,\"ece\":%.4f,"
							+ "\"train_examples\":%d,\"test_queries\":%d,\"train_seconds\":%.3f,\"p50_ms\":%.3f,\"p99_ms\":%.3f}",
					f.inScopeAccuracy(), number(f.oosRecall()), number(f.oosPrecision()), f.macroF1(), f.answerPrecision(),
					f.answerCoverage(), f.threshold(), this.expectedCalibrationError, this.trainExamples,
					this.inScopeQueries + this.oosQueries, this.trainSeconds, this.p50Ms, this.p99Ms);
		}

	}

	/**
	 * Trains on {@code train}, chooses the threshold on {@code validation} (which also calibrates the
	 * probabilities) or, when it is empty, on a stratified {@value #THRESHOLD_SHARE} of {@code train}
	 * held out from training, and evaluates on {@code test}.
	 */
	public static Report run(IntentClassifierTrainer trainer, List<TrainingExample> train, List<TrainingExample> validation,
			List<TrainingExample> test) {
		List<TrainingExample> fit = train;
		List<TrainingExample> heldOut = validation;
		String source = "the validation set (" + validation.size() + " queries)";
		if (validation.isEmpty()) {
			StratifiedSplit split = StratifiedSplit.of(train, THRESHOLD_SHARE, trainer.options().seed());
			fit = split.kept();
			heldOut = split.heldOut();
			source = String.format(Locale.ROOT, "%d training examples held out (%.0f %% per label)", heldOut.size(),
					THRESHOLD_SHARE * 100);
		}
		long start = System.nanoTime();
		IntentClassifier classifier = trainer.train(fit, heldOut);
		double trainSeconds = (System.nanoTime() - start) / 1e9;

		List<Prediction> heldOutPredictions = heldOut.stream().map((e) -> classifier.classify(e.text())).toList();
		double threshold = AcceptThreshold.choose(heldOut, heldOutPredictions);
		Figures heldOutFigures = figures(heldOut, heldOutPredictions, threshold);

		// warm-up, so that the timed pass measures classification rather than class loading and JIT
		for (int i = 0; i < Math.min(500, test.size()); i++) {
			classifier.classify(test.get(i).text());
		}
		List<Prediction> predictions = new ArrayList<>(test.size());
		double[] millis = new double[test.size()];
		for (int i = 0; i < test.size(); i++) {
			long t0 = System.nanoTime();
			predictions.add(classifier.classify(test.get(i).text()));
			millis[i] = (System.nanoTime() - t0) / 1e6;
		}
		Arrays.sort(millis);

		TreeSet<Double> thresholds = new TreeSet<>();
		for (double t : TABLE_THRESHOLDS) {
			thresholds.add(t);
		}
		thresholds.add(threshold);
		List<Figures> tradeOff = thresholds.stream().map((t) -> figures(test, predictions, t)).toList();
		int oos = (int) test.stream().filter(IntentEvaluation::outOfScope).count();
		return new Report(figures(test, predictions, threshold), tradeOff, heldOutFigures, source, train.size(),
				classifier.intents().size(), test.size() - oos, oos, calibrationError(test, predictions), trainSeconds,
				RetrievalMetrics.percentile(millis, 50), RetrievalMetrics.percentile(millis, 99));
	}

	/** The figures of predictions at one threshold. */
	static Figures figures(List<TrainingExample> queries, List<Prediction> predictions, double threshold) {
		int inScope = 0;
		int inScopeRight = 0;
		int oos = 0;
		int oosRejected = 0;
		int rejected = 0;
		Map<String, int[]> counts = new HashMap<>(); // label -> {true positives, predicted, actual}
		for (int i = 0; i < queries.size(); i++) {
			TrainingExample query = queries.get(i);
			String predicted = predictions.get(i)
				.accepted(threshold)
				.map((s) -> s.intent())
				.orElse(IntentClassifier.OUT_OF_SCOPE);
			boolean right = predicted.equals(query.label());
			if (outOfScope(query)) {
				oos++;
			}
			else {
				inScope++;
			}
			if (predicted.equals(IntentClassifier.OUT_OF_SCOPE)) {
				rejected++;
				if (right) {
					oosRejected++;
				}
			}
			else if (right) {
				inScopeRight++;
			}
			counts.computeIfAbsent(predicted, (l) -> new int[3])[1]++;
			counts.computeIfAbsent(query.label(), (l) -> new int[3])[2]++;
			if (right) {
				counts.get(predicted)[0]++;
			}
		}
		double f1Sum = 0;
		for (int[] c : counts.values()) {
			f1Sum += (c[1] + c[2] == 0) ? 0 : 2.0 * c[0] / (c[1] + c[2]);
		}
		int answered = queries.size() - rejected;
		return new Figures(threshold, ratio(inScopeRight, inScope), ratioOrNaN(oosRejected, oos),
				ratioOrNaN(oosRejected, rejected), counts.isEmpty() ? 0 : f1Sum / counts.size(), ratio(inScopeRight, answered),
				ratio(answered, queries.size()));
	}

	/**
	 * Expected calibration error of the top class: |accuracy − mean probability| per bin of ten,
	 * weighted by the bin's share of queries. A query predicted out of scope is right when it is.
	 */
	static double calibrationError(List<TrainingExample> queries, List<Prediction> predictions) {
		int bins = 10;
		double[] confidence = new double[bins];
		double[] right = new double[bins];
		int[] count = new int[bins];
		int total = 0;
		for (int i = 0; i < queries.size(); i++) {
			var top = predictions.get(i).top();
			if (top.isEmpty()) {
				continue;
			}
			double p = top.get().probability();
			int bin = Math.min(bins - 1, (int) (p * bins));
			confidence[bin] += p;
			right[bin] += top.get().intent().equals(queries.get(i).label()) ? 1 : 0;
			count[bin]++;
			total++;
		}
		double ece = 0;
		for (int b = 0; b < bins; b++) {
			if (count[b] > 0) {
				ece += Math.abs(right[b] - confidence[b]) / total;
			}
		}
		return ece;
	}

	private static boolean outOfScope(TrainingExample query) {
		return IntentClassifier.OUT_OF_SCOPE.equals(query.label());
	}

	private static double ratio(int numerator, int denominator) {
		return (denominator == 0) ? 0 : numerator / (double) denominator;
	}

	private static double ratioOrNaN(int numerator, int denominator) {
		return (denominator == 0) ? Double.NaN : numerator / (double) denominator;
	}

	/**
	 * Reads a UTF-8 {@code text<TAB>label} file with a header line; blank lines are skipped.
	 * @throws IOException when the file cannot be read or a line has no label
	 */
	public static List<TrainingExample> read(Path file) throws IOException {
		List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
		List<TrainingExample> examples = new ArrayList<>();
		for (int i = 1; i < lines.size(); i++) {
			String line = lines.get(i);
			if (line.isBlank()) {
				continue;
			}
			int tab = line.lastIndexOf('\t');
			if (tab < 0 || line.substring(tab + 1).isBlank()) {
				throw new IOException(file + " line " + (i + 1) + ": expected text<TAB>label");
			}
			examples.add(new TrainingExample(line.substring(0, tab).replace("\uFEFF", ""), line.substring(tab + 1).strip()));
		}
		return examples;
	}

}
