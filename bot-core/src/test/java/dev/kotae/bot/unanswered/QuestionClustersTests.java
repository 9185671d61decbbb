package dev.kotae.bot.unanswered;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.kotae.bot.unanswered.QuestionClusters.Member;
import dev.kotae.kb.faq.Language;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Clustering quality on a small hand-written set, incremental refresh, stable ids and counting. */
class QuestionClustersTests {

	private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

	/** Paraphrases of five topics in two languages, by "topic/language". */
	static final Map<String, List<String>> TOPICS = topics();

	/** Unrelated questions: each should stay on its own. */
	static final List<String> NOISE = List.of("What is the weather in Tokyo today?", "Who won the football game last night",
			"Recommend a good science fiction novel", "How tall is Mount Fuji?", "Where is the nearest train station",
			"Tell me a joke", "What time does the supermarket close", "I like pizza with pineapple",
			"今日の東京の天気は？", "おすすめのラーメン屋を教えて", "富士山の高さはどれくらい", "一番近いコンビニはどこ",
			"面白い冗談を言って", "昨日のサッカーの試合の結果は");

	private static Map<String, List<String>> topics() {
		Map<String, List<String>> topics = new LinkedHashMap<>();
		topics.put("dog/en", List.of("Can I bring my dog to the office?", "Are dogs allowed in your office?",
				"Is it ok to bring a dog to the office", "Dog friendly office?", "Can my dog come to the office with me"));
		topics.put("dog/ja", List.of("オフィスに犬を連れて行ってもいいですか", "犬をオフィスに連れて行けますか？",
				"オフィスは犬同伴可能ですか", "犬連れでオフィスに行ってもいい？", "オフィスに犬を連れていきたい"));
		topics.put("gantt/en", List.of("How do I export the Gantt chart to Excel?", "Export gantt chart as an excel file",
				"Can I download the Gantt chart in Excel format?", "gantt chart excel export",
				"Is there a way to export my Gantt chart to Excel"));
		topics.put("gantt/ja", List.of("ガントチャートをExcelに出力したい", "ガントチャートをエクセルでエクスポートできますか",
				"ガントチャートのExcel出力方法", "ガントチャートをExcel形式でダウンロードしたい", "ガントチャートはExcelにエクスポートできる？"));
		topics.put("dark/en", List.of("Is there a dark mode?", "How do I turn on dark mode", "Does the app support dark mode?",
				"Enable dark mode", "Dark mode setting"));
		topics.put("dark/ja", List.of("ダークモードはありますか", "ダークモードに切り替えたい", "ダークモードの設定方法",
				"ダークモードに対応していますか？", "ダークモードを有効にするには"));
		topics.put("offline/en", List.of("Can I use the app offline?", "Does it work offline without internet?",
				"Offline mode available?", "How do I use TaskHarbor offline", "Is offline access supported"));
		topics.put("offline/ja", List.of("オフラインで使えますか", "オフラインでも利用できますか？", "インターネットなしでオフライン利用したい",
				"オフラインモードはありますか", "オフライン環境で使う方法"));
		topics.put("student/en", List.of("Do you offer a student discount?", "Is there a discount for students?",
				"Student discount available?", "How can students get a discount", "Student pricing discount"));
		topics.put("student/ja", List.of("学生割引はありますか", "学生向けの割引はありますか", "学生割引を使いたい",
				"学生は割引を受けられますか", "学生割引の申し込み方法"));
		return topics;
	}

	@Test
	void paraphrasesOfATopicShareOneClusterAndTopicsStayApart() {
		List<LoggedQuestion> questions = new ArrayList<>();
		Map<String, String> topicOf = new HashMap<>();
		TOPICS.forEach((topic, texts) -> texts.forEach((text) -> {
			questions.add(question(questions.size() + 1, text, NOW));
			topicOf.put(QuestionTerms.key(text), topic);
		}));
		NOISE.forEach((text) -> {
			questions.add(question(questions.size() + 1, text, NOW));
			topicOf.put(QuestionTerms.key(text), "noise:" + text);
		});
		QuestionClusters clusters = clusters();
		clusters.rebuild(questions, Set.of());

		Map<String, List<Member>> snapshot = clusters.snapshot();
		Map<String, Set<String>> clustersOfTopic = new HashMap<>();
		long majority = 0;
		for (Map.Entry<String, List<Member>> cluster : snapshot.entrySet()) {
			Map<String, Long> topics = cluster.getValue()
				.stream()
				.collect(Collectors.groupingBy((m) -> topicOf.get(m.key()), Collectors.counting()));
			majority += topics.values().stream().mapToLong(Long::longValue).max().orElse(0);
			topics.keySet()
				.forEach((t) -> clustersOfTopic.computeIfAbsent(t, (k) -> new HashSet<>()).add(cluster.getKey()));
			assertThat(topics.keySet().stream().filter((t) -> !t.startsWith("noise:")).count())
				.as("topics merged in %s", cluster.getValue())
				.isLessThanOrEqualTo(1);
		}
		double purity = (double) majority / questions.size();
		assertThat(purity).isGreaterThanOrEqualTo(0.9);
		TOPICS.keySet().forEach((topic) -> assertThat(clustersOfTopic.get(topic)).as(topic).hasSize(1));
	}

	@Test
	void duplicatesCollapseIntoOneQuestionThatCountsInTheSize() {
		QuestionClusters clusters = clusters();
		List<LoggedQuestion> questions = new ArrayList<>(questions(TOPICS.get("dark/en"), 1, NOW));
		questions.add(question(10, "is there a DARK mode", NOW));
		questions.add(question(11, "Is there a dark mode ??", NOW));
		questions.add(question(12, "Ｉｓ　there a dark mode？", NOW));
		questions.add(question(12, "Is there a dark mode?", NOW)); // the same message read twice
		clusters.rebuild(questions, Set.of());

		List<Cluster> listed = clusters.clusters(null, NOW);
		assertThat(listed).hasSize(1);
		Cluster dark = listed.get(0);
		assertThat(dark.size()).isEqualTo(8);
		assertThat(dark.distinctQuestions()).isEqualTo(5);
		assertThat(dark.label()).isEqualTo("Is there a dark mode?");
		assertThat(dark.samples()).hasSize(5).doesNotHaveDuplicates().startsWith(dark.label());
		assertThat(clusters.members(dark.id()).orElseThrow().get(0).count()).isEqualTo(4);
	}

	@Test
	void anIncrementalRefreshAddsNewQuestionsToTheirClustersOrStartsNewOnes() {
		QuestionClusters clusters = clusters();
		List<LoggedQuestion> first = new ArrayList<>();
		List<LoggedQuestion> later = new ArrayList<>();
		TOPICS.values().forEach((texts) -> {
			first.addAll(questions(texts.subList(0, 3), 1000 + first.size(), NOW.minus(Duration.ofDays(1))));
			later.addAll(questions(texts.subList(3, 5), 2000 + later.size(), NOW));
		});
		clusters.rebuild(first, Set.of());
		Map<String, String> idOfTopic = new HashMap<>();
		TOPICS.forEach((topic, texts) -> idOfTopic.put(topic, clusterOf(clusters, texts.get(0))));
		assertThat(new HashSet<>(idOfTopic.values())).hasSize(TOPICS.size());

		List<String> holidays = List.of("Are you open during the New Year holidays?", "Opening hours over the New Year holidays",
				"Is support open in the New Year holidays");
		later.addAll(questions(holidays, 3000, NOW));
		clusters.add(later);

		TOPICS.forEach((topic, texts) -> texts
			.forEach((text) -> assertThat(clusterOf(clusters, text)).as(text).isEqualTo(idOfTopic.get(topic))));
		String holiday = clusterOf(clusters, holidays.get(0));
		assertThat(holiday).isNotIn(idOfTopic.values());
		assertThat(holidays).allSatisfy((text) -> assertThat(clusterOf(clusters, text)).isEqualTo(holiday));
		assertThat(clusters.clusters(null, NOW)).hasSize(TOPICS.size() + 1)
			.allSatisfy((c) -> assertThat(c.size()).isEqualTo((c.id().equals(holiday)) ? 3 : 5));
	}

	@Test
	void idsStayTheSameAcrossFullRecomputesAndFromAnotherInstance() {
		List<LoggedQuestion> questions = new ArrayList<>();
		TOPICS.values().forEach((texts) -> questions.addAll(questions(texts, 1 + questions.size(), NOW)));
		questions.addAll(questions(NOISE, 1000, NOW));
		QuestionClusters clusters = clusters();
		clusters.rebuild(questions, Set.of());
		Set<String> ids = clusters.snapshot().keySet();

		clusters.rebuild(questions, Set.of());
		assertThat(clusters.snapshot().keySet()).isEqualTo(ids);
		QuestionClusters other = clusters();
		other.rebuild(questions, Set.of());
		assertThat(other.snapshot()).isEqualTo(clusters.snapshot());

		// clusters started by incremental additions keep their ids when recomputed in full
		QuestionClusters growing = clusters();
		growing.rebuild(questions.subList(0, 2), Set.of());
		growing.add(questions);
		Map<String, List<Member>> before = growing.snapshot();
		growing.rebuild(questions, Set.of());
		Map<String, List<Member>> after = growing.snapshot();
		after.forEach((id, members) -> {
			String beforeId = before.entrySet()
				.stream()
				.filter((e) -> e.getValue().containsAll(members))
				.map(Map.Entry::getKey)
				.findFirst()
				.orElse(null);
			assertThat(id).as("cluster of %s", members.get(0).text()).isEqualTo(beforeId);
		});
	}

	@Test
	void singletonsAreListedAfterRealClustersAndAClusterCanBeFilteredByLanguage() {
		QuestionClusters clusters = clusters();
		List<LoggedQuestion> questions = new ArrayList<>(questions(TOPICS.get("student/ja"), 1, NOW));
		questions.addAll(questions(TOPICS.get("dark/en").subList(0, 2), 100, NOW));
		questions.addAll(questions(NOISE, 200, NOW));
		clusters.rebuild(questions, Set.of());

		List<Cluster> all = clusters.clusters(null, NOW);
		assertThat(all).extracting(Cluster::size).startsWith(5, 2);
		assertThat(all.subList(2, all.size())).allSatisfy((c) -> assertThat(c.singleton()).isTrue());
		assertThat(clusters.clusters(Language.JA, NOW)).allSatisfy((c) -> assertThat(c.locale()).isEqualTo(Language.JA))
			.extracting(Cluster::size)
			.startsWith(5);
	}

	@Test
	void handledQuestionsLeaveAndDoNotComeBack() {
		QuestionClusters clusters = clusters();
		List<LoggedQuestion> questions = new ArrayList<>();
		TOPICS.values().forEach((texts) -> questions.addAll(questions(texts, 1 + questions.size(), NOW)));
		clusters.rebuild(questions, Set.of());
		String dog = clusterOf(clusters, TOPICS.get("dog/en").get(0));
		List<String> handledKeys = clusters.members(dog)
			.orElseThrow()
			.stream()
			.map((m) -> QuestionClusters.fullKey(m.locale(), m.key()))
			.toList();

		clusters.remove(dog);
		assertThat(clusters.members(dog)).isEmpty();
		clusters.add(questions(TOPICS.get("dog/en"), 5000, NOW)); // asked again, in the same words
		assertThat(clusters.clusters(Language.EN, NOW)).hasSize(4);

		QuestionClusters rebuilt = clusters();
		rebuilt.rebuild(questions, handledKeys);
		assertThat(rebuilt.clusters(null, NOW)).hasSize(TOPICS.size() - 1);

		// handled on another node: the cluster goes once all its questions are handled
		String dark = clusterOf(rebuilt, TOPICS.get("dark/ja").get(0));
		List<String> darkKeys = rebuilt.members(dark)
			.orElseThrow()
			.stream()
			.map((m) -> QuestionClusters.fullKey(m.locale(), m.key()))
			.toList();
		rebuilt.handled(darkKeys.subList(0, 2));
		assertThat(rebuilt.members(dark).orElseThrow()).hasSize(3);
		rebuilt.handled(darkKeys);
		assertThat(rebuilt.members(dark)).isEmpty();
	}

	@Test
	void theTrendComparesTheLastSevenDaysWithTheSevenBefore() {
		QuestionClusters clusters = clusters();
		List<String> texts = TOPICS.get("offline/ja");
		List<LoggedQuestion> questions = new ArrayList<>();
		questions.add(question(1, texts.get(0), NOW.minus(Duration.ofDays(30))));
		questions.add(question(2, texts.get(1), NOW.minus(Duration.ofDays(10))));
		questions.add(question(3, texts.get(2), NOW.minus(Duration.ofDays(8))));
		questions.add(question(4, texts.get(3), NOW.minus(Duration.ofDays(2))));
		questions.add(question(5, texts.get(4), NOW.minus(Duration.ofHours(1))));
		questions.add(question(6, texts.get(4), NOW.minus(Duration.ofMinutes(1))));
		clusters.rebuild(questions, Set.of());

		Cluster offline = clusters.clusters(null, NOW).get(0);
		assertThat(offline.trend()).isEqualTo(new Cluster.Trend(3, 2));
		assertThat(offline.trend().change()).isEqualTo(1);
		assertThat(offline.firstSeen()).isEqualTo(NOW.minus(Duration.ofDays(30)));
		assertThat(offline.lastSeen()).isEqualTo(NOW.minus(Duration.ofMinutes(1)));
	}

	@Test
	void theCosineAClusterNeedsGrowsFromTheSquareOfTheShareToTheShare() {
		assertThat(CentroidIndex.expectedCosine(1, 1, 0.5)).isCloseTo(0.25, Offset.offset(1e-9));
		assertThat(CentroidIndex.expectedCosine(1, 4, 0.5)).isBetween(0.25, 0.5);
		assertThat(CentroidIndex.expectedCosine(1, 1_000_000, 0.5)).isCloseTo(0.5, Offset.offset(1e-3));
	}

	private static String clusterOf(QuestionClusters clusters, String text) {
		String key = QuestionTerms.key(text);
		return clusters.snapshot()
			.entrySet()
			.stream()
			.filter((e) -> e.getValue().stream().anyMatch((m) -> m.key().equals(key)))
			.map(Map.Entry::getKey)
			.findFirst()
			.orElseThrow(() -> new AssertionError("not clustered: " + text));
	}

	private static List<LoggedQuestion> questions(List<String> texts, long firstId, Instant at) {
		List<LoggedQuestion> questions = new ArrayList<>();
		for (String text : texts) {
			questions.add(question(firstId + questions.size(), text, at));
		}
		return questions;
	}

	private static QuestionClusters clusters() {
		UnansweredProperties defaults = UnansweredProperties.defaults();
		return new QuestionClusters(defaults.similarity(), defaults.mergeSimilarity());
	}

	private static LoggedQuestion question(long id, String text, Instant at) {
		return new LoggedQuestion(id, id + 100_000, text, at);
	}

}
