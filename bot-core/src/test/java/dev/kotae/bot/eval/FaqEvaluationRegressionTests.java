package dev.kotae.bot.eval;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import dev.kotae.bot.eval.FaqEvaluation.Figures;
import dev.kotae.bot.eval.FaqEvaluation.Report;
import dev.kotae.kb.demo.DemoKnowledgeBase;
import dev.kotae.kb.faq.Faq;
import dev.kotae.kb.search.RetrievalMode;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reproduces the FAQ retrieval figures of the demo dev set and compares them with the ones pinned in
 * {@code eval/faq-dev-expected.properties}. A change that moves them, up or down, must update that
 * file and add a line to {@code docs/evaluation-log.md}.
 */
class FaqEvaluationRegressionTests {

	private static final double TOLERANCE = 0.0005;

	@Test
	void demoDevSetFiguresMatchThePinnedOnes() throws IOException {
		List<Faq> faqs = DemoKnowledgeBase.faqs();
		List<LabelledQuery> queries = LabelledQuery.demoDevSet();
		Properties expected = new Properties();
		try (InputStream in = new ClassPathResource("eval/faq-dev-expected.properties").getInputStream()) {
			expected.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}

		Report tuned = FaqEvaluation.run(faqs, DemoKnowledgeBase.synonymSets(), queries, RetrievalMode.TUNED);
		Report baseline = FaqEvaluation.run(faqs, List.of(), queries, RetrievalMode.BASELINE);
		System.out.print(tuned.table());
		System.out.print(baseline.table());

		List<String> moved = new ArrayList<>();
		System.out.printf(Locale.ROOT, "%-24s %9s %9s %9s%n", "metric", "expected", "actual", "delta");
		for (Map.Entry<String, Report> run : List.of(Map.entry("tuned", tuned), Map.entry("baseline", baseline))) {
			run.getValue().groups().forEach((group, figures) -> {
				for (Map.Entry<String, Double> metric : metrics(figures).entrySet()) {
					String key = run.getKey() + "." + group + "." + metric.getKey();
					double actual = metric.getValue();
					String pinned = expected.getProperty(key);
					double delta = (pinned == null) ? Double.NaN : actual - Double.parseDouble(pinned);
					System.out.printf(Locale.ROOT, "%-24s %9s %9.4f %+9.4f%n", key, pinned, actual, delta);
					if (pinned == null || Math.abs(delta) > TOLERANCE) {
						moved.add(String.format(Locale.ROOT, "%s=%.4f", key, actual));
					}
				}
			});
		}
		assertThat(moved).as("figures that moved; update eval/faq-dev-expected.properties and docs/evaluation-log.md")
			.isEmpty();
		// the product ranking must stay clearly ahead of plain BM25
		assertThat(tuned.all().mrrAt10()).isGreaterThan(baseline.all().mrrAt10() + 0.05);
	}

	private static Map<String, Double> metrics(Figures f) {
		Map<String, Double> metrics = new LinkedHashMap<>();
		metrics.put("recall@10", f.recallAt10());
		metrics.put("mrr@10", f.mrrAt10());
		metrics.put("success@1", f.successAt1());
		metrics.put("ndcg@10", f.ndcgAt10());
		return metrics;
	}

}
