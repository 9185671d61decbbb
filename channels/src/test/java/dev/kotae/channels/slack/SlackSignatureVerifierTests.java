package dev.kotae.channels.slack;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Slack's v0 signature, with the example from Slack's "Verifying requests from Slack". */
class SlackSignatureVerifierTests {

	private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

	private static final String TIMESTAMP = "1531420618";

	private static final byte[] BODY = ("token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow"
			+ "&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner"
			+ "&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J"
			+ "%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c")
		.getBytes(StandardCharsets.UTF_8);

	private static final String SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

	private static SlackSignatureVerifier at(long epochSecond) {
		return new SlackSignatureVerifier(SECRET, Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
	}

	@Test
	void acceptsSlacksExampleWhenItIsFresh() {
		assertThat(at(1531420618L + 10).sign(TIMESTAMP, BODY)).isEqualTo(SIGNATURE);
		assertThat(at(1531420618L + 10).isValid(TIMESTAMP, BODY, SIGNATURE)).isTrue();
	}

	@Test
	void refusesAnotherBodyOrSecretOrASignatureInAnotherForm() {
		assertThat(at(1531420618L).isValid(TIMESTAMP, "token=x".getBytes(StandardCharsets.UTF_8), SIGNATURE)).isFalse();
		assertThat(new SlackSignatureVerifier("another-secret", Clock.fixed(Instant.ofEpochSecond(1531420618L),
				ZoneOffset.UTC)).isValid(TIMESTAMP, BODY, SIGNATURE)).isFalse();
		assertThat(at(1531420618L).isValid(TIMESTAMP, BODY, SIGNATURE.toUpperCase(Locale.ROOT))).isFalse();
		assertThat(at(1531420618L).isValid(TIMESTAMP, BODY, SIGNATURE.substring(0, 20))).isFalse();
	}

	@Test
	void refusesRequestsMoreThanFiveMinutesOldOrAhead() {
		assertThat(at(1531420618L + 300).isValid(TIMESTAMP, BODY, SIGNATURE)).isTrue();
		assertThat(at(1531420618L + 301).isValid(TIMESTAMP, BODY, SIGNATURE)).isFalse();
		assertThat(at(1531420618L - 301).isValid(TIMESTAMP, BODY, SIGNATURE)).isFalse();
	}

	@Test
	void refusesMissingOrMalformedHeaders() {
		assertThat(at(1531420618L).isValid(null, BODY, SIGNATURE)).isFalse();
		assertThat(at(1531420618L).isValid(TIMESTAMP, BODY, null)).isFalse();
		assertThat(at(1531420618L).isValid("yesterday", BODY, SIGNATURE)).isFalse();
	}

}
