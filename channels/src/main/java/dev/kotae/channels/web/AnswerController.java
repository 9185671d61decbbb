package dev.kotae.channels.web;

import java.util.List;
import java.util.Map;

import dev.kotae.bot.policy.Answer;
import dev.kotae.bot.policy.Answerer;
import dev.kotae.bot.policy.Decision;
import dev.kotae.kb.faq.Faq;
import dev.kotae.kb.faq.Language;
import dev.kotae.kb.faq.PublishedFaqs;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/answer}: a stateless preview of what the bot would do with a message (the
 * admin "try a question" panel uses it). Public, like search.
 */
@RestController
class AnswerController {

	private final Answerer answerer;

	private final PublishedFaqs published;

	AnswerController(Answerer answerer, PublishedFaqs published) {
		this.answerer = answerer;
		this.published = published;
	}

	@PostMapping("/api/v1/answer")
	AnswerResponse answer(@RequestBody AnswerRequest request) {
		String text = UserText.check("text", request.text());
		Language locale = Params.locale(request.locale());
		Map<String, String> attributes = UserText.attributes(request.attributes());
		return AnswerResponse.of(this.answerer.answer(text, locale, attributes), this.published);
	}

	record AnswerRequest(String text, String locale, Map<String, String> attributes) {
	}

	record AnswerResponse(String decision, String locale, FaqAnswer faq, List<Choice> choices, double confidence,
			List<Score> candidates, String reason, String intent) {

		/** The answer; each candidate is named by its FAQ's question when it is published. */
		static AnswerResponse of(Answer answer, PublishedFaqs published) {
			Decision d = answer.decision();
			Faq faq = answer.faq();
			return new AnswerResponse(d.kind().name().toLowerCase(), answer.locale().code(),
					(faq != null) ? new FaqAnswer(faq.id(), faq.question(), faq.answer()) : null,
					(d.kind() == Decision.Kind.CHOICES)
							? answer.choices().stream().map((c) -> new Choice(c.id(), c.question())).toList() : null,
					round(d.confidence()),
					d.candidates()
						.stream()
						.map((c) -> new Score(c.faqId(), published.get(c.faqId()).map(Faq::question).orElse(null),
								round(c.confidence())))
						.toList(),
					(d.reason() != null) ? d.reason().name().toLowerCase() : null, d.systemIntent());
		}

		private static double round(double value) {
			return Math.round(value * 10_000) / 10_000.0;
		}

	}

	record FaqAnswer(String id, String question, String answer) {
	}

	record Choice(String id, String question) {
	}

	record Score(String id, String question, double score) {
	}

}
