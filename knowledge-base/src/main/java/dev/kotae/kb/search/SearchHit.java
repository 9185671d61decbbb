package dev.kotae.kb.search;

import dev.kotae.kb.faq.Language;

/**
 * One FAQ found by a search.
 *
 * @param id the FAQ's id
 * @param locale its language
 * @param question its canonical question
 * @param category its category, may be {@code null}
 * @param score the retrieval score (higher is better; comparable within one search only)
 */
public record SearchHit(String id, Language locale, String question, String category, float score) {
}
