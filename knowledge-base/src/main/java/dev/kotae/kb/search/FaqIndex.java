package dev.kotae.kb.search;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import dev.kotae.kb.faq.Faq;
import dev.kotae.kb.faq.Language;
import dev.kotae.kb.search.FaqAnalyzers.Fields;
import dev.kotae.kb.synonym.SynonymSet;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.SynonymQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.QueryBuilder;

/**
 * An in-memory Lucene index of published FAQs, kept near-real-time: a change is searchable as soon
 * as {@link #apply} returns. It is rebuilt from the database at start-up, so it needs no files and
 * every node of a cluster holds its own copy. Thread-safe.
 * <p>
 * The tuned ranking is a weighted sum of BM25 clauses, one per field: the question, the alternative
 * questions, the answer and the tags (words, with synonyms); for Japanese, the readings and CJK
 * bigrams of the questions and the bigrams of the answer; for English, the question words' prefixes,
 * and, for a query word no FAQ uses, fuzzy matches and letter trigrams.
 */
public final class FaqIndex implements FaqSearch, Closeable {

	/*
	 * Field weights of the tuned ranking, chosen on one half of the demo dev set and checked on the
	 * other (see docs/evaluation.md).
	 */

	static final float QUESTION_BOOST = 2.0f;

	static final float ALTERNATIVES_BOOST = 1.5f;

	/** Japanese answers are a strong signal (the words of a question are few and often split). */
	static final float ANSWER_BOOST_JA = 1.6f;

	static final float ANSWER_BOOST_EN = 0.8f;

	/** Tags: keywords an editor gave the FAQ. */
	static final float TAGS_BOOST = 1.0f;

	static final float READING_BOOST = 0.8f;

	static final float CHARS_BOOST = 0.8f;

	/** CJK bigrams of the Japanese answer, for compounds Kuromoji splits differently. */
	static final float ANSWER_CHARS_BOOST = 0.4f;

	/** English query words as prefixes of question words ("cert" → "certifications"). */
	static final float PREFIX_BOOST = 1.0f;

	/** Weight of the fuzzy clause that stands in for a query word the index does not know. */
	static final float FUZZY_BOOST = 0.8f;

	/** Weight of the letter-trigram clause of a query word the index does not know. */
	static final float TRIGRAM_BOOST = 0.5f;

	/** At most this many unknown words of a query get fuzzy and trigram clauses (bounds the query). */
	static final int MAX_UNKNOWN_WORDS = 5;

	private final RetrievalMode mode;

	private final ByteBuffersDirectory directory = new ByteBuffersDirectory();

	private final Analyzer indexAnalyzer = FaqAnalyzers.indexAnalyzer();

	private final Analyzer readingTokenizer = FaqAnalyzers.readingTokenizer();

	private final QueryBuilder bigramQueries = new QueryBuilder(FaqAnalyzers.cjkBigrams());

	private final QueryBuilder prefixQueries = new QueryBuilder(FaqAnalyzers.englishUnstemmed());

	private final Analyzer trigrams = FaqAnalyzers.englishTrigrams();

	private final Map<Language, Analyzer> plainWords = new EnumMap<>(Language.class);

	private final IndexWriter writer;

	private final SearcherManager searchers;

	private volatile Map<Language, QueryBuilder> wordQueries;

	/** Counts the changes made searchable: FAQ changes (after the refresh) and synonym changes. */
	private final AtomicLong version = new AtomicLong();

	public FaqIndex(RetrievalMode mode) {
		this.mode = mode;
		for (Language l : Language.values()) {
			this.plainWords.put(l, FaqAnalyzers.words(l, null));
		}
		try {
			this.writer = new IndexWriter(this.directory, new IndexWriterConfig(this.indexAnalyzer));
			this.searchers = new SearcherManager(this.writer, null);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		setSynonyms(List.of());
	}

	public RetrievalMode mode() {
		return this.mode;
	}

	/** Replaces the whole content with the published ones of {@code faqs}. */
	public void rebuild(Collection<Faq> faqs) {
		try {
			this.writer.deleteAll();
			for (Faq faq : faqs) {
				if (faq.isPublished()) {
					this.writer.addDocument(document(faq));
				}
			}
			refresh();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Adds or replaces saved FAQs (dropping the unpublished ones) and removes deleted ones. */
	public void apply(Collection<Faq> saved, Collection<String> deletedIds) {
		try {
			for (Faq faq : saved) {
				Term id = new Term(Fields.ID, faq.id());
				if (faq.isPublished()) {
					this.writer.updateDocument(id, document(faq));
				}
				else {
					this.writer.deleteDocuments(id);
				}
			}
			for (String id : deletedIds) {
				this.writer.deleteDocuments(new Term(Fields.ID, id));
			}
			refresh();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Replaces the query-time synonyms. */
	public void setSynonyms(Collection<SynonymSet> sets) {
		Map<Language, QueryBuilder> builders = new EnumMap<>(Language.class);
		for (Language l : Language.values()) {
			builders.put(l, new QueryBuilder(FaqAnalyzers.words(l, FaqAnalyzers.synonymMap(l, sets))));
		}
		this.wordQueries = builders;
		this.version.incrementAndGet();
	}

	@Override
	public long version() {
		return this.version.get();
	}

	/** Number of searchable FAQs. */
	public int size() {
		return withSearcher((searcher) -> searcher.getIndexReader().numDocs());
	}

	@Override
	public List<SearchHit> search(String text, Language locale, int limit) {
		if (text == null || text.isBlank() || limit <= 0) {
			return List.of();
		}
		String raw = (text.length() > MAX_QUERY_CHARS) ? text.substring(0, MAX_QUERY_CHARS) : text;
		Language language = (locale != null) ? locale : Language.detect(raw);
		return withSearcher((searcher) -> {
			Query query = (this.mode == RetrievalMode.BASELINE) ? baselineQuery(raw, language)
					: tunedQuery(searcher.getIndexReader(), TextNormalizer.normalize(raw), language);
			if (query == null) {
				return List.of();
			}
			BooleanQuery filtered = new BooleanQuery.Builder().add(query, Occur.MUST)
				.add(new TermQuery(new Term(Fields.LOCALE, language.code())), Occur.FILTER)
				.build();
			ScoreDoc[] docs = searcher.search(filtered, limit).scoreDocs;
			StoredFields stored = searcher.storedFields();
			List<SearchHit> hits = new ArrayList<>(docs.length);
			for (ScoreDoc doc : docs) {
				Document d = stored.document(doc.doc);
				hits.add(new SearchHit(d.get(Fields.ID), language, d.get(Fields.QUESTION_STORED),
						d.get(Fields.CATEGORY_STORED), doc.score));
			}
			return hits;
		});
	}

	private Query baselineQuery(String text, Language language) {
		QueryBuilder builder = new QueryBuilder(this.indexAnalyzer);
		return builder.createBooleanQuery(Fields.baseline(language), text, Occur.SHOULD);
	}

	private Query tunedQuery(IndexReader reader, String text, Language language) throws IOException {
		BooleanQuery.Builder query = new BooleanQuery.Builder();
		QueryBuilder words = this.wordQueries.get(language);
		int clauses = 0;
		clauses += add(query, words.createBooleanQuery(Fields.question(language), text, Occur.SHOULD), QUESTION_BOOST);
		clauses += add(query, words.createBooleanQuery(Fields.alternatives(language), text, Occur.SHOULD),
				ALTERNATIVES_BOOST);
		clauses += add(query, words.createBooleanQuery(Fields.answer(language), text, Occur.SHOULD),
				(language == Language.JA) ? ANSWER_BOOST_JA : ANSWER_BOOST_EN);
		clauses += add(query, words.createBooleanQuery(Fields.tags(language), text, Occur.SHOULD), TAGS_BOOST);
		if (language == Language.JA) {
			String reading = FaqAnalyzers.reading(this.readingTokenizer, text);
			clauses += add(query, this.bigramQueries.createBooleanQuery(Fields.READING_JA, reading, Occur.SHOULD),
					READING_BOOST);
			clauses += add(query, this.bigramQueries.createBooleanQuery(Fields.CHARS_JA, text, Occur.SHOULD),
					CHARS_BOOST);
			clauses += add(query, this.bigramQueries.createBooleanQuery(Fields.ANSWER_CHARS_JA, text, Occur.SHOULD),
					ANSWER_CHARS_BOOST);
		}
		else {
			clauses += add(query, this.prefixQueries.createBooleanQuery(Fields.PREFIXES_EN, text, Occur.SHOULD),
					PREFIX_BOOST);
			clauses += addUnknownWords(query, reader, text, language);
		}
		return (clauses == 0) ? null : query.build();
	}

	/**
	 * For each query word that no FAQ contains (a likely typo, compound or variant), matches words one
	 * edit away in the question and alternative questions, and questions sharing its letter trigrams.
	 * Known words get neither, so that "card" never finds "cart"; nor do numbers.
	 */
	private int addUnknownWords(BooleanQuery.Builder query, IndexReader reader, String text, Language language)
			throws IOException {
		String question = Fields.question(language);
		String alternatives = Fields.alternatives(language);
		String answer = Fields.answer(language);
		int added = 0;
		int unknown = 0;
		for (String word : terms(this.plainWords.get(language), text)) {
			if (unknown >= MAX_UNKNOWN_WORDS) {
				break;
			}
			if (word.chars().allMatch(Character::isDigit)) {
				continue; // an order, invoice or phone number: not a misspelt word ("2025" is not "2024")
			}
			if (reader.docFreq(new Term(question, word)) > 0 || reader.docFreq(new Term(alternatives, word)) > 0
					|| reader.docFreq(new Term(answer, word)) > 0) {
				continue;
			}
			unknown++;
			added += add(query, trigramQuery(word), TRIGRAM_BOOST);
			if (word.length() >= 4) {
				BooleanQuery fuzzy = new BooleanQuery.Builder()
					.add(new BoostQuery(new FuzzyQuery(new Term(question, word), 1, 1), QUESTION_BOOST), Occur.SHOULD)
					.add(new BoostQuery(new FuzzyQuery(new Term(alternatives, word), 1, 1), ALTERNATIVES_BOOST),
							Occur.SHOULD)
					.build();
				added += add(query, fuzzy, FUZZY_BOOST);
			}
		}
		return added;
	}

	/** The letter trigrams of one word as one blended term, so a long word does not outweigh the rest. */
	private Query trigramQuery(String word) throws IOException {
		Set<String> grams = terms(this.trigrams, word);
		if (grams.isEmpty()) {
			return null;
		}
		SynonymQuery.Builder query = new SynonymQuery.Builder(Fields.TRIGRAMS_EN);
		for (String gram : grams) {
			query.addTerm(new Term(Fields.TRIGRAMS_EN, gram));
		}
		return query.build();
	}

	private static int add(BooleanQuery.Builder query, Query clause, float boost) {
		if (clause == null) {
			return 0;
		}
		query.add(new BoostQuery(clause, boost), Occur.SHOULD);
		return 1;
	}

	private static Set<String> terms(Analyzer analyzer, String text) throws IOException {
		Set<String> terms = new LinkedHashSet<>();
		try (TokenStream stream = analyzer.tokenStream("q", text)) {
			CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
			stream.reset();
			while (stream.incrementToken()) {
				terms.add(term.toString());
			}
			stream.end();
		}
		return terms;
	}

	private Document document(Faq faq) {
		Language l = faq.locale();
		Document doc = new Document();
		doc.add(new StringField(Fields.ID, faq.id(), Field.Store.YES));
		doc.add(new StringField(Fields.LOCALE, l.code(), Field.Store.NO));
		doc.add(new StoredField(Fields.QUESTION_STORED, faq.question()));
		if (faq.category() != null) {
			doc.add(new StoredField(Fields.CATEGORY_STORED, faq.category()));
		}
		if (this.mode == RetrievalMode.BASELINE) {
			doc.add(new TextField(Fields.baseline(l), faq.question() + "\n" + faq.answer(), Field.Store.NO));
			return doc;
		}
		String question = TextNormalizer.normalize(faq.question());
		List<String> alternatives = faq.alternativeQuestions().stream().map(TextNormalizer::normalize).toList();
		doc.add(new TextField(Fields.question(l), question, Field.Store.NO));
		for (String alternative : alternatives) {
			doc.add(new TextField(Fields.alternatives(l), alternative, Field.Store.NO));
		}
		String answer = TextNormalizer.normalize(Markdown.toPlainText(faq.answer()));
		doc.add(new TextField(Fields.answer(l), answer, Field.Store.NO));
		for (String tag : faq.tags()) {
			doc.add(new TextField(Fields.tags(l), TextNormalizer.normalize(tag), Field.Store.NO));
		}
		List<String> phrasings = new ArrayList<>(alternatives.size() + 1);
		phrasings.add(question);
		phrasings.addAll(alternatives);
		for (String phrasing : phrasings) {
			if (l == Language.JA) {
				doc.add(new TextField(Fields.READING_JA, FaqAnalyzers.reading(this.readingTokenizer, phrasing),
						Field.Store.NO));
				doc.add(new TextField(Fields.CHARS_JA, phrasing, Field.Store.NO));
			}
			else {
				doc.add(new TextField(Fields.PREFIXES_EN, phrasing, Field.Store.NO));
				doc.add(new TextField(Fields.TRIGRAMS_EN, phrasing, Field.Store.NO));
			}
		}
		if (l == Language.JA) {
			doc.add(new TextField(Fields.ANSWER_CHARS_JA, answer, Field.Store.NO));
		}
		return doc;
	}

	private void refresh() throws IOException {
		this.searchers.maybeRefreshBlocking();
		this.version.incrementAndGet();
	}

	private <T> T withSearcher(SearcherWork<T> work) {
		try {
			IndexSearcher searcher = this.searchers.acquire();
			try {
				return work.apply(searcher);
			}
			finally {
				this.searchers.release(searcher);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		try {
			this.searchers.close();
			this.writer.close();
			this.directory.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@FunctionalInterface
	private interface SearcherWork<T> {

		T apply(IndexSearcher searcher) throws IOException;

	}

}
