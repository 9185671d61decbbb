package dev.kotae.channels.security;

/** The roles of Kotae's users. */
public final class Roles {

	/** Users, sites and settings; also everything an editor and an agent may do. */
	public static final String ADMIN = "ADMIN";

	/** Knowledge base, synonyms, unanswered questions, analytics. */
	public static final String EDITOR = "EDITOR";

	/** Operator console, analytics (read). */
	public static final String AGENT = "AGENT";

	private Roles() {
	}

}
