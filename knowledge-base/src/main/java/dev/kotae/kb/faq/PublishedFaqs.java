package dev.kotae.kb.faq;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The published FAQs in memory, kept in step with the database like the search index, so that
 * answering a message needs no database read.
 */
@Component
public class PublishedFaqs implements SmartInitializingSingleton {

	private final FaqService faqs;

	private final Map<String, Faq> byId = new ConcurrentHashMap<>();

	/** Counts the changes applied, each after it is visible. */
	private final AtomicLong version = new AtomicLong();

	PublishedFaqs(FaqService faqs) {
		this.faqs = faqs;
	}

	@Override
	public void afterSingletonsInstantiated() {
		apply(this.faqs.published(), List.of());
	}

	/** The published FAQ with this id. */
	public Optional<Faq> get(String id) {
		return Optional.ofNullable(this.byId.get(id));
	}

	public Collection<Faq> all() {
		return List.copyOf(this.byId.values());
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(KnowledgeBaseChanged event) {
		apply(event.saved(), event.deletedIds());
	}

	private void apply(Collection<Faq> saved, Collection<String> deletedIds) {
		for (Faq faq : saved) {
			if (faq.isPublished()) {
				this.byId.put(faq.id(), faq);
			}
			else {
				this.byId.remove(faq.id());
			}
		}
		deletedIds.forEach(this.byId::remove);
		this.version.incrementAndGet();
	}

	/**
	 * A number that changes whenever a published FAQ was added, changed or removed, read before
	 * looking FAQs up, so that what was made of them can be cached and known stale.
	 */
	public long version() {
		return this.version.get();
	}

}
