package dev.kotae.bot.unanswered;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * TF-IDF weighting fitted on one language's questions: sublinear term frequency {@code 1 + ln tf}
 * times the smoothed inverse document frequency {@code ln((1 + n) / (1 + df)) + 1}, L2-normalised.
 * The document frequencies are frozen when it is fitted: a term first seen later is weighted as if
 * it occurred in no question (the rarest), until the next full recompute fits it again. Not
 * thread-safe when it meets new terms.
 */
final class TfIdf {

	private final Map<String, Integer> ids = new HashMap<>();

	private int[] documentFrequency = new int[1024];

	private final int documents;

	private TfIdf(int documents) {
		this.documents = documents;
	}

	/** Fits the document frequencies on the term counts of distinct questions. */
	static TfIdf fit(Collection<Map<String, Integer>> questions) {
		TfIdf tfIdf = new TfIdf(questions.size());
		for (Map<String, Integer> question : questions) {
			for (String term : question.keySet()) {
				tfIdf.documentFrequency[tfIdf.id(term)]++;
			}
		}
		return tfIdf;
	}

	/** How many distinct terms it knows: term ids are below this. */
	int vocabularySize() {
		return this.ids.size();
	}

	SparseVector vector(Map<String, Integer> counts) {
		int[] terms = new int[counts.size()];
		double[] weights = new double[counts.size()];
		int i = 0;
		for (Map.Entry<String, Integer> count : counts.entrySet()) {
			int id = id(count.getKey());
			terms[i] = id;
			weights[i] = (1 + Math.log(count.getValue())) * idf(id);
			i++;
		}
		return SparseVector.normalised(terms, weights);
	}

	private double idf(int id) {
		return Math.log((1.0 + this.documents) / (1.0 + this.documentFrequency[id])) + 1;
	}

	private int id(String term) {
		Integer id = this.ids.get(term);
		if (id == null) {
			id = this.ids.size();
			this.ids.put(term, id);
			if (id == this.documentFrequency.length) {
				this.documentFrequency = Arrays.copyOf(this.documentFrequency, id * 2);
			}
		}
		return id;
	}

}
