package dev.kotae.kb.synonym;

import java.util.List;

import dev.kotae.kb.faq.Language;

/** Terms that mean the same to a user of one language; a query with any of them finds the others. */
public record SynonymSet(long id, Language locale, List<String> terms) {

	public SynonymSet {
		terms = List.copyOf(terms);
	}

}
