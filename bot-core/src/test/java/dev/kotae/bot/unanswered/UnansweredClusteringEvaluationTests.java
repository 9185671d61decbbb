package dev.kotae.bot.unanswered;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import dev.kotae.bot.unanswered.QuestionClusters.Member;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clusters 100,000 synthetic unanswered questions and prints how long it took and how good the
 * clusters are. Not a timed unit test: it runs only with {@code -Peval} (see docs/unanswered.md).
 * <p>
 * The questions: 600 topics (an action on an object, e.g. "export" × "Gantt chart", in English
 * and Japanese; topics share actions and objects, so they are close neighbours) asked through 12
 * paraphrase templates per language, with a Zipf-like topic popularity, optional filler words
 * ("urgent", "again", "今すぐ"…) and 10 % unrelated one-off questions made of random words.
 */
@Tag("evaluation")
class UnansweredClusteringEvaluationTests {

	static final int QUESTIONS = 100_000;

	private static final String[] EN_ACTIONS = { "export", "import", "delete", "share", "rename", "archive", "print",
			"sync", "restore", "duplicate", "move", "lock", "hide", "filter", "sort" };

	private static final String[] EN_OBJECTS = { "gantt chart", "calendar", "invoice", "dashboard", "kanban board",
			"timesheet", "report", "subtask", "comment", "attachment", "template", "milestone", "label", "workspace",
			"guest account", "webhook", "custom field", "recurring task", "budget", "time entry" };

	private static final String[] EN_TEMPLATES = { "How do I %s the %s?", "Can I %s my %s", "Is it possible to %s a %s?",
			"I want to %s the %s", "Where is the option to %s %s", "%2$s %1$s?", "Help me %s the %s please",
			"How can we %s %s in TaskHarbor", "%s %s not working", "Why can't I %s the %s",
			"Is there a way to %s a %s", "What's the fastest way to %s my %s?" };

	private static final String[] EN_FILLERS = { "urgent", "again", "today", "for my team", "on mobile", "asap",
			"in the new version", "right now", "quickly", "for a client" };

	private static final String[] JA_ACTIONS = { "エクスポート", "インポート", "削除", "共有", "名前変更", "アーカイブ", "印刷",
			"同期", "復元", "複製", "移動", "ロック", "非表示", "絞り込み", "並べ替え" };

	private static final String[] JA_OBJECTS = { "ガントチャート", "カレンダー", "請求書", "ダッシュボード", "カンバンボード",
			"タイムシート", "レポート", "サブタスク", "コメント", "添付ファイル", "テンプレート", "マイルストーン", "ラベル",
			"ワークスペース", "ゲストアカウント", "Webhook", "カスタムフィールド", "繰り返しタスク", "予算", "作業時間" };

	private static final String[] JA_TEMPLATES = { "%2$sを%1$sしたい", "%2$sの%1$s方法を教えて", "%2$sは%1$sできますか",
			"%2$sを%1$sするには？", "%2$sが%1$sできない", "%2$sの%1$sについて", "%2$sを%1$sする手順は",
			"%2$sを%1$sしたいのですが", "%2$s %1$s", "どうやって%2$sを%1$sしますか", "%2$sを%1$sする機能はありますか",
			"%2$sの%1$sがうまくいかない" };

	private static final String[] JA_FILLERS = { "至急", "今すぐ", "スマホで", "もう一度", "チームで", "新しいバージョンで",
			"急ぎで", "お客様向けに", "簡単に", "まとめて" };

	private static final String[] RANDOM_WORDS = { "weather", "pizza", "football", "novel", "station", "holiday",
			"guitar", "coffee", "mountain", "train", "birthday", "museum", "garden", "recipe", "movie", "天気", "ラーメン",
			"サッカー", "小説", "駅", "休日", "ギター", "コーヒー", "山", "電車", "誕生日", "美術館", "庭", "レシピ", "映画" };

	/** A generated question and the topic it was generated from ({@code null} for noise). */
	record Generated(LoggedQuestion question, String topic) {
	}

	@Test
	void clusters100000QuestionsAndPrintsTheTimeAndQuality() {
		List<Generated> generated = generate(QUESTIONS, 42);
		UnansweredProperties defaults = UnansweredProperties.defaults();
		QuestionClusters clusters = new QuestionClusters(defaults.similarity(), defaults.mergeSimilarity());
		List<LoggedQuestion> questions = generated.stream().map(Generated::question).toList();

		clusters.rebuild(questions.subList(0, 1000), Set.of()); // warm-up: Kuromoji's dictionary, JIT
		long start = System.nanoTime();
		clusters.rebuild(questions, Set.of());
		Duration full = Duration.ofNanos(System.nanoTime() - start);

		List<Generated> more = generate(1_000, 7).stream()
			.map((g) -> new Generated(new LoggedQuestion(g.question().messageId() + QUESTIONS,
					g.question().replyId() + QUESTIONS, g.question().text(), g.question().createdAt()), g.topic()))
			.toList();
		start = System.nanoTime();
		clusters.add(more.stream().map(Generated::question).toList());
		Duration incremental = Duration.ofNanos(System.nanoTime() - start);

		List<Generated> all = new ArrayList<>(generated);
		all.addAll(more);
		Quality quality = quality(clusters, all);
		System.out.printf("%nUnanswered-question clustering, %,d synthetic questions (%,d distinct), %d cores%n",
				QUESTIONS, clusters.distinctQuestions(), Runtime.getRuntime().availableProcessors());
		System.out.printf("| %-34s | %12s |%n", "measure", "value");
		System.out.printf("| %-34s | %12s |%n", "-".repeat(34), "-".repeat(12));
		System.out.printf("| %-34s | %10.1f s |%n", "full recompute", full.toMillis() / 1000.0);
		System.out.printf("| %-34s | %9d ms |%n", "incremental refresh, +1,000", incremental.toMillis());
		System.out.printf("| %-34s | %12d |%n", "clusters (size >= 2)", quality.clusters());
		System.out.printf("| %-34s | %12d |%n", "singletons", quality.singletons());
		System.out.printf("| %-34s | %12.3f |%n", "purity (topic questions)", quality.purity());
		quality.purityByLanguage()
			.forEach((language, purity) -> System.out.printf("| %-34s | %12.3f |%n", "  purity, " + language, purity));
		System.out.printf("| %-34s | %12.3f |%n", "completeness (largest share)", quality.completeness());
		System.out.printf("| %-34s | %12.3f |%n", "noise kept out of topic clusters", quality.noiseApart());
		assertThat(full).isLessThan(Duration.ofMinutes(1));
	}

	/**
	 * @param clusters non-singleton clusters
	 * @param singletons clusters of one question
	 * @param purity share of topic questions that are in a cluster whose majority topic is theirs
	 * @param completeness mean over topics of the share of its questions in its largest cluster
	 * @param noiseApart share of noise questions not in a cluster with topic questions
	 */
	record Quality(int clusters, int singletons, double purity, double completeness, double noiseApart,
			Map<String, Double> purityByLanguage) {
	}

	static Quality quality(QuestionClusters clusters, List<Generated> generated) {
		Map<String, String> topicOf = new HashMap<>();
		for (Generated g : generated) {
			topicOf.put(QuestionClusters.fullKey(dev.kotae.kb.faq.Language.detect(g.question().text()),
					QuestionTerms.key(g.question().text())), (g.topic() != null) ? g.topic() : "");
		}
		int real = 0;
		int singletons = 0;
		long topicQuestions = 0;
		long pure = 0;
		long noise = 0;
		long noiseApart = 0;
		Map<String, long[]> byLanguage = new java.util.TreeMap<>();
		Map<String, Map<String, Long>> topicClusters = new HashMap<>();
		for (Map.Entry<String, List<Member>> cluster : clusters.snapshot().entrySet()) {
			Map<String, Long> counts = new HashMap<>();
			for (Member m : cluster.getValue()) {
				counts.merge(topicOf.get(QuestionClusters.fullKey(m.locale(), m.key())), (long) m.count(), Long::sum);
			}
			long size = counts.values().stream().mapToLong(Long::longValue).sum();
			if (size == 1) {
				singletons++;
			}
			else {
				real++;
			}
			String majority = counts.entrySet()
				.stream()
				.filter((e) -> !e.getKey().isEmpty())
				.max(Map.Entry.comparingByValue())
				.map(Map.Entry::getKey)
				.orElse("");
			for (Map.Entry<String, Long> count : counts.entrySet()) {
				if (count.getKey().isEmpty()) {
					noise += count.getValue();
					noiseApart += (counts.size() == 1) ? count.getValue() : 0;
				}
				else {
					topicQuestions += count.getValue();
					pure += count.getKey().equals(majority) ? count.getValue() : 0;
					long[] language = byLanguage.computeIfAbsent(count.getKey().substring(0, 2), (l) -> new long[2]);
					language[0] += count.getKey().equals(majority) ? count.getValue() : 0;
					language[1] += count.getValue();
					topicClusters.computeIfAbsent(count.getKey(), (t) -> new HashMap<>())
						.put(cluster.getKey(), count.getValue());
				}
			}
		}
		double completeness = topicClusters.values()
			.stream()
			.mapToDouble((byCluster) -> (double) byCluster.values().stream().mapToLong(Long::longValue).max().orElse(0)
					/ byCluster.values().stream().mapToLong(Long::longValue).sum())
			.average()
			.orElse(0);
		Map<String, Double> purityByLanguage = new java.util.TreeMap<>();
		byLanguage.forEach((language, counts) -> purityByLanguage.put(language, (double) counts[0] / counts[1]));
		return new Quality(real, singletons, (double) pure / topicQuestions, completeness,
				(noise == 0) ? 1 : (double) noiseApart / noise, purityByLanguage);
	}

	/** {@code n} questions from a fixed seed: 90 % from topics (Zipf-like popularity), 10 % noise. */
	static List<Generated> generate(int n, long seed) {
		Random random = new Random(seed);
		List<String[]> topics = new ArrayList<>();
		for (String action : EN_ACTIONS) {
			for (String object : EN_OBJECTS) {
				topics.add(new String[] { "en", action, object });
			}
		}
		for (String action : JA_ACTIONS) {
			for (String object : JA_OBJECTS) {
				topics.add(new String[] { "ja", action, object });
			}
		}
		java.util.Collections.shuffle(topics, random);
		double[] cumulative = new double[topics.size()];
		double total = 0;
		for (int i = 0; i < topics.size(); i++) {
			total += 1.0 / Math.pow(i + 1, 0.8);
			cumulative[i] = total;
		}
		Instant start = Instant.parse("2026-01-01T00:00:00Z");
		List<Generated> generated = new ArrayList<>(n);
		for (int i = 0; i < n; i++) {
			Instant at = start.plusSeconds(i * 60L);
			LoggedQuestion question;
			String topic = null;
			if (random.nextDouble() < 0.1) {
				StringBuilder text = new StringBuilder();
				for (int w = 0; w < 3 + random.nextInt(3); w++) {
					text.append(RANDOM_WORDS[random.nextInt(RANDOM_WORDS.length)]).append(' ');
				}
				question = new LoggedQuestion(i + 1, i + 1 + n, text.toString().strip() + "?", at);
			}
			else {
				double pick = random.nextDouble() * total;
				int t = 0;
				while (cumulative[t] < pick) {
					t++;
				}
				String[] chosen = topics.get(t);
				boolean ja = chosen[0].equals("ja");
				String[] templates = ja ? JA_TEMPLATES : EN_TEMPLATES;
				String text = String.format(templates[random.nextInt(templates.length)], chosen[1], chosen[2]);
				if (random.nextDouble() < 0.5) {
					String[] fillers = ja ? JA_FILLERS : EN_FILLERS;
					String filler = fillers[random.nextInt(fillers.length)];
					text = random.nextBoolean() ? filler + (ja ? "、" : ", ") + text : text + " " + filler;
				}
				if (random.nextDouble() < 0.3) {
					String[] fillers = ja ? JA_FILLERS : EN_FILLERS;
					text = text + " " + fillers[random.nextInt(fillers.length)];
				}
				question = new LoggedQuestion(i + 1, i + 1 + n, text, at);
				topic = String.join("/", chosen);
			}
			generated.add(new Generated(question, topic));
		}
		return generated;
	}

}
