package dev.kotae.kb.faq;

/** No FAQ has the requested id. */
public class FaqNotFoundException extends KnowledgeBaseException {

	private static final long serialVersionUID = 1L;

	public FaqNotFoundException(String id) {
		super("No FAQ has the id '" + id + "'.");
	}

}
