package dev.kotae.channels.slack;

import com.slack.api.bolt.App;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** {@code kotae.slack.*}: off by default, and when on, start-up fails without the secrets. */
class SlackPropertiesTests {

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesOnly.class, SlackConfiguration.class);

	@Test
	void withoutEnabledThereIsNoSlackAtAll() {
		this.context.run((app) -> {
			assertThat(app).hasNotFailed();
			assertThat(app).doesNotHaveBean(App.class);
			assertThat(app).doesNotHaveBean(SlackSender.class);
			assertThat(app.getBean(SlackProperties.class).apiUrl()).isEqualTo("https://slack.com/api/");
		});
	}

	@Test
	void enabledWithoutTokenSecretAndChannelFailsStartUpNamingWhatIsMissing() {
		this.context.withPropertyValues("kotae.slack.enabled=true", "kotae.slack.signing-secret=s3cret")
			.run((app) -> assertThat(app).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("kotae.slack.bot-token (KOTAE_SLACK_BOT_TOKEN)")
				.hasMessageContaining("kotae.slack.channel (KOTAE_SLACK_CHANNEL)")
				.hasMessageNotContaining("signing-secret"));
	}

	@Test
	void theApiUrlEndsWithASlashAndToStringHidesTheSecrets() {
		SlackProperties properties = new SlackProperties(true, "xoxb-1234", "s3cret", "C1", "http://127.0.0.1:9/api",
				"xapp-1", null);
		assertThat(properties.apiUrl()).isEqualTo("http://127.0.0.1:9/api/");
		assertThat(properties.toString()).doesNotContain("xoxb-1234", "s3cret", "xapp-1").contains("C1");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SlackProperties(true, " ", "s", "C1", "https://slack.com/api/", null, null))
			.withMessageContaining("kotae.slack.bot-token");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(SlackProperties.class)
	static class PropertiesOnly {

	}

}
