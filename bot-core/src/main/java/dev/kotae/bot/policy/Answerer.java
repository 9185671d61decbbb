package dev.kotae.bot.policy;

import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.kotae.bot.nlu.IntentClassifier;
import dev.kotae.bot.nlu.IntentModel;
import dev.kotae.kb.faq.Language;
import dev.kotae.kb.faq.PublishedFaqs;
import dev.kotae.kb.search.FaqSearch;

import org.springframework.stereotype.Service;

/**
 * Answers user messages with the current intent model and the live knowledge base. Answers are
 * cached ({@link AnswerCacheProperties}) by text, language and attributes; a cached answer is used
 * only while the classifier, the search index and the published FAQs are still the ones it was
 * worked out with (their versions are read before working it out, so a change made meanwhile makes
 * it stale at once).
 */
@Service
public class Answerer {

	private final IntentModel model;

	private final FaqSearch search;

	private final PublishedFaqs faqs;

	private final AnswerEngine engine;

	private final AnswerCacheProperties cacheProperties;

	private final Cache<Question, Cached> cache;

	Answerer(IntentModel model, FaqSearch search, PublishedFaqs faqs, PolicyProperties properties,
			AnswerCacheProperties cacheProperties) {
		this.model = model;
		this.search = search;
		this.faqs = faqs;
		this.engine = new AnswerEngine(new AnswerPolicy(properties), search, faqs::get);
		this.cacheProperties = cacheProperties;
		this.cache = Caffeine.newBuilder().maximumSize(cacheProperties.maxEntries()).build();
	}

	/**
	 * @param text what the user wrote
	 * @param locale the conversation's language, or {@code null} to detect it from the text
	 * @param attributes the conversation's attributes (for audience rules), may be empty
	 */
	public Answer answer(String text, Language locale, Map<String, String> attributes) {
		IntentClassifier classifier = this.model.classifier().orElse(null);
		if (this.cacheProperties.maxEntries() == 0 || text.length() > this.cacheProperties.maxTextLength()) {
			return this.engine.answer(classifier, text, locale, attributes);
		}
		Versions versions = new Versions(classifier, this.search.version(), this.faqs.version());
		Question question = new Question(text, locale, Map.copyOf(attributes));
		Cached cached = this.cache.getIfPresent(question);
		if (cached != null && cached.versions().equals(versions)) {
			return cached.answer();
		}
		Answer answer = this.engine.answer(classifier, text, locale, attributes);
		this.cache.put(question, new Cached(answer, versions));
		return answer;
	}

	/** The answers cached on this node now (for tests and metrics). */
	public long cachedAnswers() {
		this.cache.cleanUp();
		return this.cache.estimatedSize();
	}

	private record Question(String text, Language locale, Map<String, String> attributes) {
	}

	/** What an answer was worked out with; the classifier by identity (a new model is a new object). */
	private record Versions(IntentClassifier classifier, long search, long faqs) {

		@Override
		public boolean equals(Object other) {
			return other instanceof Versions that && this.classifier == that.classifier && this.search == that.search
					&& this.faqs == that.faqs;
		}

		@Override
		public int hashCode() {
			return Long.hashCode(this.search * 31 + this.faqs);
		}

	}

	private record Cached(Answer answer, Versions versions) {
	}

}
