package dev.kotae.bot.nlu;

import java.io.IOException;
import java.util.List;

/**
 * A frozen sentence encoder whose embedding is appended to the hashed text features. It runs in the
 * process from weights on the class path; nothing is downloaded.
 */
interface SentenceEncoder {

	/** The name saved with a model, to find the same encoder when it is loaded. */
	String name();

	int dimension();

	/** The embedding of one text, L2-normalised. Thread-safe. */
	float[] encode(String text);

	/** The embeddings of many texts, in order. */
	default List<float[]> encodeAll(List<String> texts) {
		return texts.stream().map(this::encode).toList();
	}

	/** The encoder a saved model names. */
	static SentenceEncoder named(String name) throws IOException {
		if (MiniLmSentenceEncoder.NAME.equals(name)) {
			return MiniLmSentenceEncoder.instance();
		}
		throw new IOException("unknown sentence encoder " + name);
	}

	/** The encoder new models are trained with. */
	static SentenceEncoder standard() {
		return MiniLmSentenceEncoder.instance();
	}

}
