package dev.kotae.bot.nlu;

/**
 * How {@link IntentClassifierTrainer} builds a classifier. {@link #defaults()} suits FAQ-sized and
 * CLINC150-sized intent sets (150 intents × 100 phrases train in well under a minute on 2 cores).
 *
 * @param featureBits hashed text features: {@code 2^featureBits} buckets
 * @param sentenceEmbeddings whether to add a frozen sentence encoder's embedding to the features
 * @param networks how many networks to train (from consecutive seeds) and average the logits of
 * @param hiddenUnits width of the hidden (ReLU) layer
 * @param dropout share of hidden activations dropped while training
 * @param learningRate Adam's step size
 * @param epochs passes over the training data
 * @param minUpdates at least this many updates, so that small training sets get more passes
 * @param batchSize examples per update
 * @param outOfScopeWeight weight of {@value IntentClassifier#OUT_OF_SCOPE} examples in the loss
 * @param calibrationShare share of every intent's examples held out to fit the softmax temperature
 * when no calibration set is given (intents with fewer than {@code 1 / calibrationShare} examples
 * keep all of theirs)
 * @param seed makes training reproducible
 */
public record TrainingOptions(int featureBits, boolean sentenceEmbeddings, int networks, int hiddenUnits,
		double dropout, double learningRate, int epochs, int minUpdates, int batchSize, double outOfScopeWeight,
		double calibrationShare, long seed) {

	public TrainingOptions {
		if (featureBits < 8 || featureBits > 20) {
			throw new IllegalArgumentException("featureBits must be in [8, 20]: " + featureBits);
		}
		if (networks < 1 || hiddenUnits < 1 || epochs < 1 || minUpdates < 0 || batchSize < 1) {
			throw new IllegalArgumentException(
					"networks, hiddenUnits, epochs and batchSize must be positive, minUpdates not negative");
		}
		if (!(outOfScopeWeight > 0)) {
			throw new IllegalArgumentException("outOfScopeWeight must be positive: " + outOfScopeWeight);
		}
		if (!(dropout >= 0 && dropout < 1) || !(learningRate > 0)) {
			throw new IllegalArgumentException("dropout must be in [0, 1) and learningRate positive");
		}
		if (!(calibrationShare >= 0 && calibrationShare < 1)) {
			throw new IllegalArgumentException("calibrationShare must be in [0, 1): " + calibrationShare);
		}
	}

	/** The settings Kotae ships with (see {@code docs/nlu.md} for how they were chosen). */
	public static TrainingOptions defaults() {
		return new TrainingOptions(11, true, 2, 256, 0.5, 3e-3, 5, 200, 64, 4.0, 0.1, 42);
	}

	public TrainingOptions withSentenceEmbeddings(boolean enabled) {
		return new TrainingOptions(this.featureBits, enabled, this.networks, this.hiddenUnits, this.dropout,
				this.learningRate, this.epochs, this.minUpdates, this.batchSize, this.outOfScopeWeight,
				this.calibrationShare, this.seed);
	}

	public TrainingOptions withSeed(long value) {
		return new TrainingOptions(this.featureBits, this.sentenceEmbeddings, this.networks, this.hiddenUnits, this.dropout,
				this.learningRate, this.epochs, this.minUpdates, this.batchSize, this.outOfScopeWeight,
				this.calibrationShare, value);
	}

}
