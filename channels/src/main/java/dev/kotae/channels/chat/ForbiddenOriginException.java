package dev.kotae.channels.chat;

/** A browser page of an origin the site does not allow used the site's key. */
class ForbiddenOriginException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	ForbiddenOriginException(String origin, String siteKey) {
		super("Pages of " + origin + " may not use the site '" + siteKey
				+ "'; add the origin to the site's allowed origins.");
	}

}
