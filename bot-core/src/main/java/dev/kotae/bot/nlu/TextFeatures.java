package dev.kotae.bot.nlu;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.kotae.kb.faq.Language;
import dev.kotae.kb.search.TextNormalizer;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.ja.JapaneseBaseFormFilter;
import org.apache.lucene.analysis.ja.JapaneseTokenizer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Turns a text into a sparse, hashed, sublinear TF-IDF vector, L2-normalised:
 * <ul>
 * <li>words: Kuromoji base forms for Japanese, Unicode word tokens for English; unigrams and
 * bigrams;</li>
 * <li>characters: n-grams of every word padded with {@code <} and {@code >} (sub-words; 3–5 for
 * alphabetic words, 1–3 for Japanese, whose characters carry more meaning each).</li>
 * </ul>
 * Features are hashed into {@code 2^bits} buckets with a hashed sign, so collisions cancel out on
 * average. The inverse document frequencies are learnt from the training texts and saved with the
 * model; buckets that no training text uses are dropped, so a text made only of unseen words and
 * n-grams has no features at all. Instances are immutable and thread-safe.
 */
final class TextFeatures {

	/** Japanese: Kuromoji (normal mode), base forms; punctuation dropped. */
	private static final Analyzer JAPANESE = new Analyzer() {
		@Override
		protected TokenStreamComponents createComponents(String field) {
			Tokenizer tokenizer = new JapaneseTokenizer(null, true, JapaneseTokenizer.Mode.NORMAL);
			return new TokenStreamComponents(tokenizer, new JapaneseBaseFormFilter(tokenizer));
		}
	};

	/** English and anything else: Unicode word boundaries, possessives dropped, no stop words. */
	private static final Analyzer OTHER = new Analyzer() {
		@Override
		protected TokenStreamComponents createComponents(String field) {
			Tokenizer tokenizer = new StandardTokenizer();
			return new TokenStreamComponents(tokenizer, new EnglishPossessiveFilter(tokenizer));
		}
	};

	private final int bits;

	private final float[] idf;

	private TextFeatures(int bits, float[] idf) {
		this.bits = bits;
		this.idf = idf;
	}

	/** Learns the inverse document frequencies of the buckets from the training texts. */
	static TextFeatures fit(int bits, List<String> texts) {
		int size = 1 << bits;
		int[] df = new int[size];
		TextFeatures counting = new TextFeatures(bits, null);
		for (String text : texts) {
			for (int bucket : counting.counts(text).keySet()) {
				df[bucket]++;
			}
		}
		float[] idf = new float[size];
		int n = texts.size();
		for (int i = 0; i < size; i++) {
			// a bucket no training text uses has untrained weights behind it: leave it out
			idf[i] = (df[i] == 0) ? 0f : (float) (Math.log((1.0 + n) / (1.0 + df[i])) + 1.0);
		}
		return new TextFeatures(bits, idf);
	}

	int dimension() {
		return 1 << this.bits;
	}

	/** The sparse vector of a text; empty for a text without (known) features. */
	SparseVector vector(String text) {
		Map<Integer, float[]> counts = counts(text);
		int[] indices = new int[counts.size()];
		float[] values = new float[counts.size()];
		int k = 0;
		double norm = 0;
		for (Map.Entry<Integer, float[]> e : counts.entrySet()) {
			float count = e.getValue()[0];
			float tf = (float) (1 + Math.log(Math.abs(count))) * Math.signum(count);
			float value = tf * this.idf[e.getKey()];
			indices[k] = e.getKey();
			values[k] = value;
			norm += value * value;
			k++;
		}
		int used = 0;
		float scale = (norm > 0) ? (float) (1 / Math.sqrt(norm)) : 0f;
		for (int i = 0; i < k; i++) {
			if (values[i] != 0f) {
				indices[used] = indices[i];
				values[used++] = values[i] * scale;
			}
		}
		return new SparseVector(Arrays.copyOf(indices, used), Arrays.copyOf(values, used));
	}

	/** Signed counts per bucket; a bucket whose signed count is zero is dropped later. */
	private Map<Integer, float[]> counts(String text) {
		String normalized = TextNormalizer.normalize(text);
		Map<Integer, float[]> counts = new HashMap<>();
		if (normalized.isEmpty()) {
			return counts;
		}
		boolean japanese = Language.detect(normalized) == Language.JA;
		List<String> words = tokens(japanese ? JAPANESE : OTHER, normalized);
		String previous = "<s>";
		for (String word : words) {
			add(counts, "w\u0001" + word);
			add(counts, "b\u0001" + previous + "\u0001" + word);
			previous = word;
			String padded = "<" + word + ">";
			boolean cjk = Language.detect(word) == Language.JA;
			int min = cjk ? 1 : 3;
			int max = cjk ? 3 : 5;
			for (int n = min; n <= max; n++) {
				for (int i = 0; i + n <= padded.length(); i++) {
					if (n == 1 && (i == 0 || i == padded.length() - 1)) {
						continue;
					}
					add(counts, "c\u0001" + padded.substring(i, i + n));
				}
			}
		}
		if (!words.isEmpty()) {
			add(counts, "b\u0001" + previous + "\u0001</s>");
		}
		counts.values().removeIf((c) -> c[0] == 0f);
		return counts;
	}

	private void add(Map<Integer, float[]> counts, String feature) {
		int hash = mix(feature.hashCode());
		int bucket = hash >>> (32 - this.bits);
		float sign = ((hash & 1) == 0) ? 1f : -1f;
		counts.computeIfAbsent(bucket, (b) -> new float[1])[0] += sign;
	}

	/** MurmurHash3's finaliser: spreads {@link String#hashCode()}, which is fixed by the JLS. */
	private static int mix(int h) {
		h ^= h >>> 16;
		h *= 0x85ebca6b;
		h ^= h >>> 13;
		h *= 0xc2b2ae35;
		h ^= h >>> 16;
		return h;
	}

	private static List<String> tokens(Analyzer analyzer, String text) {
		List<String> tokens = new ArrayList<>();
		try (TokenStream stream = analyzer.tokenStream("text", text)) {
			CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
			stream.reset();
			while (stream.incrementToken()) {
				tokens.add(term.toString());
			}
			stream.end();
		}
		catch (IOException ex) {
			// a StringReader does not fail
			throw new UncheckedIOException(ex);
		}
		return tokens;
	}

	void write(DataOutputStream out) throws IOException {
		out.writeInt(this.bits);
		for (float v : this.idf) {
			out.writeFloat(v);
		}
	}

	static TextFeatures read(DataInputStream in) throws IOException {
		int bits = in.readInt();
		if (bits < 4 || bits > 24) {
			throw new IOException("bad feature size 2^" + bits);
		}
		float[] idf = new float[1 << bits];
		for (int i = 0; i < idf.length; i++) {
			idf[i] = in.readFloat();
		}
		return new TextFeatures(bits, idf);
	}

	/** A sparse vector: sorted or not, indices are distinct. */
	record SparseVector(int[] indices, float[] values) {

		boolean isEmpty() {
			return this.indices.length == 0;
		}

	}

}
