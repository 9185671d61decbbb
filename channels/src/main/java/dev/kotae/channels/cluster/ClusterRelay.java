package dev.kotae.channels.cluster;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.kotae.bot.conversation.MessageCommitting;
import dev.kotae.bot.handoff.HandoffEvents.HandoffEvent;
import dev.kotae.bot.site.SitesChanged;
import dev.kotae.kb.faq.Faq;
import dev.kotae.kb.faq.FaqService;
import dev.kotae.kb.faq.KnowledgeBaseChanged;
import dev.kotae.kb.faq.PublishedFaqs;
import dev.kotae.kb.outofscope.OutOfScopePhrasesChanged;
import dev.kotae.kb.synonym.SynonymsChanged;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Tells the other nodes about this node's committed changes, and replays theirs here. The knowledge
 * base's, synonyms', out-of-scope phrases' and sites' change events are re-published locally as if
 * the change had been made here (their listeners refresh caches, the search index and the
 * classifier from the database); messages and hand-offs reach the open event streams through the
 * {@link ClusterSignal} event itself. Messages and the changes above are signalled inside their
 * transaction (PostgreSQL sends a {@code NOTIFY} on commit), hand-offs just after theirs.
 */
@Component
class ClusterRelay {

	/** Set while a change from another node is replayed here, so that it is not sent back out. */
	private static final ThreadLocal<Boolean> REPLAYING = ThreadLocal.withInitial(() -> false);

	private final ClusterSignals signals;

	private final ApplicationEventPublisher events;

	private final FaqService faqs;

	private final PublishedFaqs published;

	ClusterRelay(ClusterSignals signals, ApplicationEventPublisher events, FaqService faqs, PublishedFaqs published) {
		this.signals = signals;
		this.events = events;
		this.faqs = faqs;
		this.published = published;
	}

	// ---------------------------------------------------------------- out

	/**
	 * Inside the storing transaction: PostgreSQL delivers a {@code NOTIFY} when the transaction
	 * commits and drops it when it rolls back, so the other nodes hear of exactly the committed
	 * messages, even when this node dies right after the commit.
	 */
	@EventListener
	void on(MessageCommitting event) {
		this.signals.send(ClusterSignal.MESSAGE, event.message().conversationId() + "/" + event.message().id());
	}

	@EventListener
	void on(HandoffEvent event) {
		this.signals.send(ClusterSignal.HANDOFF, event.type() + "/" + event.handoff().conversationId());
	}

	@TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
	void on(KnowledgeBaseChanged event) {
		if (REPLAYING.get()) {
			return;
		}
		List<String> ids = new ArrayList<>(event.deletedIds());
		event.saved().forEach((faq) -> ids.add(faq.id()));
		this.signals.send(ClusterSignal.FAQS, String.join(",", ids));
	}

	@TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
	void on(SynonymsChanged event) {
		if (!REPLAYING.get()) {
			this.signals.send(ClusterSignal.SYNONYMS, "");
		}
	}

	@TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
	void on(OutOfScopePhrasesChanged event) {
		if (!REPLAYING.get()) {
			this.signals.send(ClusterSignal.OUT_OF_SCOPE, "");
		}
	}

	@TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
	void on(SitesChanged event) {
		if (!REPLAYING.get()) {
			this.signals.send(ClusterSignal.SITES, "");
		}
	}

	// ---------------------------------------------------------------- in

	@EventListener
	void on(ClusterSignal signal) {
		switch (signal.topic()) {
			case ClusterSignal.FAQS -> replayFaqs(signal.key());
			case ClusterSignal.SYNONYMS -> replay(new SynonymsChanged());
			case ClusterSignal.OUT_OF_SCOPE -> replay(new OutOfScopePhrasesChanged());
			case ClusterSignal.SITES -> replay(new SitesChanged());
			case ClusterSignal.RESYNC -> {
				replayFaqs("*");
				replay(new SynonymsChanged());
				replay(new OutOfScopePhrasesChanged());
				replay(new SitesChanged());
			}
			default -> {
				// messages and hand-offs: the event streams listen for the signal themselves
			}
		}
	}

	/** The FAQs as stored now: saved ones with their current state, missing ones as deleted. */
	private void replayFaqs(String key) {
		List<Faq> saved;
		List<String> deleted = new ArrayList<>();
		if (key.equals("*")) {
			saved = this.faqs.all();
			Set<String> present = new HashSet<>();
			saved.forEach((faq) -> present.add(faq.id()));
			this.published.all().stream().map(Faq::id).filter((id) -> !present.contains(id)).forEach(deleted::add);
		}
		else {
			List<String> ids = List.of(key.split(","));
			saved = this.faqs.findByIds(ids);
			Set<String> found = new HashSet<>();
			saved.forEach((faq) -> found.add(faq.id()));
			ids.stream().filter((id) -> !id.isEmpty() && !found.contains(id)).forEach(deleted::add);
		}
		replay(new KnowledgeBaseChanged(saved, deleted));
	}

	private void replay(Object event) {
		// outside a transaction: the @TransactionalEventListeners run at once (fallbackExecution)
		REPLAYING.set(true);
		try {
			this.events.publishEvent(event);
		}
		finally {
			REPLAYING.set(false);
		}
	}

}
