package dev.kotae.kb.faq;

import java.util.List;

/**
 * Published after FAQs were saved or deleted (once per API call or CSV import).
 *
 * @param saved FAQs as they are now (any status: the index drops the unpublished ones)
 * @param deletedIds ids of FAQs that no longer exist
 */
public record KnowledgeBaseChanged(List<Faq> saved, List<String> deletedIds) {

	public KnowledgeBaseChanged {
		saved = List.copyOf(saved);
		deletedIds = List.copyOf(deletedIds);
	}

}
