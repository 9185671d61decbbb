package dev.kotae.kb.search;

import java.util.List;

import dev.kotae.kb.faq.Language;

/** Finds published FAQs for a user's text. */
public interface FaqSearch {

	/** Longest text that is analysed; the rest of a longer query is ignored. */
	int MAX_QUERY_CHARS = 256;

	/**
	 * Searches the published FAQs of one language.
	 * @param text what the user typed
	 * @param locale the language, or {@code null} to detect it from the text
	 * @param limit at most this many hits
	 * @return hits, best first
	 */
	List<SearchHit> search(String text, Language locale, int limit);

	/**
	 * A number that changes whenever a search may find something else than before (an FAQ or the
	 * synonyms changed), read before searching, so that results can be cached and known stale.
	 */
	long version();

}
