package dev.kotae.channels.slack;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import dev.kotae.bot.conversation.Conversation;
import dev.kotae.bot.conversation.Message;
import dev.kotae.bot.conversation.Message.Kind;
import dev.kotae.bot.conversation.Message.Sender;
import dev.kotae.bot.conversation.MessageAdded;
import dev.kotae.bot.conversation.Transcripts;
import dev.kotae.bot.handoff.Handoff;
import dev.kotae.bot.handoff.HandoffEvents.AgentJoined;
import dev.kotae.bot.handoff.HandoffEvents.ConversationClosed;
import dev.kotae.bot.handoff.HandoffEvents.HandoffRequested;
import dev.kotae.bot.handoff.HandoffEvents.HandoffSlaBreached;
import dev.kotae.bot.handoff.HandoffEvents.ReturnedToBot;
import dev.kotae.bot.handoff.Handoffs;
import dev.kotae.channels.slack.SlackOutbox.Parent;
import dev.kotae.channels.slack.SlackThreads.SlackThread;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.context.event.EventListener;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns hand-off events into Slack calls in the outbox: a new hand-off posts its message, a claim,
 * a return to the bot or a close (from Slack or the web console) updates it, an SLA breach and the
 * user's later messages go into its thread, and so do agent messages from the web console; agent
 * messages that came from Slack ({@link SlackOrigin}) are not echoed back.
 * <p>
 * The events arrive after their transaction committed, on the thread of the request that made the
 * change, while that transaction's connection is still bound: so each listener writes in a
 * transaction of its own ({@code REQUIRES_NEW}, as Spring advises for work after a commit). A
 * failure here is logged and does not reach that request: the user's message or the agent's action
 * already happened, and Slack is only told about it.
 */
class SlackRelay {

	/** How many of the conversation's last messages the hand-off message is made from. */
	private static final int RECENT = 50;

	private static final Logger log = LoggerFactory.getLogger(SlackRelay.class);

	private final Handoffs handoffs;

	private final Transcripts transcripts;

	private final SlackThreads threads;

	private final SlackOutbox outbox;

	private final SlackSender sender;

	private final SlackMessages messages;

	private final SlackProperties properties;

	private final JsonMapper json;

	private final TransactionTemplate tx;

	private final Clock clock;

	SlackRelay(Handoffs handoffs, Transcripts transcripts, SlackThreads threads, SlackOutbox outbox,
			SlackSender sender, SlackMessages messages, SlackProperties properties, JsonMapper json,
			PlatformTransactionManager transactions, Clock clock) {
		this.handoffs = handoffs;
		this.transcripts = transcripts;
		this.threads = threads;
		this.outbox = outbox;
		this.sender = sender;
		this.messages = messages;
		this.properties = properties;
		this.json = json;
		this.tx = new TransactionTemplate(transactions);
		this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.clock = clock;
	}

	@EventListener
	void on(HandoffRequested event) {
		Handoff handoff = event.handoff();
		guard("post", handoff, () -> {
			Conversation conversation = this.transcripts.find(handoff.conversationId()).orElseThrow();
			List<Message> recent = this.transcripts.recent(handoff.conversationId(), RECENT);
			long lastMessageId = recent.stream().mapToLong(Message::id).max().orElse(0);
			ArrayNode summary = this.messages.summary(handoff, conversation, recent);
			ObjectNode body = this.messages.parent(this.properties.channel(), handoff, summary, recent);
			this.threads.create(handoff.id(), handoff.conversationId(), this.properties.channel(), lastMessageId,
					this.json.writeValueAsString(summary), this.clock.instant());
			enqueue(handoff.id(), "chat.postMessage", Parent.CREATES, body);
		});
	}

	@EventListener
	void on(AgentJoined event) {
		Handoff handoff = event.handoff();
		guard("update", handoff, () -> this.threads.find(handoff.id()).ifPresent((thread) -> {
			this.threads.taken(handoff.id(), handoff.agent(), SlackOrigin.user().orElse(null));
			update(handoff);
		}));
	}

	@EventListener
	void on(ReturnedToBot event) {
		guard("update", event.handoff(), () -> update(event.handoff()));
	}

	@EventListener
	void on(ConversationClosed event) {
		guard("update", event.handoff(), () -> update(event.handoff()));
	}

	@EventListener
	void on(HandoffSlaBreached event) {
		Handoff handoff = event.handoff();
		guard("alert", handoff, () -> this.threads.find(handoff.id())
			.ifPresent((thread) -> enqueue(handoff.id(), "chat.postMessage", Parent.THREAD,
					this.messages.threadReply(this.messages.slaBreached(this.handoffs.properties().sla()), true))));
	}

	/** The user's later messages, and agent messages from the web console, go into the thread. */
	@EventListener
	void on(MessageAdded event) {
		Message message = event.message();
		boolean fromUser = message.sender() == Sender.USER && (message.kind() == Kind.TEXT || message.kind() == Kind.CHOICE);
		boolean fromConsole = message.sender() == Sender.AGENT && SlackOrigin.user().isEmpty();
		if (!fromUser && !fromConsole) {
			return;
		}
		try {
			this.tx.executeWithoutResult((s) -> {
				Optional<SlackThread> thread = this.handoffs.open(message.conversationId())
					.flatMap((handoff) -> this.threads.find(handoff.id()))
					.filter((t) -> message.id() > t.lastMessageId());
				thread.ifPresent((t) -> enqueue(t.handoffId(), "chat.postMessage", Parent.THREAD, this.messages.threadReply(
						fromUser ? this.messages.userMessage(message) : this.messages.consoleMessage(message), false)));
			});
		}
		catch (RuntimeException ex) {
			log.error("Slack: could not queue message {} of conversation {} for its thread", message.id(),
					message.conversationId(), ex);
		}
	}

	private void update(Handoff handoff) {
		this.threads.find(handoff.id())
			.ifPresent((thread) -> enqueue(handoff.id(), "chat.update", Parent.EDITS, this.messages.update(handoff, thread)));
	}

	/** Queues a call and wakes the sender once it is committed. */
	private void enqueue(long handoffId, String method, Parent parent, ObjectNode body) {
		this.outbox.enqueue(handoffId, method, parent, this.json.writeValueAsString(body), this.clock.instant());
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					SlackRelay.this.sender.wake();
				}
			});
		}
		else {
			this.sender.wake();
		}
	}

	/** Runs a listener's work in its own transaction; logs a failure. */
	private void guard(String what, Handoff handoff, Runnable work) {
		try {
			this.tx.executeWithoutResult((s) -> work.run());
		}
		catch (RuntimeException ex) {
			log.error("Slack: could not queue the {} of hand-off {}", what, handoff.id(), ex);
		}
	}

}
