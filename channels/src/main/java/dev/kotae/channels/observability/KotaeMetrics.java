package dev.kotae.channels.observability;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import dev.kotae.bot.conversation.Message;
import dev.kotae.bot.conversation.MessageAdded;
import dev.kotae.bot.handoff.HandoffStatus;
import dev.kotae.bot.handoff.Handoffs;
import dev.kotae.bot.nlu.IntentModel;
import dev.kotae.bot.nlu.ModelTrained;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Kotae's own metrics, next to Spring's (HTTP latency histograms, JVM, pool): messages by sender and
 * kind, the bot's decisions, hand-off queue length, first human response time, and training runs and
 * their duration. Exposed at {@code /actuator/prometheus}.
 */
@Component
class KotaeMetrics {

	private static final EnumSet<Message.Kind> DECISIONS = EnumSet.of(Message.Kind.ANSWER, Message.Kind.CHOICES,
			Message.Kind.ESCALATE, Message.Kind.SMALLTALK);

	private final MeterRegistry registry;

	private final Handoffs handoffs;

	private final Timer firstResponse;

	private final Timer training;

	private final AtomicLong queueLength = new AtomicLong();

	KotaeMetrics(MeterRegistry registry, Handoffs handoffs, IntentModel model) {
		this.registry = registry;
		this.handoffs = handoffs;
		this.firstResponse = Timer.builder("kotae.handoff.first.response")
			.description("Time from a hand-off request to the agent's first reply")
			.publishPercentileHistogram()
			.maximumExpectedValue(Duration.ofHours(1))
			.register(registry);
		this.training = Timer.builder("kotae.nlu.training")
			.description("Intent classifier trainings run on this node and their duration")
			.publishPercentileHistogram()
			.maximumExpectedValue(Duration.ofMinutes(10))
			.register(registry);
		Gauge.builder("kotae.handoff.queue", this, KotaeMetrics::waiting)
			.description("Hand-offs waiting for a person (the whole cluster's queue)")
			.register(registry);
		FunctionCounter.builder("kotae.nlu.models.trained", model, IntentModel::trainings)
			.description("Models this node trained since it started")
			.register(registry);
	}

	@EventListener
	void on(MessageAdded event) {
		Message message = event.message();
		Counter.builder("kotae.messages")
			.description("Messages stored, by sender and kind")
			.tag("sender", message.sender().name().toLowerCase(Locale.ROOT))
			.tag("kind", message.kind().code())
			.register(this.registry)
			.increment();
		if (message.sender() == Message.Sender.BOT && DECISIONS.contains(message.kind())) {
			Counter.builder("kotae.decisions")
				.description("The bot's decisions on user messages")
				.tag("decision", message.kind().code())
				.register(this.registry)
				.increment();
		}
		if (message.sender() == Message.Sender.AGENT) {
			this.handoffs.latest(message.conversationId())
				// this message is the first response (the stored time may have lost sub-microseconds)
				.filter((h) -> h.firstResponse() != null && h.firstResponseAt() != null
						&& Duration.between(h.firstResponseAt(), message.createdAt()).abs().toMillis() < 1)
				.ifPresent((h) -> this.firstResponse.record(h.firstResponse()));
		}
	}

	@EventListener
	void on(ModelTrained event) {
		this.training.record(event.took());
	}

	/** Read on each scrape: one query. */
	private double waiting() {
		try {
			this.queueLength.set(this.handoffs.list(EnumSet.of(HandoffStatus.WAITING, HandoffStatus.OFFLINE)).size());
		}
		catch (RuntimeException ex) {
			// the database is away: report the last value
		}
		return this.queueLength.get();
	}

}
