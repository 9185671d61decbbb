package dev.kotae.kb.search;

import dev.kotae.kb.faq.FaqService;
import dev.kotae.kb.faq.KnowledgeBaseChanged;
import dev.kotae.kb.synonym.SynonymService;
import dev.kotae.kb.synonym.SynonymsChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Keeps the {@link FaqIndex} in step with the database: a full rebuild at start-up, then every
 * committed change as it happens.
 */
@Component
class IndexSynchronizer implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(IndexSynchronizer.class);

	private final FaqIndex index;

	private final FaqService faqs;

	private final SynonymService synonyms;

	IndexSynchronizer(FaqIndex index, FaqService faqs, SynonymService synonyms) {
		this.index = index;
		this.faqs = faqs;
		this.synonyms = synonyms;
	}

	@Override
	public void afterSingletonsInstantiated() {
		long start = System.nanoTime();
		this.index.setSynonyms(this.synonyms.all());
		this.index.rebuild(this.faqs.published());
		log.info("FAQ index built: {} published FAQs in {} ms", this.index.size(), (System.nanoTime() - start) / 1_000_000);
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(KnowledgeBaseChanged event) {
		this.index.apply(event.saved(), event.deletedIds());
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(SynonymsChanged event) {
		this.index.setSynonyms(this.synonyms.all());
	}

}
