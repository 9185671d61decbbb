package dev.kotae.kb.search;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.text.ParseException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

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
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.apache.lucene.analysis.ngram.NGramTokenFilter;
import org.apache.lucene.analysis.pattern.PatternReplaceFilter;
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
 * <li>English words: possessives, apostrophes ("can't" = "cant"), stop words, Porter stemming.</li>
 * <li>English prefixes: every word of a question indexed with its prefixes of three letters or more,
 * so that a query word matches the longer words it begins ("cert" → "certifications", "zap" →
 * "zapier").</li>
 * <li>English trigrams: letter trigrams of the words of a question, for the query words no FAQ uses
 * (compounds such as "msteams", variants such as "lockout" for "locked").</li>
 * </ul>
 * Synonyms apply to the word fields at query time only, so a synonym change needs no re-index.
 */
final class FaqAnalyzers {

	private static final Logger log = LoggerFactory.getLogger(FaqAnalyzers.class);

	private static final Pattern APOSTROPHES = Pattern.compile("['\u2019]");

	private static final Pattern WHOLE_WORD = Pattern.compile("^(.+)$");

	/** Shortest prefix of an English word that is indexed. */
	static final int MIN_PREFIX = 3;

	/** Longest prefix of an English word that is indexed; longer words are matched whole. */
	static final int MAX_PREFIX = 20;

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

		/** CJK bigrams of a Japanese answer. */
		static final String ANSWER_CHARS_JA = "answer_chars_ja";

		/** Words of the English questions with their prefixes. */
		static final String PREFIXES_EN = "prefixes_en";

		/** Letter trigrams of the words of the English questions. */
		static final String TRIGRAMS_EN = "trigrams_en";

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

		static String tags(Language l) {
			return "tags_" + l.code();
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
			fields.put(Fields.tags(l), words);
		}
		fields.put(Fields.PREFIXES_EN, englishPrefixes());
		fields.put(Fields.TRIGRAMS_EN, englishTrigrams());
		fields.put(Fields.baseline(Language.JA), new JapaneseAnalyzer());
		fields.put(Fields.baseline(Language.EN), new EnglishAnalyzer());
		Analyzer bigrams = cjkBigrams();
		fields.put(Fields.READING_JA, bigrams);
		fields.put(Fields.CHARS_JA, bigrams);
		fields.put(Fields.ANSWER_CHARS_JA, bigrams);
		return new PerFieldAnalyzerWrapper(bigrams, fields);
	}

	/**
	 * The word analyzer of a language, with query-time synonyms when {@code synonyms} is given. With
	 * synonyms, English stop words are removed by a {@link GraphStopFilter}, which keeps a multi-word
	 * synonym such as "log in" → "sign in" | "login" a set of alternatives ("log" | "sign" | "login").
	 */
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
					TokenStream stream = englishSurface(tokenizer);
					if (synonyms != null) {
						stream = new SynonymGraphFilter(stream, synonyms, true);
						stream = new GraphStopFilter(stream, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
					}
					else {
						stream = new StopFilter(stream, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
					}
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
					return new TokenStreamComponents(tokenizer, englishSurface(tokenizer));
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

	/** English words before stop words and stemming: possessives dropped, lower case, no apostrophes. */
	private static TokenStream englishSurface(Tokenizer tokenizer) {
		TokenStream stream = new LowerCaseFilter(new EnglishPossessiveFilter(tokenizer));
		return new PatternReplaceFilter(stream, APOSTROPHES, "", true);
	}

	/**
	 * English words without stemming and stop words: what a query's words are looked up with in
	 * {@link Fields#PREFIXES_EN}.
	 */
	static Analyzer englishUnstemmed() {
		return new Analyzer() {
			@Override
			protected TokenStreamComponents createComponents(String field) {
				Tokenizer tokenizer = new StandardTokenizer();
				return new TokenStreamComponents(tokenizer,
						new StopFilter(englishSurface(tokenizer), EnglishAnalyzer.ENGLISH_STOP_WORDS_SET));
			}
		};
	}

	/** Index analyzer of {@link Fields#PREFIXES_EN}: each unstemmed word and its prefixes. */
	static Analyzer englishPrefixes() {
		return new Analyzer() {
			@Override
			protected TokenStreamComponents createComponents(String field) {
				Tokenizer tokenizer = new StandardTokenizer();
				TokenStream stream = new StopFilter(englishSurface(tokenizer), EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
				return new TokenStreamComponents(tokenizer,
						new EdgeNGramTokenFilter(stream, MIN_PREFIX, MAX_PREFIX, true));
			}
		};
	}

	/**
	 * Letter trigrams of English words, marked at word boundaries ("lock" → "_lo", "loc", "ock",
	 * "ck_", and "_lock_" itself), both to index {@link Fields#TRIGRAMS_EN} and to query it.
	 */
	static Analyzer englishTrigrams() {
		return new Analyzer() {
			@Override
			protected TokenStreamComponents createComponents(String field) {
				Tokenizer tokenizer = new StandardTokenizer();
				TokenStream stream = new StopFilter(englishSurface(tokenizer), EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
				stream = new PatternReplaceFilter(stream, WHOLE_WORD, "_$1_", false);
				return new TokenStreamComponents(tokenizer, new NGramTokenFilter(stream, 3, 3, true));
			}
		};
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
