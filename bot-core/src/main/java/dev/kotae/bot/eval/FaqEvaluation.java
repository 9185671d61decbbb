package dev.kotae.bot.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.kotae.kb.faq.Faq;
import dev.kotae.kb.faq.Language;
import dev.kotae.kb.search.FaqIndex;
import dev.kotae.kb.search.RetrievalMode;
import dev.kotae.kb.search.SearchHit;
import dev.kotae.kb.synonym.SynonymSet;

/**
 * FAQ retrieval evaluation: indexes FAQs into a throw-away in-memory index (never the server's
 * database), runs every labelled query and averages the ranking metrics per language and overall.
 * Out-of-scope queries count towards latency only.
 */
public final class FaqEvaluation {

	private FaqEvaluation() {
	}

	/** Averages over the in-scope queries of one group. */
	public record Figures(int queries, double recallAt10, double mrrAt10, double successAt1, double ndcgAt10) {
	}

	/**
	 * The outcome of a run.
	 *
	 * @param mode the ranking evaluated
	 * @param groups figures for {@code ja}, {@code en} (when present) and {@code all}
	 * @param outOfScope number of queries without relevant FAQs
	 * @param faqs number of FAQs indexed
	 * @param p50Ms median search time
	 * @param p99Ms 99th percentile search time
	 * @param indexSeconds time to build the index
	 */
	public record Report(RetrievalMode mode, Map<String, Figures> groups, int outOfScope, int faqs, double p50Ms,
			double p99Ms, double indexSeconds) {

		public Figures all() {
			return this.groups.get("all");
		}

		/** A table a person reads. */
		public String table() {
			StringBuilder out = new StringBuilder();
			out.append(String.format(Locale.ROOT, "FAQ retrieval, %s ranking, %d FAQs, %d out-of-scope queries%n",
					this.mode.name().toLowerCase(Locale.ROOT), this.faqs, this.outOfScope));
			out.append(String.format(Locale.ROOT, "%-6s %8s %10s %8s %10s %8s%n", "group", "queries", "recall@10",
					"mrr@10", "success@1", "ndcg@10"));
			this.groups.forEach((name, f) -> out.append(String.format(Locale.ROOT, "%-6s %8d %10.4f %8.4f %10.4f %8.4f%n",
					name, f.queries(), f.recallAt10(), f.mrrAt10(), f.successAt1(), f.ndcgAt10())));
			out.append(String.format(Locale.ROOT, "search p50 %.3f ms, p99 %.3f ms; index built in %.3f s%n", this.p50Ms,
					this.p99Ms, this.indexSeconds));
			return out.toString();
		}

		/** One JSON object with the overall figures. */
		public String json() {
			Figures f = all();
			return String.format(Locale.ROOT,
					"{\"mode\":\"%s\",\"queries\":%d,\"recall@10\":%.4f,\"mrr@10\":%.4f,\"success@1\":%.4f,"
							+ "\"ndcg@10\":%.4f,\"p50_ms\":%.3f,\"p99_ms\":%.3f,\"index_seconds\":%.3f}",
					this.mode.name().toLowerCase(Locale.ROOT), f.queries(), f.recallAt10(), f.mrrAt10(), f.successAt1(),
					f.ndcgAt10(), this.p50Ms, this.p99Ms, this.indexSeconds);
		}

	}

	public static Report run(Collection<Faq> faqs, Collection<SynonymSet> synonyms, List<LabelledQuery> queries,
			RetrievalMode mode) {
		try (FaqIndex index = new FaqIndex(mode)) {
			long start = System.nanoTime();
			index.setSynonyms(synonyms);
			index.rebuild(faqs);
			double indexSeconds = (System.nanoTime() - start) / 1e9;

			Language fixed = singleLocale(faqs);

			// warm-up pass, so that the timed pass measures searches rather than class loading
			queries.forEach((q) -> index.search(q.text(), fixed, RetrievalMetrics.K));

			Map<String, double[]> sums = new LinkedHashMap<>();
			Map<String, Integer> counts = new LinkedHashMap<>();
			double[] millis = new double[queries.size()];
			int outOfScope = 0;
			for (int i = 0; i < queries.size(); i++) {
				LabelledQuery query = queries.get(i);
				long t0 = System.nanoTime();
				Language language = queryLocale(fixed, query);
				List<SearchHit> hits = index.search(query.text(), language, RetrievalMetrics.K);
				millis[i] = (System.nanoTime() - t0) / 1e6;
				if (!query.inScope()) {
					outOfScope++;
					continue;
				}
				List<String> ranked = hits.stream().map(SearchHit::id).toList();
				double[] values = { RetrievalMetrics.recall(query, ranked), RetrievalMetrics.reciprocalRank(query, ranked),
						RetrievalMetrics.successAt1(query, ranked), RetrievalMetrics.ndcg(query, ranked) };
				for (String group : List.of(language.code(), "all")) {
					double[] sum = sums.computeIfAbsent(group, (g) -> new double[4]);
					for (int m = 0; m < 4; m++) {
						sum[m] += values[m];
					}
					counts.merge(group, 1, Integer::sum);
				}
			}
			sums.computeIfAbsent("all", (g) -> new double[4]);
			counts.putIfAbsent("all", 0);
			Map<String, Figures> groups = new LinkedHashMap<>();
			for (String group : orderedGroups(sums.keySet())) {
				double[] s = sums.get(group);
				int n = Math.max(1, counts.get(group));
				groups.put(group, new Figures(counts.get(group), s[0] / n, s[1] / n, s[2] / n, s[3] / n));
			}
			Arrays.sort(millis);
			return new Report(mode, groups, outOfScope, index.size(), RetrievalMetrics.percentile(millis, 50),
					RetrievalMetrics.percentile(millis, 99), indexSeconds);
		}
	}

	/**
	 * The language of a single-language knowledge base, which answers every query in it (as a site
	 * with a default locale does); {@code null} when it has both languages.
	 */
	static Language singleLocale(Collection<Faq> faqs) {
		Set<Language> locales = faqs.stream().map(Faq::locale).collect(Collectors.toSet());
		return (locales.size() == 1) ? locales.iterator().next() : null;
	}

	/** The language a query is handled in: the knowledge base's only one, else detected from its script. */
	static Language queryLocale(Language singleLocale, LabelledQuery query) {
		return (singleLocale != null) ? singleLocale : Language.detect(query.text());
	}

	private static List<String> orderedGroups(Collection<String> groups) {
		List<String> ordered = new ArrayList<>();
		for (Language l : Language.values()) {
			if (groups.contains(l.code())) {
				ordered.add(l.code());
			}
		}
		ordered.add("all");
		return ordered;
	}

}
