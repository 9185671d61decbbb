package dev.kotae.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.kotae.bot.eval.LabelledQuery;
import dev.kotae.bot.nlu.IntentClassifier;
import dev.kotae.bot.nlu.IntentClassifierTrainer;
import dev.kotae.bot.nlu.IntentModel;
import dev.kotae.bot.nlu.Prediction;
import dev.kotae.bot.policy.Answer;
import dev.kotae.bot.policy.AnswerEngine;
import dev.kotae.bot.policy.AnswerPolicy;
import dev.kotae.bot.policy.PolicyProperties;
import dev.kotae.kb.csv.FaqCsv;
import dev.kotae.kb.demo.DemoKnowledgeBase;
import dev.kotae.kb.faq.Faq;
import dev.kotae.kb.faq.FaqRules;
import dev.kotae.kb.faq.FaqStatus;
import dev.kotae.kb.search.FaqIndex;
import dev.kotae.kb.search.RetrievalMode;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.core.io.ClassPathResource;

/**
 * The bot's per-message work on the demo knowledge base with the shipped model settings:
 * {@link #classify} (the DL4J classifier alone) and {@link #answer} (classification + search +
 * policy + FAQ lookup, what {@code POST /api/v1/answer} does besides HTTP). Sample mode reports
 * percentiles of single calls.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 10)
@Fork(value = 1, jvmArgsAppend = { "-Xms2g", "-Xmx2g", "--enable-native-access=ALL-UNNAMED",
		"--sun-misc-unsafe-memory-access=allow" })
public class AnswerBenchmark {

	private IntentClassifier classifier;

	private FaqIndex index;

	private AnswerEngine engine;

	private List<String> queries;

	private int next;

	@Setup(Level.Trial)
	public void setUp() throws IOException {
		List<Faq> faqs = new ArrayList<>();
		for (String file : DemoKnowledgeBase.FAQ_FILES) {
			try (InputStream in = new ClassPathResource(file).getInputStream()) {
				for (FaqCsv.Row row : FaqCsv.read(in)) {
					faqs.add(FaqRules.toFaq(row.draft(), FaqStatus.PUBLISHED, Instant.EPOCH, "bench"));
				}
			}
		}
		this.classifier = new IntentClassifierTrainer().train(IntentModel.trainingExamples(faqs));
		this.index = new FaqIndex(RetrievalMode.TUNED);
		this.index.setSynonyms(DemoKnowledgeBase.synonymSets());
		this.index.rebuild(faqs);
		Map<String, Faq> byId = faqs.stream().collect(Collectors.toMap(Faq::id, Function.identity()));
		this.engine = new AnswerEngine(new AnswerPolicy(PolicyProperties.defaults()), this.index,
				(id) -> Optional.ofNullable(byId.get(id)));
		this.queries = new ArrayList<>();
		for (String file : List.of("demo/queries-ja.tsv", "demo/queries-en.tsv")) {
			LabelledQuery.parse(new ClassPathResource(file).getContentAsString(StandardCharsets.UTF_8).lines().toList(),
					file)
				.forEach((q) -> this.queries.add(q.text()));
		}
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.index.close();
	}

	@Benchmark
	public Prediction classify() {
		return this.classifier.classify(this.queries.get(this.next++ % this.queries.size()));
	}

	@Benchmark
	public Answer answer() {
		return this.engine.answer(this.classifier, this.queries.get(this.next++ % this.queries.size()), null, Map.of());
	}

}
