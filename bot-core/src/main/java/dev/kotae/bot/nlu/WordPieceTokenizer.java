package dev.kotae.bot.nlu;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * BERT's uncased WordPiece tokenizer, as the Hugging Face {@code tokenizer.json} of a BERT-style
 * sentence encoder describes it: clean-up, spaces around CJK ideographs, lower case and accents
 * stripped, split at white space and punctuation, then greedy longest-match word pieces
 * ({@code ##} marks a continuation), wrapped in {@code [CLS]} … {@code [SEP]}. Thread-safe.
 */
final class WordPieceTokenizer {

	private static final int MAX_WORD_CHARS = 100;

	private final Map<String, Integer> vocabulary;

	private final int maxTokens;

	private final int unknown;

	private final int start;

	private final int end;

	WordPieceTokenizer(Map<String, Integer> vocabulary, int maxTokens) {
		this.vocabulary = Map.copyOf(vocabulary);
		this.maxTokens = maxTokens;
		this.unknown = id("[UNK]");
		this.start = id("[CLS]");
		this.end = id("[SEP]");
	}

	/** Reads the vocabulary (and the truncation length, 128 when absent) of a {@code tokenizer.json}. */
	static WordPieceTokenizer read(InputStream tokenizerJson) throws IOException {
		try {
			JsonObject root = JsonParser.parseReader(new InputStreamReader(tokenizerJson, StandardCharsets.UTF_8))
				.getAsJsonObject();
			JsonObject vocab = root.getAsJsonObject("model").getAsJsonObject("vocab");
			Map<String, Integer> vocabulary = new HashMap<>();
			for (Map.Entry<String, JsonElement> e : vocab.entrySet()) {
				vocabulary.put(e.getKey(), e.getValue().getAsInt());
			}
			int maxTokens = 128;
			JsonElement truncation = root.get("truncation");
			if (truncation != null && truncation.isJsonObject() && truncation.getAsJsonObject().has("max_length")) {
				maxTokens = truncation.getAsJsonObject().get("max_length").getAsInt();
			}
			return new WordPieceTokenizer(vocabulary, maxTokens);
		}
		catch (JsonParseException | IllegalStateException | NullPointerException | ClassCastException ex) {
			throw new IOException("not a WordPiece tokenizer.json: " + ex.getMessage(), ex);
		}
	}

	private int id(String token) {
		Integer id = this.vocabulary.get(token);
		if (id == null) {
			throw new IllegalArgumentException("the vocabulary has no " + token);
		}
		return id;
	}

	/** The token ids of a text, {@code [CLS]} first and {@code [SEP]} last, at most the model's length. */
	long[] encode(String text) {
		List<Integer> ids = new ArrayList<>();
		ids.add(this.start);
		outer: for (String word : words(text)) {
			for (int id : pieces(word)) {
				if (ids.size() >= this.maxTokens - 1) {
					break outer;
				}
				ids.add(id);
			}
		}
		ids.add(this.end);
		long[] out = new long[ids.size()];
		for (int i = 0; i < out.length; i++) {
			out[i] = ids.get(i);
		}
		return out;
	}

	/** Normalisation and pre-tokenisation: the words and punctuation marks of a text. */
	static List<String> words(String text) {
		StringBuilder clean = new StringBuilder(text.length() + 16);
		for (int i = 0; i < text.length();) {
			int cp = text.codePointAt(i);
			i += Character.charCount(cp);
			if (cp == 0 || cp == 0xFFFD || isControl(cp)) {
				continue;
			}
			if (isCjkIdeograph(cp)) {
				clean.append(' ').appendCodePoint(cp).append(' ');
			}
			else {
				clean.appendCodePoint(Character.isWhitespace(cp) || Character.isSpaceChar(cp) ? ' ' : cp);
			}
		}
		String folded = Normalizer.normalize(clean.toString().toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
		List<String> words = new ArrayList<>();
		StringBuilder word = new StringBuilder();
		for (int i = 0; i < folded.length();) {
			int cp = folded.codePointAt(i);
			i += Character.charCount(cp);
			if (Character.getType(cp) == Character.NON_SPACING_MARK) {
				continue;
			}
			if (cp == ' ') {
				flush(word, words);
			}
			else if (isPunctuation(cp)) {
				flush(word, words);
				words.add(new String(Character.toChars(cp)));
			}
			else {
				word.appendCodePoint(cp);
			}
		}
		flush(word, words);
		return words;
	}

	private static void flush(StringBuilder word, List<String> words) {
		if (!word.isEmpty()) {
			words.add(word.toString());
			word.setLength(0);
		}
	}

	private List<Integer> pieces(String word) {
		if (word.codePointCount(0, word.length()) > MAX_WORD_CHARS) {
			return List.of(this.unknown);
		}
		List<Integer> pieces = new ArrayList<>();
		int from = 0;
		while (from < word.length()) {
			int to = word.length();
			Integer id = null;
			while (to > from) {
				String piece = (from > 0 ? "##" : "") + word.substring(from, to);
				id = this.vocabulary.get(piece);
				if (id != null) {
					break;
				}
				to = Character.isLowSurrogate(word.charAt(to - 1)) && to - 2 > from ? to - 2 : to - 1;
			}
			if (id == null) {
				return List.of(this.unknown);
			}
			pieces.add(id);
			from = to;
		}
		return pieces;
	}

	private static boolean isControl(int cp) {
		if (cp == '\t' || cp == '\n' || cp == '\r') {
			return false;
		}
		int type = Character.getType(cp);
		return type == Character.CONTROL || type == Character.FORMAT;
	}

	private static boolean isPunctuation(int cp) {
		if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126)) {
			return true;
		}
		return switch (Character.getType(cp)) {
			case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
					Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
					Character.OTHER_PUNCTUATION ->
				true;
			default -> false;
		};
	}

	private static boolean isCjkIdeograph(int cp) {
		return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x20000 && cp <= 0x2A6DF)
				|| (cp >= 0x2A700 && cp <= 0x2B73F) || (cp >= 0x2B740 && cp <= 0x2B81F) || (cp >= 0x2B820 && cp <= 0x2CEAF)
				|| (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x2F800 && cp <= 0x2FA1F);
	}

}
