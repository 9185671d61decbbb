package dev.kotae.bot.nlu;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * What every {@link IntentClassifier} must do, whatever it is built on. A subclass says how to train
 * one from examples; the classifier is trained once per subclass on a small Japanese and English toy
 * set whose intents are easy to tell apart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class AbstractIntentClassifierContractTests {

	/** Toy training data: three English intents, two Japanese ones and out-of-scope examples. */
	protected static final Map<String, List<String>> TOY = Map.of(
			"account.password", List.of("I forgot my password", "how do I reset my password", "password reset please",
					"I can't remember my password", "change my password", "lost my password, help",
					"send me a password reset link", "my password does not work anymore"),
			"billing.invoice", List.of("where is my invoice", "download my invoice", "send me the invoice for last month",
					"I need a copy of my bill", "billing statement please", "invoice for my subscription",
					"can I get a receipt for my payment", "where do I find past invoices"),
			"system.greeting", List.of("hello", "hi there", "good morning", "hey", "hello bot", "hi",
					"good evening", "hey there, hello"),
			"ja.password", List.of("パスワードを忘れました", "パスワードをリセットしたい", "パスワードが分からない",
					"ログインできないのでパスワードを再設定したい", "パスワード変更の方法", "パスワードを再発行してください",
					"ﾊﾟｽﾜｰﾄﾞを忘れた", "ぱすわーどをわすれた"),
			"ja.cancel", List.of("解約したい", "契約を解約する方法", "サブスクリプションをキャンセルしたい", "退会の手続き",
					"プランを解約してください", "解約の手続きを教えて", "有料プランをやめたい", "アカウントを解約したいです"),
			IntentClassifier.OUT_OF_SCOPE, List.of("what's the weather tomorrow", "tell me a joke",
					"who won the game last night", "明日の天気は", "おすすめのレストランは", "play some music",
					"how tall is mount everest", "今日のニュースを教えて"));

	/** Queries that are not in the training data, with the intent they ask for. */
	protected static final Map<String, String> PARAPHRASES = Map.of(
			"I don't remember my password", "account.password",
			"please reset my password", "account.password",
			"where can I download the invoice", "billing.invoice",
			"hello there", "system.greeting",
			"パスワードを忘れてしまった", "ja.password",
			"解約の方法を教えてください", "ja.cancel");

	private IntentClassifier classifier;

	/** Trains the classifier under test. */
	protected abstract IntentClassifier train(List<TrainingExample> examples);

	/** Writes a classifier and reads it back; by default through {@link IntentModelStore}. */
	protected StoredIntentModel roundTrip(IntentClassifier trained, String kbVersion) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		trained.save(out, kbVersion);
		return IntentModelStore.read(new ByteArrayInputStream(out.toByteArray()));
	}

	protected static List<TrainingExample> toyExamples() {
		List<TrainingExample> examples = new ArrayList<>();
		TOY.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.forEach((e) -> e.getValue().forEach((text) -> examples.add(new TrainingExample(text, e.getKey()))));
		return examples;
	}

	@BeforeAll
	void trainOnce() {
		this.classifier = train(toyExamples());
	}

	protected IntentClassifier classifier() {
		return this.classifier;
	}

	@Test
	void knowsEveryTrainedLabel() {
		assertThat(this.classifier.intents()).containsExactlyInAnyOrderElementsOf(TOY.keySet());
	}

	@Test
	void learnsSeparableIntentsInEnglishAndJapanese() {
		PARAPHRASES.forEach((text, intent) -> {
			Prediction prediction = this.classifier.classify(text);
			assertThat(prediction.top()).as(text).hasValueSatisfying((top) -> assertThat(top.intent()).isEqualTo(intent));
		});
	}

	@Test
	void probabilitiesAreOrderedAndSumToAtMostOne() {
		for (String text : List.of("I forgot my password", "パスワードを忘れました", "tell me a joke", "zzz")) {
			Prediction prediction = this.classifier.classify(text);
			assertThat(prediction.ranked()).as(text).hasSize(TOY.size());
			double sum = 0;
			double previous = 1;
			for (ScoredIntent s : prediction.ranked()) {
				assertThat(s.probability()).isBetween(0.0, 1.0).isLessThanOrEqualTo(previous);
				previous = s.probability();
				sum += s.probability();
			}
			assertThat(sum).as(text).isLessThanOrEqualTo(1 + 1e-9);
			assertThat(prediction.ranked().stream().map(ScoredIntent::intent).distinct()).hasSize(TOY.size());
		}
	}

	@Test
	void inScopeQueriesAreConfident() {
		PARAPHRASES.keySet()
			.forEach((text) -> assertThat(this.classifier.classify(text).maxInScopeProbability()).as(text)
				.isGreaterThan(0.5));
	}

	@Test
	void gibberishGetsALowInScopeProbability() {
		for (String text : List.of("qxzv bnmw trpl kkjh", "ｚｚｑ　ｘｘｘ", "ぬぬぬ　ゑゑ")) {
			Prediction prediction = this.classifier.classify(text);
			assertThat(prediction.maxInScopeProbability()).as(text).isLessThan(0.5);
		}
	}

	@Test
	void blankOrPunctuationOnlyInputIsHandled() {
		for (String text : List.of("", "   ", "\n\t", "?!。、")) {
			Prediction prediction = this.classifier.classify(text);
			assertThat(prediction.maxInScopeProbability()).as("'%s'", text).isLessThan(0.5);
			assertThat(prediction.accepted(0.5)).as("'%s'", text).isEmpty();
			assertThat(prediction.ranked().stream().mapToDouble(ScoredIntent::probability).sum()).isLessThanOrEqualTo(1 + 1e-9);
		}
	}

	@Test
	void concurrentClassificationGivesTheSameAnswersAsSequential() throws Exception {
		List<String> texts = new ArrayList<>(PARAPHRASES.keySet());
		texts.addAll(List.of("tell me a joke", "qxzv bnmw", "invoice", "パスワード", ""));
		List<Prediction> expected = texts.stream().map(this.classifier::classify).toList();
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Callable<Boolean>> tasks = new ArrayList<>();
			for (int t = 0; t < 8; t++) {
				int offset = t;
				tasks.add(() -> {
					for (int i = 0; i < 50; i++) {
						int k = (i + offset) % texts.size();
						if (!this.classifier.classify(texts.get(k)).equals(expected.get(k))) {
							return false;
						}
					}
					return true;
				});
			}
			for (Future<Boolean> result : pool.invokeAll(tasks, 2, TimeUnit.MINUTES)) {
				assertThat(result.get()).isTrue();
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void saveThenLoadGivesIdenticalPredictionsAndTheKbVersion() throws IOException {
		StoredIntentModel stored = roundTrip(this.classifier, "kb-2026-11-24T06:00:00Z#42");
		assertThat(stored.kbVersion()).isEqualTo("kb-2026-11-24T06:00:00Z#42");
		assertThat(stored.isCurrent("kb-2026-11-24T06:00:00Z#42")).isTrue();
		assertThat(stored.isCurrent("kb-next")).isFalse();
		assertThat(stored.classifier().intents()).isEqualTo(this.classifier.intents());
		for (String text : List.of("I forgot my password", "解約したい", "tell me a joke", "qxzv", "")) {
			assertThat(stored.classifier().classify(text)).as(text).isEqualTo(this.classifier.classify(text));
		}
	}

	@Test
	void saveToADirectoryAndLoadItBack(@TempDir Path directory) throws IOException {
		assertThat(IntentModelStore.kbVersion(directory)).isEmpty();
		IntentModelStore.save(this.classifier, "v1", directory);
		IntentModelStore.save(this.classifier, "v2", directory);
		assertThat(IntentModelStore.kbVersion(directory)).contains("v2");
		StoredIntentModel stored = IntentModelStore.load(directory);
		assertThat(stored.kbVersion()).isEqualTo("v2");
		Prediction expected = this.classifier.classify("where is my invoice");
		Prediction actual = stored.classifier().classify("where is my invoice");
		assertThat(actual.top()).isEqualTo(expected.top());
		assertThat(actual.maxInScopeProbability()).isCloseTo(expected.maxInScopeProbability(), within(1e-12));
	}

}
