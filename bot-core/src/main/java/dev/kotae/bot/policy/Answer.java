package dev.kotae.bot.policy;

import java.util.List;

import dev.kotae.kb.faq.Faq;
import dev.kotae.kb.faq.Language;

/**
 * The bot's answer to one message: the decision and the FAQs it names.
 *
 * @param decision what the policy decided, with its reasons
 * @param locale the language the message was handled in
 * @param faq the FAQ answered with ({@link Decision.Kind#ANSWER}), else {@code null}
 * @param choices the FAQs offered ({@link Decision.Kind#CHOICES}), best first
 */
public record Answer(Decision decision, Language locale, Faq faq, List<Faq> choices) {

	public Answer {
		choices = List.copyOf(choices);
	}

}
