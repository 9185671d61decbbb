package dev.kotae.channels.operator;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.kotae.bot.conversation.MessageAdded;
import dev.kotae.bot.conversation.Transcripts;
import dev.kotae.bot.handoff.Handoff;
import dev.kotae.bot.handoff.HandoffEvents.HandoffEvent;
import dev.kotae.bot.handoff.Handoffs;
import dev.kotae.channels.cluster.ClusterSignal;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The operator console's live stream on this node: {@code handoff} events (requested, joined,
 * returned, closed, sla) and {@code message} events for conversations that have a person or wait
 * for one. The console reloads the queue when it reconnects, so a dropped stream loses nothing.
 */
@Component
class OperatorStreams implements DisposableBean {

	static final Duration TIMEOUT = Duration.ofMinutes(30);

	private final Handoffs handoffs;

	private final Transcripts transcripts;

	private final Set<SseEmitter> emitters = ConcurrentHashMap.newKeySet();

	private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();

	private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor((r) -> {
		Thread thread = new Thread(r, "kotae-operator-heartbeat");
		thread.setDaemon(true);
		return thread;
	});

	private final Clock clock;

	OperatorStreams(Handoffs handoffs, Transcripts transcripts, ObjectProvider<Clock> clock) {
		this.clock = clock.getIfAvailable(Clock::systemUTC);
		this.handoffs = handoffs;
		this.transcripts = transcripts;
		this.heartbeat.scheduleAtFixedRate(() -> broadcast(SseEmitter.event().comment("ping")), 20, 20, TimeUnit.SECONDS);
	}

	SseEmitter subscribe() {
		SseEmitter emitter = new SseEmitter(TIMEOUT.toMillis());
		this.emitters.add(emitter);
		emitter.onCompletion(() -> this.emitters.remove(emitter));
		emitter.onTimeout(() -> this.emitters.remove(emitter));
		emitter.onError((ex) -> this.emitters.remove(emitter));
		try {
			emitter.send(SseEmitter.event().reconnectTime(2000).comment("kotae operator"));
		}
		catch (IOException ex) {
			this.emitters.remove(emitter);
		}
		return emitter;
	}

	@EventListener
	void on(HandoffEvent event) {
		handoff(event.type(), event.handoff());
	}

	@EventListener
	void on(MessageAdded event) {
		if (this.emitters.isEmpty()) {
			return;
		}
		String conversationId = event.message().conversationId();
		this.senders.execute(() -> {
			if (this.handoffs.latest(conversationId).isPresent()) {
				broadcast(SseEmitter.event()
					.name("message")
					.data(OperatorMessageView.of(event.message()), MediaType.APPLICATION_JSON));
			}
		});
	}

	/** A hand-off change or a message on another node, read back from the database. */
	@EventListener
	void on(ClusterSignal signal) {
		if (this.emitters.isEmpty()) {
			return;
		}
		String[] parts = signal.parts();
		if (signal.topic().equals(ClusterSignal.HANDOFF) && parts.length == 2) {
			this.handoffs.latest(parts[1]).ifPresent((h) -> handoff(parts[0], h));
		}
		else if (signal.topic().equals(ClusterSignal.MESSAGE) && parts.length == 2) {
			long id = Long.parseLong(parts[1]);
			this.senders.execute(() -> this.transcripts.messages(parts[0], id - 1, 1)
				.stream()
				.filter((m) -> m.id() == id)
				.findFirst()
				.ifPresent((m) -> on(new MessageAdded(m))));
		}
	}

	private void handoff(String type, Handoff handoff) {
		if (this.emitters.isEmpty()) {
			return;
		}
		this.senders.execute(() -> this.transcripts.find(handoff.conversationId()).ifPresent((c) -> {
			HandoffView view = HandoffView.of(handoff, c, this.handoffs.queuePosition(handoff),
					this.handoffs.overSla(handoff) || type.equals("sla"), this.handoffs.properties().sla(),
					this.clock.instant());
			broadcast(SseEmitter.event().name("handoff").data(Map.of("type", type, "handoff", view),
					MediaType.APPLICATION_JSON));
		}));
	}

	private void broadcast(SseEmitter.SseEventBuilder event) {
		for (SseEmitter emitter : this.emitters) {
			synchronized (emitter) {
				try {
					emitter.send(event);
				}
				catch (IOException | IllegalStateException ex) {
					this.emitters.remove(emitter);
				}
			}
		}
	}

	@Override
	public void destroy() {
		this.heartbeat.shutdownNow();
		this.emitters.forEach(SseEmitter::complete);
		this.senders.shutdown();
	}

}
