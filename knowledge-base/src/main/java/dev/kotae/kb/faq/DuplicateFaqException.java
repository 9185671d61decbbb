package dev.kotae.kb.faq;

/** An FAQ with the given id exists already. */
public class DuplicateFaqException extends KnowledgeBaseException {

	private static final long serialVersionUID = 1L;

	public DuplicateFaqException(String id) {
		super("An FAQ with the id '" + id + "' exists already; update it with PUT instead.");
	}

}
