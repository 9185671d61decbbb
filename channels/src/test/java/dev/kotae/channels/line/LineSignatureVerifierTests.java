package dev.kotae.channels.line;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code X-Line-Signature}: the Base64 HMAC-SHA256 of the raw body with the channel secret. */
class LineSignatureVerifierTests {

	private static final String SECRET = LineWebhookIntegrationTests.SECRET;

	private final LineSignatureVerifier verifier = new LineSignatureVerifier(SECRET);

	@Test
	void theBodySignedWithTheSecretPasses() {
		String body = "{\"destination\":\"U0\",\"events\":[]}";
		assertThatNoException().isThrownBy(() -> this.verifier.verify(bytes(body), LineWebhookIntegrationTests.sign(body)));
	}

	@Test
	void anyOtherBodyOrSignatureFails() {
		String body = "{\"destination\":\"U0\",\"events\":[]}";
		String signature = LineWebhookIntegrationTests.sign(body);
		for (String bad : new String[] { null, "", "   ", "not-base64!", signature.substring(4),
				LineWebhookIntegrationTests.sign(body + " ") }) {
			assertThatThrownBy(() -> this.verifier.verify(bytes(body), bad))
				.isInstanceOf(InvalidLineSignatureException.class);
		}
		assertThatThrownBy(() -> new LineSignatureVerifier("another-secret").verify(bytes(body), signature))
			.isInstanceOf(InvalidLineSignatureException.class);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
