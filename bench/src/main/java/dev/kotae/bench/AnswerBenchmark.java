package dev.kotae.bench;

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
import dev.kotae.kb.demo.DemoKnowledgeBase;
import dev.kotae.kb.faq.Faq;
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
	public void setUp() {
		List<Faq> faqs = DemoKnowledgeBase.faqs();
		this.classifier = new IntentClassifierTrainer(IntentModel.trainingOptions(true, faqs))
			.train(IntentModel.trainingExamples(faqs));
		this.index = new FaqIndex(RetrievalMode.TUNED);
		this.index.setSynonyms(DemoKnowledgeBase.synonymSets());
		this.index.rebuild(faqs);
		Map<String, Faq> byId = faqs.stream().collect(Collectors.toMap(Faq::id, Function.identity()));
		this.engine = new AnswerEngine(new AnswerPolicy(PolicyProperties.defaults()), this.index,
				(id) -> Optional.ofNullable(byId.get(id)));
		this.queries = LabelledQuery.demoDevSet().stream().map(LabelledQuery::text).toList();
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
