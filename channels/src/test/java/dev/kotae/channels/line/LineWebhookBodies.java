package dev.kotae.channels.line;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.kotae.TestHttp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhook bodies as LINE sends them, for the tests that play LINE: the fixtures under
 * {@code src/test/resources/line/} filled in, their signatures, event ids and random ids.
 */
public final class LineWebhookBodies {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final SecureRandom RANDOM = new SecureRandom();

	private LineWebhookBodies() {
	}

	/** A fixture with its {{placeholders}} filled in (as JSON string content), its events happening now. */
	public static String fixture(String name, Map<String, String> values) {
		return fixture(name, values, Instant.now());
	}

	/** A fixture with its {{placeholders}} filled in, compact like LINE's, its events at {@code eventTime}. */
	public static String fixture(String name, Map<String, String> values, Instant eventTime) {
		try (InputStream in = LineWebhookBodies.class.getResourceAsStream("/line/" + name)) {
			String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			for (Map.Entry<String, String> e : values.entrySet()) {
				String quoted = TestHttp.quote(e.getValue());
				json = json.replace("{{" + e.getKey() + "}}", quoted.substring(1, quoted.length() - 1));
			}
			assertThat(json).doesNotContain("{{");
			JsonNode tree = JSON.readTree(json);
			tree.get("events").forEach((event) -> ((ObjectNode) event).put("timestamp", eventTime.toEpochMilli()));
			return JSON.writeValueAsString(tree);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** {@code X-Line-Signature}: Base64 of the HMAC-SHA256 of the body with the channel secret. */
	public static String sign(String body, String channelSecret) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(channelSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return Base64.getEncoder().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A webhook event id: a ULID, 26 characters of Crockford's Base32. */
	public static String eventId() {
		String alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
		StringBuilder id = new StringBuilder("01");
		for (int i = 0; i < 24; i++) {
			id.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
		}
		return id.toString();
	}

	/** {@code bytes} random bytes in hex: reply tokens, the hex part of user ids. */
	public static String hex(int bytes) {
		byte[] random = new byte[bytes];
		RANDOM.nextBytes(random);
		return HexFormat.of().formatHex(random);
	}

}
