package dev.kotae.channels.line;

import java.time.Clock;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.bot.jackson.ModelObjectMapper;
import dev.kotae.bot.conversation.ConversationService;
import dev.kotae.bot.conversation.Transcripts;
import dev.kotae.bot.site.Sites;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The LINE channel's beans, only with {@code kotae.line.enabled=true}: the webhook servlet at
 * {@code POST /line/webhook}, the event worker, the push outbox and its sender, and the relay of
 * agents' messages to LINE.
 * <p>
 * The SDK is used for what it does well, the webhook: {@code LineSignatureValidator} and its event
 * model, read with its own (Jackson 2) mapper. Calls to the Messaging API go through {@link LineApi}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "kotae.line.enabled", havingValue = "true")
class LineConfiguration {

	/** The real time for the outbox, retries and reply tokens (the application's clock may be a business clock). */
	private static final Clock REAL_TIME = Clock.systemUTC();

	/** The SDK's mapper for its webhook model. */
	private static final ObjectMapper SDK_MAPPER = ModelObjectMapper.createNewObjectMapper();

	@Bean
	LineEventLog lineEventLog(JdbcClient jdbc) {
		return new LineEventLog(jdbc);
	}

	@Bean
	LineOutbox lineOutbox(JdbcClient jdbc) {
		return new LineOutbox(jdbc);
	}

	@Bean
	LineApi lineApi(LineProperties properties, JsonMapper json) {
		return new LineApi(properties, json);
	}

	@Bean
	LineMessages lineMessages(JsonMapper json) {
		return new LineMessages(json);
	}

	@Bean
	LineSender lineSender(LineOutbox outbox, LineApi api, LineProperties properties) {
		return new LineSender(outbox, api, properties.outbox().retryPolicy(), REAL_TIME);
	}

	@Bean
	LineRelay lineRelay(Transcripts transcripts, LineOutbox outbox, LineSender sender, LineMessages messages,
			PlatformTransactionManager transactions) {
		return new LineRelay(transcripts, outbox, sender, messages, transactions, REAL_TIME);
	}

	@Bean
	LineEventHandler lineEventHandler(ConversationService conversations, Transcripts transcripts, Sites sites,
			LineApi api, LineMessages messages, LineRelay relay, LineOutbox outbox, LineProperties properties) {
		return new LineEventHandler(conversations, transcripts, sites, api, messages, relay, outbox, properties,
				REAL_TIME);
	}

	@Bean
	LineEventWorker lineEventWorker(LineEventLog events, LineEventHandler handler) {
		return new LineEventWorker(events, handler, SDK_MAPPER, REAL_TIME);
	}

	@Bean
	ServletRegistrationBean<LineWebhookServlet> lineWebhookServlet(LineProperties properties, LineEventLog events,
			LineEventWorker worker, JsonMapper json) {
		LineWebhookServlet servlet = new LineWebhookServlet(new LineSignatureVerifier(properties.channelSecret()),
				events, worker, SDK_MAPPER, json, REAL_TIME);
		ServletRegistrationBean<LineWebhookServlet> registration = new ServletRegistrationBean<>(servlet,
				LineWebhookServlet.PATH);
		registration.setName("lineWebhook");
		return registration;
	}

}
