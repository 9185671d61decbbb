package dev.kotae.bot.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Predicate;

import dev.kotae.bot.nlu.Prediction;
import dev.kotae.bot.nlu.ScoredIntent;
import dev.kotae.bot.nlu.SystemIntents;
import dev.kotae.bot.policy.Decision.Candidate;
import dev.kotae.bot.policy.Decision.EscalationReason;
import dev.kotae.bot.policy.Decision.Kind;
import dev.kotae.kb.search.SearchHit;

/**
 * Decides what to do with one message from the classifier's prediction and the search hits.
 * <p>
 * Each candidate FAQ gets one confidence: {@code w·p + (1−w)·share·inScope}, where {@code p} is the
 * classifier's calibrated probability, {@code share} the FAQ's share of the top search scores and
 * {@code inScope} the probability mass the classifier puts on FAQs at all (so that search cannot
 * lift a message the classifier finds out of scope), plus {@code agreementBonus·inScope} when the FAQ
 * is both the classifier's and the search's first choice. Without a trained classifier (right after
 * start-up) the search share alone is used, damped by {@link #SEARCH_ONLY_DAMPING}.
 * <p>
 * A classifier trained on a knowledge base with enough phrasings carries an
 * {@linkplain dev.kotae.bot.nlu.IntentClassifier#acceptThreshold() accept threshold} chosen on its
 * own held-out phrasings; when its top intent is an FAQ that reaches it, that FAQ is answered
 * directly: on such a knowledge base the classifier alone is measured to be right that often. Small
 * knowledge bases have no such threshold and rely on the combined confidence. Stateless and
 * thread-safe.
 */
public final class AnswerPolicy {

	/** How many search hits share the search evidence. */
	static final int SEARCH_DEPTH = 5;

	/** How many candidates a decision reports. */
	static final int REPORTED_CANDIDATES = 5;

	/** Search alone is less sure than the classifier: scale its share when there is no model. */
	static final double SEARCH_ONLY_DAMPING = 0.6;

	private final PolicyProperties properties;

	public AnswerPolicy(PolicyProperties properties) {
		this.properties = properties;
	}

	public PolicyProperties properties() {
		return this.properties;
	}

	/**
	 * @param prediction the classifier's prediction, or {@code null} when no model is trained yet
	 * @param hits search hits, best first
	 * @param eligible whether an FAQ may be offered in this conversation (published, audience)
	 * @param humanRequested whether the message explicitly asks for a person
	 */
	public Decision decide(Prediction prediction, List<SearchHit> hits, Predicate<String> eligible,
			boolean humanRequested) {
		return decide(prediction, OptionalDouble.empty(), hits, eligible, humanRequested);
	}

	/**
	 * @param prediction the classifier's prediction, or {@code null} when no model is trained yet
	 * @param acceptThreshold the classifier's own calibrated threshold, if it has one
	 * @param hits search hits, best first
	 * @param eligible whether an FAQ may be offered in this conversation (published, audience)
	 * @param humanRequested whether the message explicitly asks for a person
	 */
	public Decision decide(Prediction prediction, OptionalDouble acceptThreshold, List<SearchHit> hits,
			Predicate<String> eligible, boolean humanRequested) {
		List<Candidate> candidates = candidates(prediction, hits, eligible);
		Optional<ScoredIntent> top = (prediction != null) ? prediction.top() : Optional.empty();
		double best = candidates.isEmpty() ? 0 : candidates.get(0).confidence();
		double st = this.properties.smalltalkThreshold();

		if (humanRequested || top.filter((t) -> t.intent().equals(SystemIntents.HUMAN) && t.probability() >= st)
			.isPresent()) {
			return escalate(EscalationReason.REQUESTED_HUMAN, top.map(ScoredIntent::probability).orElse(1.0),
					candidates);
		}
		if (top.filter((t) -> t.intent().equals(SystemIntents.COMPLAINT) && t.probability() >= st).isPresent()) {
			return escalate(EscalationReason.FRUSTRATION, top.get().probability(), candidates);
		}
		if (top.filter((t) -> SystemIntents.SMALLTALK.contains(t.intent()) && t.probability() >= st
				&& t.probability() > best).isPresent()) {
			return new Decision(Kind.SMALLTALK, null, List.of(), top.get().intent(), null, top.get().probability(),
					report(candidates));
		}
		Optional<ScoredIntent> sure = top.filter((t) -> acceptThreshold.isPresent() && SystemIntents.isFaq(t.intent())
				&& t.probability() >= acceptThreshold.getAsDouble() && eligible.test(t.intent()));
		if (sure.isPresent()) {
			String id = sure.get().intent();
			double confidence = candidates.stream()
				.filter((c) -> c.faqId().equals(id))
				.mapToDouble(Candidate::confidence)
				.findFirst()
				.orElse(0);
			return new Decision(Kind.ANSWER, id, List.of(), null, null, Math.max(confidence, sure.get().probability()),
					report(candidates));
		}
		if (best < this.properties.choiceThreshold()) {
			boolean outOfScope = top.filter(ScoredIntent::outOfScope).isPresent();
			return escalate(outOfScope ? EscalationReason.OUT_OF_SCOPE : EscalationReason.LOW_CONFIDENCE, best,
					candidates);
		}
		double second = (candidates.size() > 1) ? candidates.get(1).confidence() : 0;
		if (best >= this.properties.answerThreshold() && best - second >= this.properties.answerMargin()) {
			return new Decision(Kind.ANSWER, candidates.get(0).faqId(), List.of(), null, null, best,
					report(candidates));
		}
		double floor = this.properties.choiceThreshold() / 2;
		List<Candidate> choices = new ArrayList<>();
		for (Candidate candidate : candidates) {
			if (choices.size() < this.properties.maxChoices() && (choices.size() < 2 || candidate.confidence() >= floor)) {
				choices.add(candidate);
			}
		}
		return new Decision(Kind.CHOICES, null, choices, null, null, best, report(candidates));
	}

	private List<Candidate> candidates(Prediction prediction, List<SearchHit> hits, Predicate<String> eligible) {
		List<SearchHit> top = hits.stream().filter((h) -> eligible.test(h.id())).limit(SEARCH_DEPTH).toList();
		double total = top.stream().mapToDouble(SearchHit::score).sum();
		Map<String, Double> shares = new LinkedHashMap<>();
		for (SearchHit hit : top) {
			shares.put(hit.id(), (total > 0) ? hit.score() / total : 0);
		}
		Map<String, Double> probabilities = new LinkedHashMap<>();
		double inScope = 1;
		if (prediction != null) {
			inScope = 0;
			for (ScoredIntent intent : prediction.ranked()) {
				if (SystemIntents.isFaq(intent.intent())) {
					inScope += intent.probability();
					if (eligible.test(intent.intent()) && probabilities.size() < 2 * SEARCH_DEPTH) {
						probabilities.put(intent.intent(), intent.probability());
					}
				}
			}
		}
		String classifierTop = probabilities.keySet().stream().findFirst().orElse(null);
		String searchTop = shares.keySet().stream().findFirst().orElse(null);
		List<String> ids = new ArrayList<>(probabilities.keySet());
		shares.keySet().stream().filter((id) -> !probabilities.containsKey(id)).forEach(ids::add);
		double w = this.properties.classifierWeight();
		List<Candidate> candidates = new ArrayList<>(ids.size());
		for (String id : ids) {
			double p = probabilities.getOrDefault(id, 0.0);
			double share = shares.getOrDefault(id, 0.0);
			double confidence = (prediction != null) ? w * p + (1 - w) * share * Math.min(1, inScope)
					: SEARCH_ONLY_DAMPING * share;
			if (id.equals(classifierTop) && id.equals(searchTop)) {
				// agreement counts as much as the classifier believes the message is about an FAQ at all
				confidence = Math.min(1, confidence + this.properties.agreementBonus() * Math.min(1, inScope));
			}
			candidates.add(new Candidate(id, confidence, p, share));
		}
		candidates.sort(Comparator.comparingDouble(Candidate::confidence).reversed());
		return candidates;
	}

	private static Decision escalate(EscalationReason reason, double confidence, List<Candidate> candidates) {
		return new Decision(Kind.ESCALATE, null, List.of(), null, reason, confidence, report(candidates));
	}

	/** The best candidates that have any evidence at all. */
	private static List<Candidate> report(List<Candidate> candidates) {
		return candidates.stream().filter((c) -> c.confidence() >= 0.001).limit(REPORTED_CANDIDATES).toList();
	}

}
