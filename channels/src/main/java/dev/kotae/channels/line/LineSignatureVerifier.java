package dev.kotae.channels.line;

import java.nio.charset.StandardCharsets;

import com.linecorp.bot.parser.LineSignatureValidator;

/**
 * Checks {@code X-Line-Signature} on a webhook request's raw body, before anything parses it: the
 * Base64 HMAC-SHA256 of the body with the channel secret, compared in constant time (the SDK's
 * {@link LineSignatureValidator} uses {@code MessageDigest.isEqual}).
 */
final class LineSignatureVerifier {

	private final LineSignatureValidator validator;

	LineSignatureVerifier(String channelSecret) {
		this.validator = new LineSignatureValidator(channelSecret.getBytes(StandardCharsets.UTF_8));
	}

	/** @throws InvalidLineSignatureException when the signature is missing, malformed or wrong */
	void verify(byte[] body, String signature) {
		if (signature == null || signature.isBlank()) {
			throw new InvalidLineSignatureException("The request has no X-Line-Signature header.");
		}
		boolean valid;
		try {
			valid = this.validator.validateSignature(body, signature.strip());
		}
		catch (IllegalArgumentException ex) {
			valid = false; // not Base64
		}
		if (!valid) {
			throw new InvalidLineSignatureException(
					"The request's X-Line-Signature does not match its body signed with this channel's secret.");
		}
	}

}
