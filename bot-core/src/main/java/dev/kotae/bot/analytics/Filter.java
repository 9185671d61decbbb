package dev.kotae.bot.analytics;

import dev.kotae.bot.conversation.Channel;

/**
 * Which conversations count.
 *
 * @param channel only this channel; {@code null} for all
 * @param siteKey only this site; {@code null} for all
 */
public record Filter(Channel channel, String siteKey) {

	/** Every channel and site. */
	public static final Filter ALL = new Filter(null, null);

}
