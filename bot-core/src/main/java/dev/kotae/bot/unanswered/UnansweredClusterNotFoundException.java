package dev.kotae.bot.unanswered;

/** No cluster of unanswered questions has the given id (any more: it may have been handled). */
public class UnansweredClusterNotFoundException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public UnansweredClusterNotFoundException(String id) {
		super("No cluster of unanswered questions has the id '" + id
				+ "'; it may have been handled already. List the clusters again.");
	}

}
