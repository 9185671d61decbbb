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

import dev.kotae.bot.eval.AnswerEvaluation.Figures;
import dev.kotae.bot.eval.AnswerEvaluation.Report;
import dev.kotae.bot.nlu.IntentModel;
import dev.kotae.bot.policy.PolicyProperties;
import dev.kotae.kb.demo.DemoKnowledgeBase;
import dev.kotae.kb.faq.Faq;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bot's decisions on the demo dev set with the shipped model settings and policy defaults:
 * trains the real DL4J classifier like the application does and checks the figures pinned in
 * {@code eval/answers-dev-expected.properties} (none may drop by more than {@link #SLACK}; a change
 * that moves them updates the file and {@code docs/evaluation-log.md}).
 */
class AnswerEvaluationRegressionTests {

	/** Training uses native multi-threaded maths, so figures may wobble slightly between machines. */
	private static final double SLACK = 0.02;

	@Test
	void demoDevSetDecisionsMatchThePinnedFigures() throws IOException {
		List<Faq> faqs = DemoKnowledgeBase.faqs();
		List<LabelledQuery> queries = LabelledQuery.demoDevSet();
		Properties expected = new Properties();
		try (InputStream in = new ClassPathResource("eval/answers-dev-expected.properties").getInputStream()) {
			expected.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}

		Report report = AnswerEvaluation.run(faqs, DemoKnowledgeBase.synonymSets(), queries,
				PolicyProperties.defaults(), IntentModel.trainingOptions(true, faqs));
		System.out.print(report.table());
		System.out.println(report.json());

		Figures f = report.configured();
		Map<String, Double> actual = new LinkedHashMap<>();
		actual.put("answer_precision", f.answerPrecision());
		actual.put("answer_coverage", f.answerCoverage());
		actual.put("resolved_rate", f.resolvedRate());
		actual.put("oos_declined_rate", f.oosDeclinedRate());
		List<String> dropped = new ArrayList<>();
		actual.forEach((metric, value) -> {
			double pinned = Double.parseDouble(expected.getProperty(metric));
			System.out.printf(Locale.ROOT, "%-20s expected %.4f actual %.4f delta %+.4f%n", metric, pinned, value,
					value - pinned);
			if (value < pinned - SLACK) {
				dropped.add(metric + "=" + value);
			}
		});
		assertThat(dropped).as("figures that dropped; see eval/answers-dev-expected.properties").isEmpty();
	}

}
