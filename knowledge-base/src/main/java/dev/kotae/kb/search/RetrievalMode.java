package dev.kotae.kb.search;

/** How an {@link FaqIndex} indexes and ranks. */
public enum RetrievalMode {

	/** The product's ranking: several analysed fields, readings, n-grams, synonyms, typo tolerance. */
	TUNED,

	/**
	 * The reference point for evaluation: plain Lucene BM25 over question + answer with Lucene's
	 * stock {@code JapaneseAnalyzer} (Kuromoji) or {@code EnglishAnalyzer}.
	 */
	BASELINE

}
