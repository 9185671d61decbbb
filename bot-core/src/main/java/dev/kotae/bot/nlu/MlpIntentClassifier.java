package dev.kotae.bot.nlu;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import dev.kotae.bot.nlu.TextFeatures.SparseVector;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The DL4J intent classifier: hashed TF-IDF text features (and, when trained with them, a frozen
 * sentence embedding) → one ReLU hidden layer → softmax over the intents. With several networks
 * (an ensemble trained from different seeds) their logits are averaged; the logits are divided by a
 * temperature fitted on held-out data before the softmax. A DL4J network is not safe for concurrent
 * use, so {@link #classify} borrows one of a few copies of the networks.
 */
final class MlpIntentClassifier implements IntentClassifier {

	static final String KIND = "dl4j-mlp";

	private final List<String> labels;

	private final TextFeatures features;

	private final SentenceEncoder encoder;

	private final List<MultiLayerNetwork> networks;

	private final double temperature;

	private final OptionalDouble acceptThreshold;

	private final BlockingQueue<Worker> workers;

	MlpIntentClassifier(List<String> labels, TextFeatures features, SentenceEncoder encoder,
			List<MultiLayerNetwork> networks, double temperature, OptionalDouble acceptThreshold) {
		if (networks.isEmpty()) {
			throw new IllegalArgumentException("no network");
		}
		Nd4jThreads.useOne();
		this.labels = List.copyOf(labels);
		this.features = features;
		this.encoder = encoder;
		this.networks = List.copyOf(networks);
		this.temperature = temperature;
		this.acceptThreshold = acceptThreshold;
		int copies = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
		this.workers = new ArrayBlockingQueue<>(copies);
		this.workers.add(new Worker(this.networks, inputSize()));
		for (int i = 1; i < copies; i++) {
			this.workers.add(new Worker(this.networks.stream().map(MultiLayerNetwork::clone).toList(), inputSize()));
		}
	}

	/** The width of the network's input: hashed features, then the sentence embedding if any. */
	static int inputSize(TextFeatures features, SentenceEncoder encoder) {
		return features.dimension() + ((encoder != null) ? encoder.dimension() : 0);
	}

	private int inputSize() {
		return inputSize(this.features, this.encoder);
	}

	double temperature() {
		return this.temperature;
	}

	@Override
	public OptionalDouble acceptThreshold() {
		return this.acceptThreshold;
	}

	@Override
	public Set<String> intents() {
		return Collections.unmodifiableSet(new LinkedHashSet<>(this.labels));
	}

	@Override
	public Prediction classify(String text) {
		Objects.requireNonNull(text, "text");
		SparseVector vector = this.features.vector(text);
		if (vector.isEmpty()) {
			// blank, punctuation only, or nothing in it that training has seen: nothing to go on
			return Prediction.empty();
		}
		float[] embedding = (this.encoder != null) ? this.encoder.encode(text) : null;
		double[] logits;
		Worker worker = borrow();
		try {
			logits = worker.logits(vector, embedding, this.features.dimension());
		}
		finally {
			this.workers.add(worker);
		}
		return prediction(softmax(logits, this.temperature));
	}

	private Worker borrow() {
		try {
			return this.workers.take();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting for a free classifier", ex);
		}
	}

	private Prediction prediction(double[] probabilities) {
		return prediction(this.labels, probabilities);
	}

	static Prediction prediction(List<String> labels, double[] probabilities) {
		Integer[] order = new Integer[probabilities.length];
		for (int i = 0; i < order.length; i++) {
			order[i] = i;
		}
		Arrays.sort(order, (a, b) -> Double.compare(probabilities[b], probabilities[a]));
		List<ScoredIntent> ranked = new ArrayList<>(order.length);
		for (int i : order) {
			ranked.add(new ScoredIntent(labels.get(i), probabilities[i]));
		}
		return new Prediction(ranked);
	}

	/** Softmax of {@code logits / temperature}, in double precision. */
	static double[] softmax(double[] logits, double temperature) {
		double max = Double.NEGATIVE_INFINITY;
		for (double z : logits) {
			max = Math.max(max, z);
		}
		double[] p = new double[logits.length];
		double sum = 0;
		for (int i = 0; i < logits.length; i++) {
			p[i] = Math.exp((logits[i] - max) / temperature);
			sum += p[i];
		}
		for (int i = 0; i < p.length; i++) {
			p[i] = Math.min(1.0, p[i] / sum);
		}
		return p;
	}

	/**
	 * The pre-softmax outputs of a network for a batch: the last hidden layer's activations times the
	 * output layer's weights plus its bias (DL4J's output layer only gives the softmax).
	 */
	static INDArray logits(MultiLayerNetwork network, INDArray input) {
		int last = network.getnLayers() - 1;
		List<INDArray> activations = network.feedForwardToLayer(last - 1, input, false);
		INDArray hidden = activations.get(activations.size() - 1);
		INDArray weights = network.getLayer(last).getParam("W");
		INDArray bias = network.getLayer(last).getParam("b");
		return hidden.mmul(weights).addiRowVector(bias);
	}

	/** The mean of the networks' logits for a batch. */
	static INDArray logits(List<MultiLayerNetwork> networks, INDArray input) {
		INDArray sum = logits(networks.get(0), input);
		for (int i = 1; i < networks.size(); i++) {
			sum.addi(logits(networks.get(i), input));
		}
		return (networks.size() == 1) ? sum : sum.divi(networks.size());
	}

	/** The networks with their own input row, used by one thread at a time. */
	private static final class Worker {

		private final List<MultiLayerNetwork> networks;

		private final INDArray input;

		Worker(List<MultiLayerNetwork> networks, int width) {
			this.networks = networks;
			this.input = Nd4j.create(DataType.FLOAT, 1, width);
		}

		double[] logits(SparseVector vector, float[] embedding, int offset) {
			int[] indices = vector.indices();
			float[] values = vector.values();
			for (int i = 0; i < indices.length; i++) {
				this.input.putScalar(0, indices[i], values[i]);
			}
			if (embedding != null) {
				for (int i = 0; i < embedding.length; i++) {
					this.input.putScalar(0, offset + i, embedding[i]);
				}
			}
			try {
				return MlpIntentClassifier.logits(this.networks, this.input).toDoubleVector();
			}
			finally {
				for (int index : indices) {
					this.input.putScalar(0, index, 0f);
				}
			}
		}

	}

	// --- persistence -------------------------------------------------------------------------------

	@Override
	public void save(OutputStream out, String kbVersion) throws IOException {
		Objects.requireNonNull(kbVersion, "kbVersion");
		ZipOutputStream zip = new ZipOutputStream(new FilterOutputStream(out) {
			@Override
			public void write(byte[] b, int off, int len) throws IOException {
				this.out.write(b, off, len);
			}

			@Override
			public void close() throws IOException {
				flush();
			}
		});
		Properties manifest = new Properties();
		manifest.setProperty("format", Integer.toString(IntentModelStore.FORMAT));
		manifest.setProperty("kind", KIND);
		manifest.setProperty("kbVersion", kbVersion);
		manifest.setProperty("temperature", Double.toString(this.temperature));
		this.acceptThreshold.ifPresent((t) -> manifest.setProperty("acceptThreshold", Double.toString(t)));
		manifest.setProperty("encoder", (this.encoder != null) ? this.encoder.name() : "");
		manifest.setProperty("networks", Integer.toString(this.networks.size()));
		zip.putNextEntry(new ZipEntry(IntentModelStore.MANIFEST));
		manifest.store(zip, "Kotae intent model");
		zip.closeEntry();

		zip.putNextEntry(new ZipEntry("labels.txt"));
		zip.write(String.join("\n", this.labels).getBytes(StandardCharsets.UTF_8));
		zip.closeEntry();

		zip.putNextEntry(new ZipEntry("features.bin"));
		DataOutputStream data = new DataOutputStream(zip);
		this.features.write(data);
		data.flush();
		zip.closeEntry();

		for (int i = 0; i < this.networks.size(); i++) {
			MultiLayerNetwork network = this.networks.get(i);
			zip.putNextEntry(new ZipEntry("network-" + i + ".json"));
			zip.write(network.getLayerWiseConfigurations().toJson().getBytes(StandardCharsets.UTF_8));
			zip.closeEntry();

			zip.putNextEntry(new ZipEntry("params-" + i + ".bin"));
			data = new DataOutputStream(zip);
			Nd4j.write(network.params(), data);
			data.flush();
			zip.closeEntry();
		}
		zip.close(); // ends the deflater; the wrapper keeps the caller's stream open
	}

	/** Restores a classifier from the entries {@link #save} wrote. */
	static MlpIntentClassifier read(Properties manifest, Map<String, byte[]> entries) throws IOException {
		List<String> labels = Arrays.asList(new String(entry(entries, "labels.txt"), StandardCharsets.UTF_8).split("\n"));
		TextFeatures features = TextFeatures.read(new DataInputStream(new ByteArrayInputStream(entry(entries, "features.bin"))));
		String encoderName = manifest.getProperty("encoder", "");
		SentenceEncoder encoder = encoderName.isEmpty() ? null : SentenceEncoder.named(encoderName);
		double temperature;
		OptionalDouble acceptThreshold = OptionalDouble.empty();
		int count;
		try {
			temperature = Double.parseDouble(manifest.getProperty("temperature", "1"));
			String threshold = manifest.getProperty("acceptThreshold");
			if (threshold != null) {
				acceptThreshold = OptionalDouble.of(Double.parseDouble(threshold));
			}
			count = Integer.parseInt(manifest.getProperty("networks", "1"));
		}
		catch (NumberFormatException ex) {
			throw new IOException("bad number in the model manifest", ex);
		}
		List<MultiLayerNetwork> networks = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			MultiLayerConfiguration configuration = MultiLayerConfiguration
				.fromJson(new String(entry(entries, "network-" + i + ".json"), StandardCharsets.UTF_8));
			INDArray params = Nd4j
				.read(new DataInputStream(new ByteArrayInputStream(entry(entries, "params-" + i + ".bin"))));
			MultiLayerNetwork network = new MultiLayerNetwork(configuration);
			network.init(params, false);
			if (network.getLayer(network.getnLayers() - 1).getParam("b").length() != labels.size()
					|| network.getLayer(0).getParam("W").size(0) != inputSize(features, encoder)) {
				throw new IOException("the model's network does not fit its labels or features");
			}
			networks.add(network);
		}
		return new MlpIntentClassifier(labels, features, encoder, networks, temperature, acceptThreshold);
	}

	private static byte[] entry(Map<String, byte[]> entries, String name) throws IOException {
		byte[] bytes = entries.get(name);
		if (bytes == null) {
			throw new IOException("the model has no " + name);
		}
		return bytes;
	}

}
