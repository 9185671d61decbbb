package dev.kotae.channels.slack;

import java.time.Clock;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import dev.kotae.bot.conversation.Transcripts;
import dev.kotae.bot.handoff.Handoffs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The Slack channel's beans, only with {@code kotae.slack.enabled=true}: Bolt's app at
 * {@code POST /slack/events}, the relay of hand-off events and the outbox sender.
 * <p>
 * Bolt checks the bot token with {@code auth.test} on the first request from Slack (not at start-up,
 * so Kotae starts while Slack is unreachable); that call is the only one not sent through the outbox.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "kotae.slack.enabled", havingValue = "true")
class SlackConfiguration {

	static final String EVENTS_PATH = "/slack/events";

	private static final Logger log = LoggerFactory.getLogger(SlackConfiguration.class);

	/** The real time for the outbox and signatures (the application's clock may be a business clock). */
	private static final Clock REAL_TIME = Clock.systemUTC();

	@Bean
	SlackThreads slackThreads(JdbcClient jdbc) {
		return new SlackThreads(jdbc);
	}

	@Bean
	SlackOutbox slackOutbox(JdbcClient jdbc) {
		return new SlackOutbox(jdbc);
	}

	@Bean
	SlackWebApi slackWebApi(SlackProperties properties, JsonMapper json) {
		return new SlackWebApi(properties, json);
	}

	@Bean
	SlackSender slackSender(SlackOutbox outbox, SlackThreads threads, SlackWebApi api, JsonMapper json,
			PlatformTransactionManager transactions, SlackProperties properties) {
		return new SlackSender(outbox, threads, api, json, transactions, properties.outbox().retryPolicy(), REAL_TIME);
	}

	@Bean
	SlackMessages slackMessages(JsonMapper json) {
		return new SlackMessages(json);
	}

	@Bean
	SlackRelay slackRelay(Handoffs handoffs, Transcripts transcripts, SlackThreads threads, SlackOutbox outbox,
			SlackSender sender, SlackMessages messages, SlackProperties properties, JsonMapper json,
			PlatformTransactionManager transactions) {
		return new SlackRelay(handoffs, transcripts, threads, outbox, sender, messages, properties, json, transactions,
				REAL_TIME);
	}

	@Bean
	SlackInteractions slackInteractions(Handoffs handoffs, SlackThreads threads, SlackOutbox outbox,
			SlackSender sender, SlackMessages messages, JsonMapper json) {
		return new SlackInteractions(handoffs, threads, outbox, sender, messages, json, REAL_TIME);
	}

	/** The Slack Web API client Bolt uses (for {@code auth.test}), pointed at {@code kotae.slack.api-url}. */
	@Bean(destroyMethod = "close")
	Slack slack(SlackProperties properties) {
		SlackConfig config = new SlackConfig();
		config.setMethodsEndpointUrlPrefix(properties.apiUrl());
		return Slack.getInstance(config);
	}

	@Bean(destroyMethod = "stop")
	App slackApp(SlackProperties properties, Slack slack, SlackInteractions interactions) {
		if (properties.appToken() != null && !properties.appToken().isBlank()) {
			log.warn("kotae.slack.app-token is set, but Socket Mode is not implemented: Slack must reach {} over HTTPS",
					EVENTS_PATH);
		}
		AppConfig config = AppConfig.builder()
			.singleTeamBotToken(properties.botToken())
			.signingSecret(properties.signingSecret())
			.slack(slack)
			// edits, deletions, bot messages… are acknowledged without a handler
			.allEventsApiAutoAckEnabled(true)
			.build();
		App app = new App(config);
		interactions.register(app);
		return app;
	}

	@Bean
	ServletRegistrationBean<SlackEventsServlet> slackEventsServlet(App app, SlackProperties properties,
			JsonMapper json) {
		SlackEventsServlet servlet = new SlackEventsServlet(app,
				new SlackSignatureVerifier(properties.signingSecret(), REAL_TIME), json);
		ServletRegistrationBean<SlackEventsServlet> registration = new ServletRegistrationBean<>(servlet, EVENTS_PATH);
		registration.setName("slackEvents");
		return registration;
	}

}
