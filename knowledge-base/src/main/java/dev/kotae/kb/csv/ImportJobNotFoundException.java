package dev.kotae.kb.csv;

import dev.kotae.kb.faq.KnowledgeBaseException;

/** No CSV import job has the requested id. */
public class ImportJobNotFoundException extends KnowledgeBaseException {

	private static final long serialVersionUID = 1L;

	public ImportJobNotFoundException(String id) {
		super("No CSV import job has the id '" + id + "'.");
	}

}
