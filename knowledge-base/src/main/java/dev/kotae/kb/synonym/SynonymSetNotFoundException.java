package dev.kotae.kb.synonym;

import dev.kotae.kb.faq.KnowledgeBaseException;

/** No synonym set has the requested id. */
public class SynonymSetNotFoundException extends KnowledgeBaseException {

	private static final long serialVersionUID = 1L;

	public SynonymSetNotFoundException(long id) {
		super("No synonym set has the id " + id + ".");
	}

}
