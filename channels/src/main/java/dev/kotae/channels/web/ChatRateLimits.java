package dev.kotae.channels.web;

import java.time.Clock;
import java.util.Objects;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The rate limits of the public chat API ({@code kotae.web.rate-limit.*}): one bucket per client IP
 * address and one per site key. Call {@link #check(String, String)} before doing any work for a
 * request.
 */
@Component
public class ChatRateLimits {

	private final boolean enabled;

	private final RateLimiter perIp;

	private final RateLimiter perSite;

	@Autowired
	ChatRateLimits(RateLimitProperties properties, ObjectProvider<Clock> clock) {
		this(properties, clock.getIfAvailable(Clock::systemUTC));
	}

	ChatRateLimits(RateLimitProperties properties, Clock clock) {
		this.enabled = properties.enabled();
		this.perIp = new RateLimiter(properties.perIp(), properties.period(), clock);
		this.perSite = new RateLimiter(properties.perSite(), properties.period(), clock);
	}

	/**
	 * Counts one request, first against the client's address, then against the site. A request
	 * refused for its address does not use up the site's allowance. Does nothing when the limits
	 * are disabled.
	 * @param siteKey the site the chat widget runs on
	 * @param clientIp the client's IP address
	 * @throws RateLimitedException when either limit is exhausted
	 */
	public void check(String siteKey, String clientIp) {
		if (!this.enabled) {
			return;
		}
		Objects.requireNonNull(siteKey, "siteKey");
		Objects.requireNonNull(clientIp, "clientIp");
		RateLimiter.Decision ip = this.perIp.tryAcquire(clientIp);
		if (!ip.allowed()) {
			throw new RateLimitedException(RateLimitedException.IP, ip.retryAfter());
		}
		RateLimiter.Decision site = this.perSite.tryAcquire(siteKey);
		if (!site.allowed()) {
			throw new RateLimitedException(RateLimitedException.SITE, site.retryAfter());
		}
	}

}
