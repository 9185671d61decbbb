package dev.kotae.bot.policy;

import java.util.Map;

import dev.kotae.bot.nlu.IntentModel;
import dev.kotae.kb.faq.Language;
import dev.kotae.kb.faq.PublishedFaqs;
import dev.kotae.kb.search.FaqSearch;

import org.springframework.stereotype.Service;

/** Answers user messages with the current intent model and the live knowledge base. */
@Service
public class Answerer {

	private final IntentModel model;

	private final AnswerEngine engine;

	Answerer(IntentModel model, FaqSearch search, PublishedFaqs faqs, PolicyProperties properties) {
		this.model = model;
		this.engine = new AnswerEngine(new AnswerPolicy(properties), search, faqs::get);
	}

	/**
	 * @param text what the user wrote
	 * @param locale the conversation's language, or {@code null} to detect it from the text
	 * @param attributes the conversation's attributes (for audience rules), may be empty
	 */
	public Answer answer(String text, Language locale, Map<String, String> attributes) {
		return this.engine.answer(this.model.classifier().orElse(null), text, locale, attributes);
	}

}
