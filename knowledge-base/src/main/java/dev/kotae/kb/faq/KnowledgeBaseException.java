package dev.kotae.kb.faq;

/** Base of the knowledge base's exceptions; each subtype maps to one API status. */
public abstract class KnowledgeBaseException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	protected KnowledgeBaseException(String message) {
		super(message);
	}

}
