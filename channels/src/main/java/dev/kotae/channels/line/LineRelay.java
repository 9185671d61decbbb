package dev.kotae.channels.line;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import dev.kotae.bot.conversation.Channel;
import dev.kotae.bot.conversation.Conversation;
import dev.kotae.bot.conversation.Message;
import dev.kotae.bot.conversation.Message.Kind;
import dev.kotae.bot.conversation.Message.Sender;
import dev.kotae.bot.conversation.MessageAdded;
import dev.kotae.bot.conversation.Transcripts;
import dev.kotae.channels.line.LineOutbox.Origin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ArrayNode;

import org.springframework.context.event.EventListener;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Pushes to LINE users what reaches them outside a reply: agents' messages (from the web console or
 * Slack) and system notices (an agent joined, the conversation went back to the bot or was closed)
 * of LINE conversations, and replies whose reply token could not be used. Each push is queued in the
 * outbox with a retry key derived from what it carries, so queuing the same message twice queues it
 * once.
 * <p>
 * {@link MessageAdded} arrives after its transaction committed, on the thread that made the change,
 * while that transaction's connection is still bound: so the outbox is written in a transaction of
 * its own ({@code REQUIRES_NEW}). A failure is logged and does not reach the agent's request: the
 * message is stored and shows in the console.
 */
class LineRelay {

	private static final Logger log = LoggerFactory.getLogger(LineRelay.class);

	/** The LINE user whose conversation is being ended because they blocked the account: no notices. */
	private static final ThreadLocal<String> QUIET = new ThreadLocal<>();

	private final Transcripts transcripts;

	private final LineOutbox outbox;

	private final LineSender sender;

	private final LineMessages messages;

	private final TransactionTemplate tx;

	private final Clock clock;

	LineRelay(Transcripts transcripts, LineOutbox outbox, LineSender sender, LineMessages messages,
			PlatformTransactionManager transactions, Clock clock) {
		this.transcripts = transcripts;
		this.outbox = outbox;
		this.sender = sender;
		this.messages = messages;
		this.tx = new TransactionTemplate(transactions);
		this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.clock = clock;
	}

	/** Agents' messages and system notices of LINE conversations are pushed to the user. */
	@EventListener
	void on(MessageAdded event) {
		Message message = event.message();
		if (message.sender() != Sender.AGENT && message.kind() != Kind.NOTICE) {
			return;
		}
		try {
			Optional<Conversation> conversation = this.transcripts.find(message.conversationId())
				.filter((c) -> c.channel() == Channel.LINE && c.userId() != null);
			if (conversation.isEmpty() || conversation.get().userId().equals(QUIET.get())) {
				return;
			}
			String userId = conversation.get().userId();
			push(userId, this.messages.text(message.text(), PlainText.MAX_MESSAGES), Origin.AGENT,
					retryKey("message:" + message.conversationId() + ":" + message.id()));
		}
		catch (RuntimeException ex) {
			log.error("LINE: could not queue message {} of conversation {} for a push", message.id(),
					message.conversationId(), ex);
		}
	}

	/**
	 * Queues a push of up to 5 messages in a transaction of its own and wakes the sender once it is
	 * committed; nothing when a push with this retry key was queued before.
	 */
	void push(String lineUserId, ArrayNode lineMessages, Origin origin, UUID retryKey) {
		if (lineMessages.isEmpty()) {
			return;
		}
		String body = this.messages.push(lineUserId, lineMessages);
		this.tx.executeWithoutResult((s) -> {
			this.outbox.enqueue(lineUserId, retryKey, origin, body, this.clock.instant());
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					LineRelay.this.sender.wake();
				}
			});
		});
	}

	/** Runs {@code work} (ending a conversation) without pushing the notices it stores to {@code lineUserId}. */
	static void quietly(String lineUserId, Runnable work) {
		String previous = QUIET.get();
		QUIET.set(lineUserId);
		try {
			work.run();
		}
		finally {
			if (previous != null) {
				QUIET.set(previous);
			}
			else {
				QUIET.remove();
			}
		}
	}

	/** The retry key of a push: a name-based UUID, so the same content queued again gets the same key. */
	static UUID retryKey(String name) {
		return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
	}

}
