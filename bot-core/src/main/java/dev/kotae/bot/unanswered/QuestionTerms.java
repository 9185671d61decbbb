package dev.kotae.bot.unanswered;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.kotae.kb.faq.Language;
import dev.kotae.kb.search.TextNormalizer;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.ja.JapaneseAnalyzer;
import org.apache.lucene.analysis.ja.JapaneseBaseFormFilter;
import org.apache.lucene.analysis.ja.JapaneseKatakanaStemFilter;
import org.apache.lucene.analysis.ja.JapanesePartOfSpeechStopFilter;
import org.apache.lucene.analysis.ja.JapaneseTokenizer;
import org.apache.lucene.analysis.pattern.PatternReplaceFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The terms a question is clustered on, per language (the knowledge base's analyzers are internal to
 * it, so this builds the same chains from Lucene):
 * <ul>
 * <li>Japanese: Kuromoji words in search mode (base forms; particles, auxiliaries and stop words
 * and the words of asking removed; katakana long vowels folded), prefixed {@code w:}, and character bigrams of every run of
 * kanji and katakana, prefixed {@code b:}, so unknown compounds and variant splits still overlap.</li>
 * <li>English: Porter-stemmed words without possessives, apostrophes, stop words and the words every
 * question has ("how", "do", "I", "can", "use"…), prefixed {@code w:}.</li>
 * </ul>
 * Thread-safe: Lucene keeps one token stream per thread.
 */
final class QuestionTerms {

	private static final Pattern APOSTROPHES = Pattern.compile("['\u2019]");

	/** Punctuation and symbols, folded away in the {@link #key} of a question. */
	private static final Pattern PUNCTUATION = Pattern.compile("[\\p{P}\\p{S}]+");

	private static final Pattern SPACES = Pattern.compile("\\s+");

	/** Lucene's English stop words and the function words of questions. */
	private static final CharArraySet ENGLISH_STOP_WORDS;

	static {
		CharArraySet words = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, false);
		words.addAll(List.of("how", "do", "does", "did", "i", "im", "ive", "id", "me", "my", "mine", "you", "your",
				"we", "our", "us", "can", "could", "would", "should", "may", "what", "whats", "where", "when", "why",
				"which", "who", "there", "here", "please", "hi", "hello", "am", "been", "has", "have", "had", "any",
				"some", "so", "just", "also", "about", "from", "up", "out", "get", "want", "need", "know", "help",
				"use", "using", "work", "works", "working", "way", "possible", "able", "available", "ok", "okay",
				"tell", "thanks", "thank"));
		ENGLISH_STOP_WORDS = CharArraySet.unmodifiableSet(words);
	}

	/** Lucene's Japanese stop words and the words of asking ("方法", "教える", "使う"…), as base forms. */
	private static final CharArraySet JAPANESE_STOP_WORDS;

	static {
		CharArraySet words = new CharArraySet(JapaneseAnalyzer.getDefaultStopSet(), false);
		words.addAll(List.of("方法", "教える", "知る", "使う", "利用", "可能", "いい", "よい", "くださる", "ください",
				"どう", "どうやって", "どこ", "なぜ", "何", "いつ", "について", "たい", "思う", "場合"));
		JAPANESE_STOP_WORDS = CharArraySet.unmodifiableSet(words);
	}

	private static final Analyzer JAPANESE_WORDS = new Analyzer() {
		@Override
		protected TokenStreamComponents createComponents(String field) {
			Tokenizer tokenizer = new JapaneseTokenizer(null, true, JapaneseTokenizer.Mode.SEARCH);
			TokenStream stream = new JapaneseBaseFormFilter(tokenizer);
			stream = new JapanesePartOfSpeechStopFilter(stream, JapaneseAnalyzer.getDefaultStopTags());
			stream = new CJKWidthFilter(stream);
			stream = new StopFilter(stream, JAPANESE_STOP_WORDS);
			stream = new JapaneseKatakanaStemFilter(stream);
			return new TokenStreamComponents(tokenizer, new LowerCaseFilter(stream));
		}
	};

	private static final Analyzer ENGLISH_WORDS = new Analyzer() {
		@Override
		protected TokenStreamComponents createComponents(String field) {
			Tokenizer tokenizer = new StandardTokenizer();
			TokenStream stream = new LowerCaseFilter(new EnglishPossessiveFilter(tokenizer));
			stream = new PatternReplaceFilter(stream, APOSTROPHES, "", true);
			stream = new StopFilter(stream, ENGLISH_STOP_WORDS);
			return new TokenStreamComponents(tokenizer, new PorterStemFilter(stream));
		}
	};

	private QuestionTerms() {
	}

	/**
	 * What makes two questions the same question: {@link TextNormalizer} (NFKC, lower case, katakana
	 * dashes), punctuation and symbols removed, white space collapsed. Empty when nothing is left.
	 */
	static String key(String text) {
		String folded = PUNCTUATION.matcher(TextNormalizer.normalize(text)).replaceAll(" ");
		return SPACES.matcher(folded).replaceAll(" ").strip();
	}

	/** The terms of a {@link #key normalised} question with how often each occurs. */
	static Map<String, Integer> of(String key, Language language) {
		Map<String, Integer> terms = new HashMap<>();
		if (language == Language.JA) {
			analyse(JAPANESE_WORDS, key, terms);
			bigrams(key, terms);
		}
		else {
			analyse(ENGLISH_WORDS, key, terms);
		}
		return terms;
	}

	private static void analyse(Analyzer analyzer, String text, Map<String, Integer> terms) {
		try (TokenStream stream = analyzer.tokenStream("q", text)) {
			CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
			stream.reset();
			while (stream.incrementToken()) {
				if (term.length() > 0) {
					terms.merge("w:" + term, 1, Integer::sum);
				}
			}
			stream.end();
		}
		catch (IOException ex) {
			// analysing a string in memory does no I/O
			throw new UncheckedIOException(ex);
		}
	}

	/** Bigrams of every run of kanji and katakana; a run of one character is kept as it is. */
	private static void bigrams(String text, Map<String, Integer> terms) {
		int runStart = -1;
		for (int i = 0; i <= text.length(); i++) {
			boolean inRun = i < text.length() && isKanjiOrKatakana(text.charAt(i));
			if (inRun && runStart < 0) {
				runStart = i;
			}
			else if (!inRun && runStart >= 0) {
				if (i - runStart == 1) {
					terms.merge("b:" + text.charAt(runStart), 1, Integer::sum);
				}
				for (int j = runStart; j + 1 < i; j++) {
					terms.merge("b:" + text.substring(j, j + 2), 1, Integer::sum);
				}
				runStart = -1;
			}
		}
	}

	private static boolean isKanjiOrKatakana(char c) {
		if (c == 'ー' || c == '々') {
			return true;
		}
		Character.UnicodeScript script = Character.UnicodeScript.of(c);
		return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.KATAKANA;
	}

}
