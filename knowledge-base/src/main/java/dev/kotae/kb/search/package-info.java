/**
 * Search over published FAQs: per-language analysis (Kuromoji for Japanese, stemming for English),
 * query-time synonyms, typo tolerance and an in-memory Lucene index kept in step with the database.
 * Other features use {@link dev.kotae.kb.search.FaqSearch}.
 */
package dev.kotae.kb.search;
