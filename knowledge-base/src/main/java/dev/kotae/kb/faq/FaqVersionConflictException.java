package dev.kotae.kb.faq;

/** The FAQ was changed by someone else since the editor loaded it. */
public class FaqVersionConflictException extends KnowledgeBaseException {

	private static final long serialVersionUID = 1L;

	public FaqVersionConflictException(String id, long expected, long actual) {
		super("FAQ '" + id + "' is at version " + actual + ", not " + expected
				+ "; reload it and apply your change again.");
	}

}
