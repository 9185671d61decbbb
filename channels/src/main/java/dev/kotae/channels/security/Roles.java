package dev.kotae.channels.security;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** The roles of Kotae's users. */
public final class Roles {

	/** Users, sites and settings; also everything an editor and an agent may do. */
	public static final String ADMIN = "ADMIN";

	/** Knowledge base, synonyms, unanswered questions, analytics. */
	public static final String EDITOR = "EDITOR";

	/** Operator console, analytics (read). */
	public static final String AGENT = "AGENT";

	/** All roles. */
	public static final List<String> ALL = List.of(ADMIN, EDITOR, AGENT);

	private Roles() {
	}

	/**
	 * Role names as given in configuration or the API ({@code admin}, {@code Editor}, ...), upper case.
	 * @throws IllegalArgumentException naming the first unknown role
	 */
	public static Set<String> parse(Collection<String> names) {
		Set<String> roles = new TreeSet<>();
		if (names != null) {
			for (String name : names) {
				String role = (name != null) ? name.strip().toUpperCase(Locale.ROOT) : "";
				if (role.isEmpty()) {
					continue;
				}
				if (!ALL.contains(role)) {
					throw new IllegalArgumentException("unknown role '" + name + "' (known: admin, editor, agent)");
				}
				roles.add(role);
			}
		}
		return roles;
	}

}
