package dev.kotae.bot.nlu;

import java.util.HashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Chooses the probability a classifier's top intent needs to be acted on, from labelled held-out
 * queries the classifier was not trained on. Used by the evaluation and at training time, so that
 * the product's classifier carries a threshold calibrated on its own knowledge base.
 */
public final class AcceptThreshold {

	/** Held-out in-scope queries needed before a trained classifier gets a threshold of its own. */
	static final int MIN_IN_SCOPE_QUERIES = 50;

	/** ... spread over at least this many intents. */
	static final int MIN_INTENTS = 10;

	private AcceptThreshold() {
	}

	/**
	 * The threshold that handles the most held-out queries well. An in-scope query is handled well
	 * when it is answered with its intent; an out-of-scope query when it is rejected. When the
	 * held-out queries include out-of-scope ones, so the bot is known to meet queries it must refuse,
	 * rejecting a query whose top intent is wrong counts as handled well too: a wrong answer costs as
	 * much as a missed right one, which with calibrated probabilities puts the threshold near 0.5.
	 * Without out-of-scope queries only right answers count, and no threshold above the lowest
	 * confidence of a right answer can win. Searched on a grid of 0.005; of a run of equally good
	 * thresholds, the middle one.
	 */
	public static double choose(List<TrainingExample> heldOut, List<Prediction> predictions) {
		boolean refusalsExpected = heldOut.stream().anyMatch(AcceptThreshold::outOfScope);
		int steps = 200;
		int[] score = new int[steps];
		int best = Integer.MIN_VALUE;
		for (int i = 0; i < steps; i++) {
			double t = i / (double) steps;
			int good = 0;
			for (int q = 0; q < heldOut.size(); q++) {
				TrainingExample query = heldOut.get(q);
				Prediction p = predictions.get(q);
				if (p.accepted(t).isPresent()) {
					good += p.top().get().intent().equals(query.label()) ? 1 : 0;
				}
				else {
					boolean wrongTop = p.top().map((s) -> !s.intent().equals(query.label())).orElse(false);
					good += (outOfScope(query) || (refusalsExpected && wrongTop)) ? 1 : 0;
				}
			}
			score[i] = good;
			best = Math.max(best, good);
		}
		int bestStart = 0;
		int bestLength = 0;
		for (int i = 0; i < steps;) {
			if (score[i] < best) {
				i++;
				continue;
			}
			int j = i;
			while (j < steps && score[j] == best) {
				j++;
			}
			if (j - i > bestLength) {
				bestStart = i;
				bestLength = j - i;
			}
			i = j;
		}
		return (bestStart + (bestLength - 1) / 2) / (double) steps;
	}

	/**
	 * {@link #choose} when the held-out queries are enough to trust it: at least
	 * {@value #MIN_IN_SCOPE_QUERIES} in-scope ones over at least {@value #MIN_INTENTS} intents, and
	 * some out-of-scope ones (without them the threshold only measures how sure right answers are).
	 * Small knowledge bases, with a handful of phrasings per FAQ, get none.
	 */
	public static OptionalDouble chooseIfEnough(List<TrainingExample> heldOut, List<Prediction> predictions) {
		Set<String> intents = new HashSet<>();
		int inScope = 0;
		boolean anyOutOfScope = false;
		for (TrainingExample example : heldOut) {
			if (outOfScope(example)) {
				anyOutOfScope = true;
			}
			else {
				inScope++;
				intents.add(example.label());
			}
		}
		if (inScope < MIN_IN_SCOPE_QUERIES || intents.size() < MIN_INTENTS || !anyOutOfScope) {
			return OptionalDouble.empty();
		}
		return OptionalDouble.of(choose(heldOut, predictions));
	}

	static boolean outOfScope(TrainingExample example) {
		return IntentClassifier.OUT_OF_SCOPE.equals(example.label());
	}

}
