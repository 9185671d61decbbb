package dev.kotae.kb.faq;

/** The FAQ has no such version in its history. */
public class FaqVersionNotFoundException extends KnowledgeBaseException {

	private static final long serialVersionUID = 1L;

	public FaqVersionNotFoundException(String id, long version) {
		super("FAQ '" + id + "' has no version " + version + "; list its versions to see which exist.");
	}

}
