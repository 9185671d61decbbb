package dev.kotae.bot.nlu;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.TreeSet;

import dev.kotae.bot.nlu.TextFeatures.SparseVector;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * Trains the DL4J intent classifier from labelled examples. Examples labelled
 * {@value IntentClassifier#OUT_OF_SCOPE} are learnt as a class of their own. Training is
 * deterministic for the same examples and {@link TrainingOptions#seed()} (it re-seeds ND4J's global
 * random generator). Instances are immutable; {@link #train} may run on several threads at once, at
 * the cost of that determinism.
 */
public final class IntentClassifierTrainer {

	private final TrainingOptions options;

	/** A trainer with {@link TrainingOptions#defaults()}. */
	public IntentClassifierTrainer() {
		this(TrainingOptions.defaults());
	}

	public IntentClassifierTrainer(TrainingOptions options) {
		this.options = Objects.requireNonNull(options, "options");
	}

	public TrainingOptions options() {
		return this.options;
	}

	/**
	 * Trains on {@code examples}, holding out a stratified {@link TrainingOptions#calibrationShare()}
	 * of them to fit the softmax temperature.
	 * @throws IllegalArgumentException when there is nothing to learn from
	 */
	public IntentClassifier train(List<TrainingExample> examples) {
		StratifiedSplit split = StratifiedSplit.of(examples, this.options.calibrationShare(), this.options.seed());
		return train(split.kept(), split.heldOut());
	}

	/**
	 * Trains on {@code examples} and fits the softmax temperature on {@code calibration} (examples of
	 * labels absent from training are ignored there; no calibration examples means a temperature of
	 * 1). When the calibration examples are enough, they also choose the classifier's
	 * {@link IntentClassifier#acceptThreshold()}.
	 * @throws IllegalArgumentException when there is nothing to learn from
	 */
	public IntentClassifier train(List<TrainingExample> examples, List<TrainingExample> calibration) {
		SentenceEncoder encoder = this.options.sentenceEmbeddings() ? SentenceEncoder.standard() : null;
		return train(examples, calibration, encoder);
	}

	MlpIntentClassifier train(List<TrainingExample> examples, List<TrainingExample> calibration,
			SentenceEncoder encoder) {
		Nd4jThreads.useOne();
		List<String> labels = new ArrayList<>(new TreeSet<>(examples.stream().map(TrainingExample::label).toList()));
		if (labels.isEmpty()) {
			throw new IllegalArgumentException("no training examples");
		}
		Map<String, Integer> labelIndex = new HashMap<>();
		for (int i = 0; i < labels.size(); i++) {
			labelIndex.put(labels.get(i), i);
		}
		TextFeatures features = TextFeatures.fit(this.options.featureBits(),
				examples.stream().map(TrainingExample::text).toList());
		Encoded train = encode(examples, labelIndex, features, encoder);
		if (train.size() == 0) {
			throw new IllegalArgumentException("no training example has any text to learn from");
		}
		int width = MlpIntentClassifier.inputSize(features, encoder);
		List<MultiLayerNetwork> networks = new ArrayList<>();
		for (int k = 0; k < this.options.networks(); k++) {
			long seed = this.options.seed() + k;
			MultiLayerNetwork network = new MultiLayerNetwork(configuration(width, labels, seed));
			network.init();
			fit(network, train, width, labels.size(), seed);
			networks.add(network);
		}

		Encoded held = encode(calibration, labelIndex, features, encoder);
		double temperature = 1.0;
		OptionalDouble acceptThreshold = OptionalDouble.empty();
		if (held.size() > 0) {
			double[][] logits = logits(networks, held, width);
			temperature = TemperatureScaling.fit(logits, held.targets());
			List<TrainingExample> heldExamples = new ArrayList<>(held.size());
			List<Prediction> predictions = new ArrayList<>(held.size());
			for (int i = 0; i < held.size(); i++) {
				heldExamples.add(new TrainingExample(held.texts().get(i), labels.get(held.targets()[i])));
				predictions.add(MlpIntentClassifier.prediction(labels, MlpIntentClassifier.softmax(logits[i], temperature)));
			}
			acceptThreshold = AcceptThreshold.chooseIfEnough(heldExamples, predictions);
		}
		return new MlpIntentClassifier(labels, features, encoder, networks, temperature, acceptThreshold);
	}

	private MultiLayerConfiguration configuration(int width, List<String> labels, long seed) {
		float[] weights = new float[labels.size()];
		for (int i = 0; i < weights.length; i++) {
			weights[i] = IntentClassifier.OUT_OF_SCOPE.equals(labels.get(i)) ? (float) this.options.outOfScopeWeight() : 1f;
		}
		OutputLayer.Builder output = new OutputLayer.Builder(new LossMCXENT(Nd4j.createFromArray(weights)))
			.nIn(this.options.hiddenUnits())
			.nOut(labels.size())
			.activation(Activation.SOFTMAX)
			.weightInit(WeightInit.XAVIER);
		if (this.options.dropout() > 0) {
			// DL4J's dropOut is the probability to retain a unit of the layer's input
			output.dropOut(1 - this.options.dropout());
		}
		return new NeuralNetConfiguration.Builder().seed(seed)
			.dataType(DataType.FLOAT)
			.updater(new Adam(this.options.learningRate()))
			.list()
			.layer(new DenseLayer.Builder().nIn(width)
				.nOut(this.options.hiddenUnits())
				.activation(Activation.RELU)
				.weightInit(WeightInit.RELU)
				.build())
			.layer(output.build())
			.build();
	}

	private void fit(MultiLayerNetwork network, Encoded train, int width, int classes, long seed) {
		Nd4j.getRandom().setSeed(seed);
		Random random = new Random(seed);
		List<Integer> order = new ArrayList<>(train.size());
		for (int i = 0; i < train.size(); i++) {
			order.add(i);
		}
		Batch full = new Batch(this.options.batchSize(), width, classes);
		int rest = train.size() % this.options.batchSize();
		Batch last = (rest == 0) ? null : new Batch(rest, width, classes);
		int batchesPerEpoch = (train.size() + this.options.batchSize() - 1) / this.options.batchSize();
		int epochs = Math.max(this.options.epochs(), (this.options.minUpdates() + batchesPerEpoch - 1) / batchesPerEpoch);
		for (int epoch = 0; epoch < epochs; epoch++) {
			Collections.shuffle(order, random);
			for (int start = 0; start < order.size(); start += this.options.batchSize()) {
				int size = Math.min(this.options.batchSize(), order.size() - start);
				Batch batch = (size == this.options.batchSize()) ? full : last;
				batch.fill(train, order.subList(start, start + size));
				network.fit(batch.features, batch.labels);
			}
		}
	}

	private static double[][] logits(List<MultiLayerNetwork> networks, Encoded held, int width) {
		int chunk = 256;
		double[][] logits = new double[held.size()][];
		Batch batch = new Batch(chunk, width, 1);
		for (int start = 0; start < held.size(); start += chunk) {
			int size = Math.min(chunk, held.size() - start);
			List<Integer> rows = new ArrayList<>(size);
			for (int i = 0; i < size; i++) {
				rows.add(start + i);
			}
			Batch b = (size == chunk) ? batch : new Batch(size, width, 1);
			b.fillFeatures(held, rows);
			INDArray out = MlpIntentClassifier.logits(networks, b.features);
			for (int i = 0; i < size; i++) {
				logits[start + i] = out.getRow(i).toDoubleVector();
			}
		}
		return logits;
	}

	/** Examples as network inputs; those with no features or an unknown label are left out. */
	private static Encoded encode(List<TrainingExample> examples, Map<String, Integer> labelIndex, TextFeatures features,
			SentenceEncoder encoder) {
		List<SparseVector> vectors = new ArrayList<>();
		List<String> texts = new ArrayList<>();
		List<Integer> targets = new ArrayList<>();
		for (TrainingExample example : examples) {
			Integer target = labelIndex.get(example.label());
			SparseVector vector = features.vector(example.text());
			if (target != null && !vector.isEmpty()) {
				vectors.add(vector);
				texts.add(example.text());
				targets.add(target);
			}
		}
		List<float[]> embeddings = (encoder != null) ? encoder.encodeAll(texts) : null;
		return new Encoded(vectors, texts, embeddings, targets.stream().mapToInt(Integer::intValue).toArray(),
				features.dimension());
	}

	private record Encoded(List<SparseVector> vectors, List<String> texts, List<float[]> embeddings, int[] targets, int offset) {

		int size() {
			return this.vectors.size();
		}

	}

	/** Reused input and one-hot label arrays for one batch size. */
	private static final class Batch {

		final INDArray features;

		final INDArray labels;

		Batch(int rows, int width, int classes) {
			this.features = Nd4j.create(DataType.FLOAT, rows, width);
			this.labels = Nd4j.create(DataType.FLOAT, rows, classes);
		}

		void fill(Encoded data, List<Integer> rows) {
			fillFeatures(data, rows);
			this.labels.assign(0);
			for (int r = 0; r < rows.size(); r++) {
				this.labels.putScalar(r, data.targets()[rows.get(r)], 1f);
			}
		}

		void fillFeatures(Encoded data, List<Integer> rows) {
			this.features.assign(0);
			for (int r = 0; r < rows.size(); r++) {
				int row = rows.get(r);
				SparseVector vector = data.vectors().get(row);
				int[] indices = vector.indices();
				float[] values = vector.values();
				for (int i = 0; i < indices.length; i++) {
					this.features.putScalar(r, indices[i], values[i]);
				}
				if (data.embeddings() != null) {
					float[] embedding = data.embeddings().get(row);
					for (int i = 0; i < embedding.length; i++) {
						this.features.putScalar(r, data.offset() + i, embedding[i]);
					}
				}
			}
		}

	}

}
