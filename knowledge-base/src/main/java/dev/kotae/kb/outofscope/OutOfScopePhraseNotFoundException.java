package dev.kotae.kb.outofscope;

import dev.kotae.kb.faq.KnowledgeBaseException;

/** No out-of-scope phrase has the requested id. */
public class OutOfScopePhraseNotFoundException extends KnowledgeBaseException {

	private static final long serialVersionUID = 1L;

	public OutOfScopePhraseNotFoundException(long id) {
		super("No out-of-scope phrase has the id " + id + ".");
	}

}
