package dev.kotae.kb.csv;

import dev.kotae.kb.faq.KnowledgeBaseException;

/** A CSV file that cannot be read at all (not UTF-8, malformed quoting, required columns missing). */
public class InvalidCsvException extends KnowledgeBaseException {

	private static final long serialVersionUID = 1L;

	public InvalidCsvException(String message) {
		super(message);
	}

}
