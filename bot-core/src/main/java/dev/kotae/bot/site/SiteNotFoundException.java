package dev.kotae.bot.site;

/** No site has the given key. */
public class SiteNotFoundException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public SiteNotFoundException(String key) {
		super("No site has the key '" + key + "'.");
	}

}
