package dev.kotae.channels.web;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockServletContext;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Unit tests of {@link ChatRateLimits}, of its properties and of the 429 problem it leads to.
 */
class ChatRateLimitsTests {

	private final RateLimiterTests.TestClock clock = new RateLimiterTests.TestClock();

	@Test
	void ipRefusalDoesNotUseUpTheSiteAllowance() {
		ChatRateLimits limits = new ChatRateLimits(new RateLimitProperties(true, 2, 3, Duration.ofMinutes(1)),
				this.clock);
		limits.check("site", "10.0.0.1");
		limits.check("site", "10.0.0.1");
		for (int i = 0; i < 10; i++) {
			RateLimitedException refused = catchThrowableOfType(RateLimitedException.class,
					() -> limits.check("site", "10.0.0.1"));
			assertThat(refused.limit()).isEqualTo("ip");
			assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(30));
		}
		limits.check("site", "10.0.0.2");
		RateLimitedException refused = catchThrowableOfType(RateLimitedException.class,
				() -> limits.check("site", "10.0.0.3"));
		assertThat(refused.limit()).isEqualTo("site");
		assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(20));
	}

	@Test
	void siteLimitAppliesAcrossAddresses() {
		ChatRateLimits limits = new ChatRateLimits(new RateLimitProperties(true, 30, 5, Duration.ofMinutes(1)),
				this.clock);
		for (int i = 0; i < 5; i++) {
			limits.check("site-a", "10.0.0." + i);
		}
		RateLimitedException refused = catchThrowableOfType(RateLimitedException.class,
				() -> limits.check("site-a", "10.0.0.99"));
		assertThat(refused.limit()).isEqualTo("site");
		assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(12));
		assertThatNoException().isThrownBy(() -> limits.check("site-b", "10.0.0.99"));
		this.clock.advance(Duration.ofSeconds(12));
		assertThatNoException().isThrownBy(() -> limits.check("site-a", "10.0.0.99"));
	}

	@Test
	void disabledNeverRefuses() {
		ChatRateLimits limits = new ChatRateLimits(new RateLimitProperties(false, 1, 1, Duration.ofMinutes(1)),
				this.clock);
		for (int i = 0; i < 1_000; i++) {
			limits.check("site", "10.0.0.1");
		}
	}

	@Test
	void refusalIsA429ProblemWithRetryAfter() {
		ResponseEntity<ProblemDetail> response = new RateLimitExceptionHandler()
			.rateLimited(new RateLimitedException("ip", Duration.ofSeconds(7)));
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("7");
		ProblemDetail problem = response.getBody();
		assertThat(problem).isNotNull();
		assertThat(problem.getStatus()).isEqualTo(429);
		assertThat(problem.getType()).isEqualTo(URI.create("urn:kotae:problem:rate-limited"));
		assertThat(problem.getTitle()).isEqualTo("Too many requests");
		assertThat(problem.getDetail()).contains("7 seconds");
		assertThat(problem.getProperties()).containsEntry("retryAfterSeconds", 7L);
	}

	@Test
	void refusalIsAnsweredBeforeTheCatchAllHandlerSeesIt() throws Exception {
		try (AnnotationConfigWebApplicationContext context = new AnnotationConfigWebApplicationContext()) {
			context.setServletContext(new MockServletContext());
			context.register(MvcConfig.class);
			context.refresh();
			MockMvcTester mvc = MockMvcTester.from(context);
			MvcTestResult result = mvc.get().uri("/limited").exchange();
			assertThat(result).hasStatus(HttpStatus.TOO_MANY_REQUESTS)
				.hasHeader(HttpHeaders.RETRY_AFTER, "3")
				.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
			assertThat(result).bodyJson()
				.extractingPath("$.type")
				.isEqualTo("urn:kotae:problem:rate-limited");
			assertThat(result).bodyJson().extractingPath("$.retryAfterSeconds").isEqualTo(3);
		}
	}

	@Test
	void propertiesHaveDefaults() {
		contextRunner().run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(RateLimitProperties.class))
				.isEqualTo(new RateLimitProperties(true, 30, 600, Duration.ofMinutes(1)));
		});
	}

	@Test
	void propertiesAreBound() {
		contextRunner()
			.withPropertyValues("kotae.web.rate-limit.enabled=false", "kotae.web.rate-limit.per-ip=5",
					"kotae.web.rate-limit.per-site=50", "kotae.web.rate-limit.period=10s")
			.run((context) -> assertThat(context.getBean(RateLimitProperties.class))
				.isEqualTo(new RateLimitProperties(false, 5, 50, Duration.ofSeconds(10))));
	}

	@ParameterizedTest
	@ValueSource(strings = { "per-ip=0", "per-site=0", "period=500ms" })
	void propertiesAreValidatedAtStartUp(String invalid) {
		contextRunner().withPropertyValues("kotae.web.rate-limit." + invalid)
			.run((context) -> assertThat(context).getFailure()
				.hasRootCauseInstanceOf(BindValidationException.class)
				.rootCause()
				.hasMessageContaining("kotae.web.rate-limit." + invalid.substring(0, invalid.indexOf('='))));
	}

	private static ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner().withUserConfiguration(PropertiesConfig.class);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(RateLimitProperties.class)
	static class PropertiesConfig {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableWebMvc
	@Import({ ApiExceptionHandler.class, RateLimitExceptionHandler.class, LimitedController.class })
	static class MvcConfig {

	}

	@RestController
	static class LimitedController {

		@GetMapping("/limited")
		String limited() {
			throw new RateLimitedException(RateLimitedException.SITE, Duration.ofSeconds(3));
		}

	}

}
