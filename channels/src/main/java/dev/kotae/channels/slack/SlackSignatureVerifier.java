package dev.kotae.channels.slack;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Slack's request signature ({@code v0}): HMAC-SHA256 of {@code "v0:" + timestamp + ":" + body} with
 * the signing secret, checked on the raw bytes, in constant time, and only for a timestamp less than
 * {@link #MAX_SKEW} away from now (replays of old requests fail).
 */
final class SlackSignatureVerifier {

	static final Duration MAX_SKEW = Duration.ofMinutes(5);

	private static final String ALGORITHM = "HmacSHA256";

	private final SecretKeySpec key;

	private final Clock clock;

	/**
	 * @param clock the real time: Slack signs with its own clock, so this is never the application's
	 * (possibly simulated) business clock
	 */
	SlackSignatureVerifier(String signingSecret, Clock clock) {
		this.key = new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
		this.clock = clock;
	}

	boolean isValid(String timestamp, byte[] body, String signature) {
		if (timestamp == null || signature == null) {
			return false;
		}
		long seconds;
		try {
			seconds = Long.parseLong(timestamp.strip());
		}
		catch (NumberFormatException ex) {
			return false;
		}
		long skew = Math.abs(this.clock.instant().getEpochSecond() - seconds);
		if (skew > MAX_SKEW.toSeconds()) {
			return false;
		}
		byte[] expected = sign(timestamp.strip(), body).getBytes(StandardCharsets.US_ASCII);
		return MessageDigest.isEqual(expected, signature.strip().getBytes(StandardCharsets.US_ASCII));
	}

	/** {@code v0=<hex>} for a timestamp and body, as Slack sends in {@code X-Slack-Signature}. */
	String sign(String timestamp, byte[] body) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(this.key);
			mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
			return "v0=" + HexFormat.of().formatHex(mac.doFinal(body));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

}
