package dev.kotae.channels.line;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.kotae.channels.delivery.RetryPolicy;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code kotae.line.*}: the LINE Official Account whose users talk to Kotae. Nothing LINE-related
 * runs unless {@code enabled}; then {@code channelSecret} and {@code channelToken} are required and
 * start-up fails without them.
 *
 * @param enabled accept LINE's webhook at {@code POST /line/webhook} and send to LINE
 * @param channelSecret the channel secret ({@code KOTAE_LINE_CHANNEL_SECRET}), which every webhook
 * request's {@code X-Line-Signature} is verified with
 * @param channelToken a long-lived channel access token ({@code KOTAE_LINE_CHANNEL_TOKEN}) for the
 * Messaging API
 * @param apiBaseUrl the Messaging API's base URL; tests point it at a local server
 * @param dataApiBaseUrl the base URL for message content (images, files); <b>not used yet</b>: Kotae
 * answers stickers, images and files with a text and does not download them
 * @param siteKey the site LINE conversations belong to (its FAQs, pinned FAQs and default language)
 * @param outbox how pushes are retried ({@code kotae.line.outbox.*}); the defaults keep trying a push
 * for over two hours, well within the 24 hours LINE keeps a retry key
 */
@Validated
@ConfigurationProperties("kotae.line")
public record LineProperties(boolean enabled, String channelSecret, String channelToken,
		@DefaultValue("https://api.line.me") @NotNull URI apiBaseUrl,
		@DefaultValue("https://api-data.line.me") @NotNull URI dataApiBaseUrl,
		@DefaultValue("demo") @NotBlank String siteKey, @DefaultValue @Valid Outbox outbox) {

	public LineProperties {
		if (outbox == null) {
			outbox = Outbox.DEFAULTS;
		}
		if (enabled) {
			List<String> missing = new ArrayList<>();
			if (channelSecret == null || channelSecret.isBlank()) {
				missing.add("kotae.line.channel-secret (KOTAE_LINE_CHANNEL_SECRET)");
			}
			if (channelToken == null || channelToken.isBlank()) {
				missing.add("kotae.line.channel-token (KOTAE_LINE_CHANNEL_TOKEN)");
			}
			if (!missing.isEmpty()) {
				throw new IllegalArgumentException("kotae.line.enabled is true, so set " + String.join(", ", missing)
						+ "; or set kotae.line.enabled=false");
			}
		}
	}

	/** Without the secret and the token, so that logging the properties leaks nothing. */
	@Override
	public String toString() {
		return "LineProperties[enabled=" + this.enabled + ", channelSecret=" + mask(this.channelSecret)
				+ ", channelToken=" + mask(this.channelToken) + ", apiBaseUrl=" + this.apiBaseUrl + ", dataApiBaseUrl="
				+ this.dataApiBaseUrl + ", siteKey=" + this.siteKey + ", outbox=" + this.outbox + "]";
	}

	/**
	 * {@code kotae.line.outbox.*}: how the push outbox is polled and retried (tests make it fast).
	 *
	 * @param poll how often due pushes are looked for
	 * @param firstBackoff the wait after a push's first failed attempt, doubling from there
	 * @param maxBackoff the longest wait between two attempts
	 * @param maxAttempts the attempts before a push is given up
	 */
	public record Outbox(@DefaultValue("500ms") @NotNull Duration poll, @DefaultValue("1s") @NotNull Duration firstBackoff,
			@DefaultValue("5m") @NotNull Duration maxBackoff, @DefaultValue("35") @Min(1) int maxAttempts) {

		/** The production defaults, as bound when nothing is set. */
		static final Outbox DEFAULTS = new Outbox(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMinutes(5),
				35);

		public Outbox {
			RetryPolicy.of("kotae.line.outbox", poll, firstBackoff, maxBackoff, maxAttempts); // fails start-up on nonsense
		}

		/** As the sender uses it. */
		public RetryPolicy retryPolicy() {
			return RetryPolicy.of("kotae.line.outbox", this.poll, this.firstBackoff, this.maxBackoff, this.maxAttempts);
		}

	}

	private static String mask(String secret) {
		return (secret == null || secret.isEmpty()) ? "" : "******";
	}

}
