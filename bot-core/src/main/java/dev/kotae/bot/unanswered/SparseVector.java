package dev.kotae.bot.unanswered;

import java.util.Arrays;

/** An L2-normalised sparse vector: term ids in ascending order with their (positive) weights. */
final class SparseVector {

	static final SparseVector EMPTY = new SparseVector(new int[0], new double[0]);

	private final int[] terms;

	private final double[] weights;

	private SparseVector(int[] terms, double[] weights) {
		this.terms = terms;
		this.weights = weights;
	}

	/** Sorts the entries by term and scales them to unit length; entries must have distinct terms. */
	static SparseVector normalised(int[] terms, double[] weights) {
		Integer[] order = new Integer[terms.length];
		double norm = 0;
		for (int i = 0; i < terms.length; i++) {
			order[i] = i;
			norm += weights[i] * weights[i];
		}
		if (norm == 0) {
			return EMPTY;
		}
		Arrays.sort(order, (a, b) -> Integer.compare(terms[a], terms[b]));
		double length = Math.sqrt(norm);
		int[] sortedTerms = new int[terms.length];
		double[] sortedWeights = new double[terms.length];
		for (int i = 0; i < order.length; i++) {
			sortedTerms[i] = terms[order[i]];
			sortedWeights[i] = weights[order[i]] / length;
		}
		return new SparseVector(sortedTerms, sortedWeights);
	}

	int size() {
		return this.terms.length;
	}

	boolean isEmpty() {
		return this.terms.length == 0;
	}

	int term(int i) {
		return this.terms[i];
	}

	double weight(int i) {
		return this.weights[i];
	}

	/** The cosine of two normalised vectors: a merge of their sorted terms. */
	double dot(SparseVector other) {
		double dot = 0;
		int i = 0;
		int j = 0;
		while (i < this.terms.length && j < other.terms.length) {
			int a = this.terms[i];
			int b = other.terms[j];
			if (a == b) {
				dot += this.weights[i++] * other.weights[j++];
			}
			else if (a < b) {
				i++;
			}
			else {
				j++;
			}
		}
		return dot;
	}

}
