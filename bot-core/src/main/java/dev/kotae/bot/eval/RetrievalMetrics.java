package dev.kotae.bot.eval;

import java.util.List;

/** Ranking metrics of one query, averaged over a set by {@link FaqEvaluation}. */
final class RetrievalMetrics {

	static final int K = 10;

	private RetrievalMetrics() {
	}

	/** Share of the relevant FAQs (grade ≥ 1) found in the top {@link #K}. */
	static double recall(LabelledQuery query, List<String> ranked) {
		long found = top(ranked).stream().filter(query.relevant()::containsKey).count();
		return (double) found / query.relevant().size();
	}

	/** 1 / rank of the first relevant FAQ in the top {@link #K}, else 0. */
	static double reciprocalRank(LabelledQuery query, List<String> ranked) {
		List<String> top = top(ranked);
		for (int i = 0; i < top.size(); i++) {
			if (query.relevant().containsKey(top.get(i))) {
				return 1.0 / (i + 1);
			}
		}
		return 0;
	}

	/** 1 when the first hit has the query's best grade. */
	static double successAt1(LabelledQuery query, List<String> ranked) {
		return (!ranked.isEmpty() && query.relevant().getOrDefault(ranked.get(0), 0) == query.bestGrade()) ? 1 : 0;
	}

	/** nDCG@{@link #K} with gain 2^grade − 1. */
	static double ndcg(LabelledQuery query, List<String> ranked) {
		List<String> top = top(ranked);
		double dcg = 0;
		for (int i = 0; i < top.size(); i++) {
			dcg += gain(query.relevant().getOrDefault(top.get(i), 0)) / log2(i + 2);
		}
		List<Integer> ideal = query.relevant().values().stream().sorted((a, b) -> b - a).limit(K).toList();
		double idcg = 0;
		for (int i = 0; i < ideal.size(); i++) {
			idcg += gain(ideal.get(i)) / log2(i + 2);
		}
		return (idcg == 0) ? 0 : dcg / idcg;
	}

	private static List<String> top(List<String> ranked) {
		return ranked.subList(0, Math.min(K, ranked.size()));
	}

	private static double gain(int grade) {
		return Math.pow(2, grade) - 1;
	}

	private static double log2(int x) {
		return Math.log(x) / Math.log(2);
	}

	/** The p-th percentile (0–100) of a sorted array, nearest-rank. */
	static double percentile(double[] sorted, double p) {
		if (sorted.length == 0) {
			return 0;
		}
		int rank = (int) Math.ceil(p / 100.0 * sorted.length);
		return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
	}

}
