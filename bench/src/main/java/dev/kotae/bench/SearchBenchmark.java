package dev.kotae.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.kotae.bot.eval.LabelledQuery;
import dev.kotae.kb.demo.DemoKnowledgeBase;
import dev.kotae.kb.faq.Faq;
import dev.kotae.kb.faq.FaqStatus;
import dev.kotae.kb.search.FaqIndex;
import dev.kotae.kb.search.RetrievalMode;
import dev.kotae.kb.search.SearchHit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;


/**
 * Search latency on a knowledge base of {@code faqs} FAQs: the demo FAQs of both languages, copied
 * with varied wording until the size is reached, queried with the demo dev queries in turn. Sample
 * mode reports the percentiles (p0.50, p0.99) of single searches.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 10)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
public class SearchBenchmark {

	private static final String[] VARIATIONS_EN = { "on the web app", "for my team", "in the mobile app",
			"for a guest user", "on the Business plan", "for an admin", "in a shared project", "for my workspace",
			"on Android", "on iPhone", "in the Gantt view", "for a new member", "from the settings page", "today" };

	private static final String[] VARIATIONS_JA = { "ウェブ版で", "チームで", "モバイルアプリで", "ゲストユーザーの", "ビジネスプランで",
			"管理者として", "共有プロジェクトで", "ワークスペースで", "Androidで", "iPhoneで", "ガントチャートで", "新しいメンバーの",
			"設定画面から", "今すぐ" };

	@Param({ "2000" })
	public int faqs;

	private FaqIndex index;

	private List<String> queries;

	private int next;

	@Setup(Level.Trial)
	public void setUp() {
		List<Faq> demo = DemoKnowledgeBase.faqs();
		List<Faq> kb = new ArrayList<>(demo);
		for (int i = 0; kb.size() < this.faqs; i++) {
			Faq base = demo.get(i % demo.size());
			String variation = switch (base.locale()) {
				case JA -> VARIATIONS_JA[(i / demo.size()) % VARIATIONS_JA.length];
				case EN -> VARIATIONS_EN[(i / demo.size()) % VARIATIONS_EN.length];
			};
			kb.add(new Faq(base.id() + "-v" + i, base.locale(), variation + " " + base.question(),
					base.alternativeQuestions().stream().map((q) -> q + " " + variation).toList(), base.answer(),
					base.category(), base.tags(), FaqStatus.PUBLISHED, 1, Instant.EPOCH, Instant.EPOCH, "bench"));
		}
		this.index = new FaqIndex(RetrievalMode.TUNED);
		this.index.setSynonyms(DemoKnowledgeBase.synonymSets());
		this.index.rebuild(kb);
		this.queries = LabelledQuery.demoDevSet().stream().map(LabelledQuery::text).toList();
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.index.close();
	}

	@Benchmark
	public List<SearchHit> search() {
		String query = this.queries.get(this.next++ % this.queries.size());
		return this.index.search(query, null, 10);
	}

}
