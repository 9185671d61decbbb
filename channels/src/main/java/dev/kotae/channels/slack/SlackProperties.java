package dev.kotae.channels.slack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.kotae.channels.delivery.RetryPolicy;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code kotae.slack.*}: the Slack app that agents use to take hand-offs. Nothing Slack-related runs
 * unless {@code enabled}; then {@code botToken}, {@code signingSecret} and {@code channel} are
 * required and start-up fails without them.
 *
 * @param enabled post hand-offs to Slack and accept Slack's calls at {@code POST /slack/events}
 * @param botToken the bot's OAuth token ({@code xoxb-…}, {@code KOTAE_SLACK_BOT_TOKEN}); needs the
 * scopes {@code chat:write} and {@code channels:history} (or {@code groups:history} for a private
 * channel)
 * @param signingSecret the app's signing secret ({@code KOTAE_SLACK_SIGNING_SECRET}), which every
 * request from Slack is verified with
 * @param channel the channel hand-offs are posted to: an id such as {@code C0123ABCD} (or a name)
 * @param apiUrl the Web API's base URL (a {@code /} is added at the end if missing); tests point it at
 * a local server
 * @param appToken an app-level token ({@code xapp-…}) for Socket Mode; <b>not used yet</b>: Socket
 * Mode is not implemented, Slack must reach {@code POST /slack/events} over HTTPS
 * @param outbox how Web API calls are retried ({@code kotae.slack.outbox.*}); the defaults keep a call
 * for about two hours
 */
@Validated
@ConfigurationProperties("kotae.slack")
public record SlackProperties(boolean enabled, String botToken, String signingSecret, String channel,
		@DefaultValue(SlackProperties.SLACK_API) String apiUrl, String appToken, @DefaultValue @Valid Outbox outbox) {

	static final String SLACK_API = "https://slack.com/api/";

	public SlackProperties {
		if (outbox == null) {
			outbox = Outbox.DEFAULTS;
		}
		apiUrl = (apiUrl == null || apiUrl.isBlank()) ? SLACK_API : apiUrl.strip();
		if (!apiUrl.endsWith("/")) {
			apiUrl = apiUrl + "/";
		}
		if (enabled) {
			List<String> missing = new ArrayList<>();
			if (botToken == null || botToken.isBlank()) {
				missing.add("kotae.slack.bot-token (KOTAE_SLACK_BOT_TOKEN)");
			}
			if (signingSecret == null || signingSecret.isBlank()) {
				missing.add("kotae.slack.signing-secret (KOTAE_SLACK_SIGNING_SECRET)");
			}
			if (channel == null || channel.isBlank()) {
				missing.add("kotae.slack.channel (KOTAE_SLACK_CHANNEL)");
			}
			if (!missing.isEmpty()) {
				throw new IllegalArgumentException("kotae.slack.enabled is true, so set " + String.join(", ", missing)
						+ "; or set kotae.slack.enabled=false");
			}
		}
	}

	/** Without the token and the secrets, so that logging the properties leaks nothing. */
	@Override
	public String toString() {
		return "SlackProperties[enabled=" + this.enabled + ", botToken=" + mask(this.botToken) + ", signingSecret="
				+ mask(this.signingSecret) + ", channel=" + this.channel + ", apiUrl=" + this.apiUrl + ", appToken="
				+ mask(this.appToken) + ", outbox=" + this.outbox + "]";
	}

	/**
	 * {@code kotae.slack.outbox.*}: how the outbox is polled and retried (tests make it fast).
	 *
	 * @param poll how often due calls are looked for
	 * @param firstBackoff the wait after a call's first failed attempt, doubling from there
	 * @param maxBackoff the longest wait between two attempts
	 * @param maxAttempts the attempts before a call is given up
	 */
	public record Outbox(@DefaultValue("500ms") @NotNull Duration poll, @DefaultValue("1s") @NotNull Duration firstBackoff,
			@DefaultValue("5m") @NotNull Duration maxBackoff, @DefaultValue("30") @Min(1) int maxAttempts) {

		/** The production defaults, as bound when nothing is set. */
		static final Outbox DEFAULTS = new Outbox(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMinutes(5),
				30);

		public Outbox {
			RetryPolicy.of("kotae.slack.outbox", poll, firstBackoff, maxBackoff, maxAttempts); // fails start-up on nonsense
		}

		/** As the sender uses it. */
		public RetryPolicy retryPolicy() {
			return RetryPolicy.of("kotae.slack.outbox", this.poll, this.firstBackoff, this.maxBackoff, this.maxAttempts);
		}

	}

	private static String mask(String secret) {
		return (secret == null || secret.isEmpty()) ? "" : "******";
	}

}
