package dev.kotae.channels.slack;

import java.util.ArrayList;
import java.util.List;

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
 */
@Validated
@ConfigurationProperties("kotae.slack")
public record SlackProperties(boolean enabled, String botToken, String signingSecret, String channel,
		@DefaultValue(SlackProperties.SLACK_API) String apiUrl, String appToken) {

	static final String SLACK_API = "https://slack.com/api/";

	public SlackProperties {
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
				+ mask(this.appToken) + "]";
	}

	private static String mask(String secret) {
		return (secret == null || secret.isEmpty()) ? "" : "******";
	}

}
