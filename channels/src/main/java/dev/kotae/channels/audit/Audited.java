package dev.kotae.channels.audit;

/**
 * Published by any feature after a change worth auditing; written to the audit log in the publisher's
 * thread (and transaction, if any).
 *
 * @param actor the user name of whoever made the change
 * @param action what happened, {@code <target type>.<verb>}, e.g. {@code faq.update}, {@code user.create}
 * @param targetType what was changed, e.g. {@code faq}, {@code user}
 * @param targetId its id, or {@code null} for a change to many (an import)
 * @param before the state before, serialised as JSON ({@code null} when it did not exist); never secrets
 * @param after the state after ({@code null} when it was deleted); never secrets
 */
public record Audited(String actor, String action, String targetType, String targetId, Object before,
		Object after) {

	public Audited {
		if (actor == null || actor.isBlank()) {
			actor = "system";
		}
	}

}
