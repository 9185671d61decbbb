package dev.kotae.channels.line;

import java.net.URI;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** {@code kotae.line.*}: off by default, and when on, start-up fails without the secret and the token. */
class LinePropertiesTests {

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesOnly.class, LineConfiguration.class);

	@Test
	void withoutEnabledThereIsNoLineAtAll() {
		this.context.run((app) -> {
			assertThat(app).hasNotFailed();
			assertThat(app).doesNotHaveBean(LineWebhookServlet.class);
			assertThat(app).doesNotHaveBean(LineSender.class);
			assertThat(app).doesNotHaveBean(LineEventWorker.class);
			LineProperties properties = app.getBean(LineProperties.class);
			assertThat(properties.apiBaseUrl()).isEqualTo(URI.create("https://api.line.me"));
			assertThat(properties.dataApiBaseUrl()).isEqualTo(URI.create("https://api-data.line.me"));
			assertThat(properties.siteKey()).isEqualTo("demo");
		});
	}

	@Test
	void enabledWithoutSecretAndTokenFailsStartUpNamingWhatIsMissing() {
		this.context.withPropertyValues("kotae.line.enabled=true", "kotae.line.channel-secret=s3cret")
			.run((app) -> assertThat(app).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("kotae.line.channel-token (KOTAE_LINE_CHANNEL_TOKEN)")
				.hasMessageNotContaining("channel-secret"));
	}

	@Test
	void toStringHidesTheSecretAndTheToken() {
		LineProperties properties = new LineProperties(true, "s3cret", "t0ken", URI.create("http://127.0.0.1:9"),
				URI.create("http://127.0.0.1:9"), "demo", null);
		assertThat(properties.toString()).doesNotContain("s3cret", "t0ken").contains("http://127.0.0.1:9");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new LineProperties(true, " ", "t", URI.create("https://api.line.me"),
					URI.create("https://api-data.line.me"), "demo", null))
			.withMessageContaining("kotae.line.channel-secret");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(LineProperties.class)
	static class PropertiesOnly {

	}

}
