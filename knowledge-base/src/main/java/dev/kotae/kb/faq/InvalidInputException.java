package dev.kotae.kb.faq;

import java.util.List;
import java.util.stream.Collectors;

/** A draft (of an FAQ or a synonym set) breaks one or more rules; {@link #violations()} says which. */
public class InvalidInputException extends KnowledgeBaseException {

	private static final long serialVersionUID = 1L;

	private final transient List<Violation> violations;

	public InvalidInputException(List<Violation> violations) {
		super(violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
		this.violations = List.copyOf(violations);
	}

	public List<Violation> violations() {
		return this.violations;
	}

	/** One broken rule: the field and a message a person can act on. */
	public record Violation(String field, String message) {

		@Override
		public String toString() {
			return this.field + ": " + this.message;
		}

	}

}
