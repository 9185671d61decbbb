package dev.kotae.kb.search;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.text.ParseException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.kotae.kb.faq.Language;
import dev.kotae.kb.synonym.SynonymSet;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.ja.JapaneseAnalyzer;
import org.apache.lucene.analysis.ja.JapaneseBaseFormFilter;
import org.apache.lucene.analysis.ja.JapaneseKatakanaStemFilter;
import org.apache.lucene.analysis.ja.JapanesePartOfSpeechStopFilter;
import org.apache.lucene.analysis.ja.JapaneseTokenizer;
import org.apache.lucene.analysis.ja.tokenattributes.ReadingAttribute;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The locale → analyzer map. Every text is {@link TextNormalizer normalised} before it reaches
 * these analyzers, so they need no width or case folding of their own beyond what is cheap.
 * <ul>
 * <li>Japanese words: Kuromoji in search mode, base forms, part-of-speech and stop-word removal,
 * katakana long-vowel folding.</li>
 * <li>Japanese readings and characters: CJK bigrams over the katakana reading of a text and over
 * its surface, so kana/kanji variants and unknown compounds still match.</li>
 * <li>English words: possessives, stop words, Porter stemming.</li>
 * </ul>
 * Synonyms apply to the word fields at query time only, so a synonym change needs no re-index.
 */
final class FaqAnalyzers {

	private static final Logger log = LoggerFactory.getLogger(FaqAnalyzers.class);

	private FaqAnalyzers() {
	}

	/** Field names; the word fields have one variant per language. */
	static final class Fields {

		static final String ID = "id";

		static final String LOCALE = "locale";

		static final String QUESTION_STORED = "question_stored";

		static final String CATEGORY_STORED = "category_stored";

		static final String READING_JA = "reading_ja";

		static final String CHARS_JA = "chars_ja";

		private Fields() {
		}

		static String question(Language l) {
			return "question_" + l.code();
		}

		static String alternatives(Language l) {
			return "alternatives_" + l.code();
		}

		static String answer(Language l) {
			return "answer_" + l.code();
		}

		static String baseline(Language l) {
			return "baseline_" + l.code();
		}

	}

	/** Index-time analyzers of every field. */
	static Analyzer indexAnalyzer() {
		Map<String, Analyzer> fields = new HashMap<>();
		Analyzer ja = words(Language.JA, null);
		Analyzer en = words(Language.EN, null);
		for (Language l : Language.values()) {
			Analyzer words = (l == Language.JA) ? ja : en;
			fields.put(Fields.question(l), words);
			fields.put(Fields.alternatives(l), words);
			fields.put(Fields.answer(l), words);
		}
		fields.put(Fields.baseline(Language.JA), new JapaneseAnalyzer());
		fields.put(Fields.baseline(Language.EN), new EnglishAnalyzer());
		Analyzer bigrams = cjkBigrams();
		fields.put(Fields.READING_JA, bigrams);
		fields.put(Fields.CHARS_JA, bigrams);
		return new PerFieldAnalyzerWrapper(bigrams, fields);
	}

	/** The word analyzer of a language, with query-time synonyms when {@code synonyms} is given. */
	static Analyzer words(Language language, SynonymMap synonyms) {
		return switch (language) {
			case JA -> new Analyzer() {
				@Override
				protected TokenStreamComponents createComponents(String field) {
					Tokenizer tokenizer = new JapaneseTokenizer(null, true, JapaneseTokenizer.Mode.SEARCH);
					TokenStream stream = (synonyms != null) ? new SynonymGraphFilter(tokenizer, synonyms, true) : tokenizer;
					stream = new JapaneseBaseFormFilter(stream);
					stream = new JapanesePartOfSpeechStopFilter(stream, JapaneseAnalyzer.getDefaultStopTags());
					stream = new CJKWidthFilter(stream);
					stream = new StopFilter(stream, JapaneseAnalyzer.getDefaultStopSet());
					stream = new JapaneseKatakanaStemFilter(stream);
					return new TokenStreamComponents(tokenizer, new LowerCaseFilter(stream));
				}
			};
			case EN -> new Analyzer() {
				@Override
				protected TokenStreamComponents createComponents(String field) {
					Tokenizer tokenizer = new StandardTokenizer();
					TokenStream stream = new LowerCaseFilter(new EnglishPossessiveFilter(tokenizer));
					if (synonyms != null) {
						stream = new SynonymGraphFilter(stream, synonyms, true);
					}
					stream = new StopFilter(stream, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
					return new TokenStreamComponents(tokenizer, new PorterStemFilter(stream));
				}
			};
		};
	}

	/** What synonym terms are split with: the word analyzer's tokenizer, before any filtering. */
	private static Analyzer synonymTerms(Language language) {
		return switch (language) {
			case JA -> new Analyzer() {
				@Override
				protected TokenStreamComponents createComponents(String field) {
					return new TokenStreamComponents(new JapaneseTokenizer(null, true, JapaneseTokenizer.Mode.SEARCH));
				}
			};
			case EN -> new Analyzer() {
				@Override
				protected TokenStreamComponents createComponents(String field) {
					Tokenizer tokenizer = new StandardTokenizer();
					return new TokenStreamComponents(tokenizer, new LowerCaseFilter(new EnglishPossessiveFilter(tokenizer)));
				}
			};
		};
	}

	/**
	 * Builds the synonym map of one language. A set whose terms analyse to nothing (punctuation
	 * only, say) is left out and named in the log; the others still apply.
	 * @return the map, or {@code null} when the language has no usable set
	 */
	static SynonymMap synonymMap(Language language, Collection<SynonymSet> sets) {
		List<SynonymSet> mine = sets.stream().filter((s) -> s.locale() == language).toList();
		if (mine.isEmpty()) {
			return null;
		}
		try (Analyzer analyzer = synonymTerms(language)) {
			SolrSynonymParser parser = new SolrSynonymParser(true, true, analyzer);
			int usable = 0;
			for (SynonymSet set : mine) {
				String rule = String.join(", ",
						set.terms().stream().map(TextNormalizer::normalize).map(FaqAnalyzers::escape).toList());
				try {
					parser.parse(new StringReader(rule + "\n"));
					usable++;
				}
				catch (ParseException | IllegalArgumentException ex) {
					log.warn("Synonym set {} ({}) is not used: {}", set.id(), language.code(), ex.getMessage());
				}
			}
			return (usable == 0) ? null : parser.build();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String escape(String term) {
		return term.replace("\\", "\\\\").replace("=>", "\\=>");
	}

	/** CJK bigrams (and whole non-CJK words) of a text. */
	static Analyzer cjkBigrams() {
		return new Analyzer() {
			@Override
			protected TokenStreamComponents createComponents(String field) {
				Tokenizer tokenizer = new StandardTokenizer();
				TokenStream stream = new LowerCaseFilter(new CJKWidthFilter(tokenizer));
				return new TokenStreamComponents(tokenizer, new CJKBigramFilter(stream));
			}
		};
	}

	/** Kuromoji's tokenizer alone, used to read a text's katakana reading. */
	static Analyzer readingTokenizer() {
		return new Analyzer() {
			@Override
			protected TokenStreamComponents createComponents(String field) {
				return new TokenStreamComponents(new JapaneseTokenizer(null, true, JapaneseTokenizer.Mode.NORMAL));
			}
		};
	}

	/**
	 * The katakana reading of a normalised Japanese text, without long-vowel marks: "領収書" and
	 * "りょうしゅうしょ" both read "リヨウシユウシヨ"-like strings that share most bigrams.
	 */
	static String reading(Analyzer readingTokenizer, String normalized) {
		StringBuilder out = new StringBuilder(normalized.length() + 8);
		try (TokenStream stream = readingTokenizer.tokenStream("reading", normalized)) {
			CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
			ReadingAttribute reading = stream.addAttribute(ReadingAttribute.class);
			stream.reset();
			boolean lastWasLatin = false;
			while (stream.incrementToken()) {
				String read = reading.getReading();
				String token = (read != null) ? read : TextNormalizer.toKatakana(term);
				boolean latin = token.chars().allMatch((c) -> c < 0x3000);
				if (latin && lastWasLatin) {
					out.append(' ');
				}
				out.append(token);
				lastWasLatin = latin;
			}
			stream.end();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toString().replace("ー", "");
	}

}
