package dev.kotae.kb.faq;

import java.util.List;

/** One page of FAQs; {@code page} counts from 0. */
public record FaqPage(List<Faq> items, int page, int size, long total) {

	public FaqPage {
		items = List.copyOf(items);
	}

}
