package dev.kotae.bot.policy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.function.Predicate;

import dev.kotae.bot.nlu.IntentClassifier;
import dev.kotae.bot.nlu.Prediction;
import dev.kotae.kb.faq.Faq;
import dev.kotae.kb.faq.Language;
import dev.kotae.kb.search.FaqSearch;
import dev.kotae.kb.search.SearchHit;

/**
 * The answering pipeline without Spring: classify, search, decide, resolve the FAQs. Used by the
 * application ({@link Answerer}) and by evaluations. Only published FAQs of the message's language
 * whose audience matches the conversation's attributes are ever offered. Thread-safe.
 */
public final class AnswerEngine {

	/** How many search hits the policy sees. */
	public static final int SEARCH_HITS = 10;

	private final AnswerPolicy policy;

	private final FaqSearch search;

	private final Function<String, Optional<Faq>> publishedFaqs;

	/**
	 * @param policy the decision rules
	 * @param search search over the published FAQs
	 * @param publishedFaqs looks up a published FAQ by id (empty when it is not published)
	 */
	public AnswerEngine(AnswerPolicy policy, FaqSearch search, Function<String, Optional<Faq>> publishedFaqs) {
		this.policy = policy;
		this.search = search;
		this.publishedFaqs = publishedFaqs;
	}

	/**
	 * @param classifier the intent classifier, or {@code null} when none is trained yet
	 * @param text what the user wrote
	 * @param locale the conversation's language, or {@code null} to detect it from the text
	 * @param attributes the conversation's attributes (for audience rules), may be empty
	 */
	public Answer answer(IntentClassifier classifier, String text, Language locale, Map<String, String> attributes) {
		Language language = (locale != null) ? locale : Language.detect(text);
		Predicate<String> eligible = (id) -> this.publishedFaqs.apply(id)
			.filter((faq) -> faq.locale() == language && faq.audience().matches(attributes))
			.isPresent();
		Prediction prediction = (classifier != null) ? classifier.classify(text) : null;
		List<SearchHit> hits = this.search.search(text, language, SEARCH_HITS);
		OptionalDouble acceptThreshold = (classifier != null) ? classifier.acceptThreshold() : OptionalDouble.empty();
		Decision decision = this.policy.decide(prediction, acceptThreshold, hits, eligible,
				HumanRequestRules.matches(text));
		Faq faq = (decision.faqId() != null) ? this.publishedFaqs.apply(decision.faqId()).orElse(null) : null;
		List<Faq> choices = decision.choices()
			.stream()
			.map((c) -> this.publishedFaqs.apply(c.faqId()))
			.flatMap(Optional::stream)
			.toList();
		return new Answer(decision, language, faq, choices);
	}

}
