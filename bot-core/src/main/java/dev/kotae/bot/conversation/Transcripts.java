package dev.kotae.bot.conversation;

import java.util.List;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Conversations and their messages for other features (hand-off, channels): read them, append a
 * message, change a conversation's status. {@link MessageAdded} is published only after the
 * message is committed.
 */
@Component
public class Transcripts {

	private final ConversationRepository repository;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	Transcripts(ConversationRepository repository, ApplicationEventPublisher events,
			PlatformTransactionManager transactions) {
		this.repository = repository;
		this.events = events;
		this.tx = new TransactionTemplate(transactions);
	}

	public Optional<Conversation> find(String conversationId) {
		return this.repository.find(conversationId);
	}

	/** Messages after {@code afterId}, oldest first. */
	public List<Message> messages(String conversationId, long afterId, int limit) {
		return this.repository.messages(conversationId, afterId, limit);
	}

	/** The last messages, newest first. */
	public List<Message> recent(String conversationId, int limit) {
		return this.repository.recentMessages(conversationId, limit);
	}

	/**
	 * Stores a message (in the caller's transaction if there is one, else in its own) and publishes
	 * {@link MessageCommitting} inside the transaction and {@link MessageAdded} after the commit.
	 * @return the message with its id
	 */
	public Message append(Message message) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			Message stored = this.repository.insert(message);
			this.events.publishEvent(new MessageCommitting(stored));
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					Transcripts.this.events.publishEvent(new MessageAdded(stored));
				}
			});
			return stored;
		}
		return this.tx.execute((status) -> append(message));
	}

	/**
	 * Sets a conversation's status, in the caller's transaction; with {@code expected}, only when it
	 * is one of those.
	 * @return whether it changed
	 */
	public boolean status(String conversationId, Conversation.Status status, Conversation.Status... expected) {
		return this.repository.status(conversationId, status, expected);
	}

}
