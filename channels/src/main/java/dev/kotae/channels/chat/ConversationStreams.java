package dev.kotae.channels.chat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.kotae.bot.conversation.ConversationService;
import dev.kotae.bot.conversation.Message;
import dev.kotae.bot.conversation.MessageAdded;
import dev.kotae.channels.cluster.ClusterSignal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-Sent Event streams of conversations on this node. A subscriber first gets every stored
 * message after the id it last saw ({@code Last-Event-ID}), then each new one as it is committed
 * (on this node, or on another one: a {@link ClusterSignal} makes the stream read it from the database);
 * the event id is the message id, so a reconnecting client resumes without loss or repeats.
 * Streams end after {@link #STREAM_TIMEOUT}; clients reconnect. A comment is sent every
 * {@link #HEARTBEAT} so that proxies keep idle streams open.
 */
@Component
class ConversationStreams implements DisposableBean {

	static final Duration STREAM_TIMEOUT = Duration.ofMinutes(10);

	static final Duration HEARTBEAT = Duration.ofSeconds(20);

	/** How long a browser's EventSource waits before reconnecting. */
	static final Duration RECONNECT = Duration.ofSeconds(2);

	private static final int BACKLOG_LIMIT = 1_000;

	private static final Logger log = LoggerFactory.getLogger(ConversationStreams.class);

	private final ConversationService conversations;

	private final Map<String, Set<Subscriber>> subscribers = new ConcurrentHashMap<>();

	private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();

	private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor((r) -> {
		Thread thread = new Thread(r, "kotae-sse-heartbeat");
		thread.setDaemon(true);
		return thread;
	});

	ConversationStreams(ConversationService conversations) {
		this.conversations = conversations;
		this.heartbeat.scheduleAtFixedRate(this::ping, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** Opens a stream of a conversation's messages after {@code lastEventId}. */
	SseEmitter subscribe(String conversationId, long lastEventId) {
		SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
		Subscriber subscriber = new Subscriber(conversationId, emitter, lastEventId);
		Set<Subscriber> set = this.subscribers.computeIfAbsent(conversationId, (k) -> ConcurrentHashMap.newKeySet());
		set.add(subscriber);
		Runnable remove = () -> remove(subscriber);
		emitter.onCompletion(remove);
		emitter.onTimeout(remove);
		emitter.onError((ex) -> remove.run());
		// registered before reading the backlog, so nothing committed meanwhile is missed; ids dedupe
		List<Message> backlog = this.conversations.transcript(conversationId, lastEventId, BACKLOG_LIMIT);
		subscriber.open(backlog);
		return emitter;
	}

	@EventListener
	void on(MessageAdded event) {
		Set<Subscriber> set = this.subscribers.get(event.message().conversationId());
		if (set != null) {
			for (Subscriber subscriber : set) {
				this.senders.execute(() -> subscriber.send(List.of(event.message())));
			}
		}
	}

	/**
	 * A message added on another node: each stream of that conversation here reads what it has not
	 * sent yet from the database (after a lost signal connection, every stream does).
	 */
	@EventListener
	void on(ClusterSignal signal) {
		if (signal.topic().equals(ClusterSignal.MESSAGE)) {
			catchUp(this.subscribers.get(signal.parts()[0]));
		}
		else if (signal.topic().equals(ClusterSignal.RESYNC)) {
			this.subscribers.values().forEach(this::catchUp);
		}
	}

	private void catchUp(Set<Subscriber> set) {
		if (set != null) {
			for (Subscriber subscriber : set) {
				this.senders.execute(() -> subscriber.send(
						this.conversations.transcript(subscriber.conversationId, subscriber.lastSent(), BACKLOG_LIMIT)));
			}
		}
	}

	/** How many streams are open on this node (for tests and metrics). */
	int open() {
		return this.subscribers.values().stream().mapToInt(Set::size).sum();
	}

	private void remove(Subscriber subscriber) {
		this.subscribers.computeIfPresent(subscriber.conversationId, (k, set) -> {
			set.remove(subscriber);
			return set.isEmpty() ? null : set;
		});
	}

	private void ping() {
		this.subscribers.values().forEach((set) -> set.forEach(Subscriber::ping));
	}

	@Override
	public void destroy() {
		this.heartbeat.shutdownNow();
		this.subscribers.values().forEach((set) -> set.forEach((s) -> s.emitter.complete()));
		this.senders.shutdown();
	}

	private final class Subscriber {

		final String conversationId;

		final SseEmitter emitter;

		private long lastSent;

		Subscriber(String conversationId, SseEmitter emitter, long lastSent) {
			this.conversationId = conversationId;
			this.emitter = emitter;
			this.lastSent = lastSent;
		}

		/** Sends the reconnect delay first, so the response starts at once even without a backlog. */
		synchronized void open(List<Message> backlog) {
			try {
				this.emitter.send(SseEmitter.event().reconnectTime(RECONNECT.toMillis()).comment("kotae"));
			}
			catch (IOException | IllegalStateException ex) {
				remove(this);
				return;
			}
			send(backlog);
		}

		synchronized void send(List<Message> messages) {
			try {
				for (Message message : messages) {
					if (message.id() > this.lastSent) {
						this.emitter.send(SseEmitter.event()
							.id(Long.toString(message.id()))
							.name("message")
							.data(MessageView.of(message), MediaType.APPLICATION_JSON));
						this.lastSent = message.id();
					}
				}
			}
			catch (IOException | IllegalStateException ex) {
				// the client went away: it resumes from its last event id when it reconnects
				log.debug("Stream of conversation {} closed: {}", this.conversationId, ex.getMessage());
				remove(this);
				this.emitter.completeWithError(ex);
			}
		}

		synchronized long lastSent() {
			return this.lastSent;
		}

		synchronized void ping() {
			try {
				this.emitter.send(SseEmitter.event().comment("ping"));
			}
			catch (IOException | IllegalStateException ex) {
				remove(this);
			}
		}

	}

}
