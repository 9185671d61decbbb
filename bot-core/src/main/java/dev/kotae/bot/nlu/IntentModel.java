package dev.kotae.bot.nlu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.kotae.kb.faq.Faq;
import dev.kotae.kb.faq.KnowledgeBaseChanged;
import dev.kotae.kb.faq.Language;
import dev.kotae.kb.faq.PublishedFaqs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The intent classifier the bot uses now. It is trained from the published FAQs (question and
 * alternative questions; label = FAQ id) plus the {@link SystemIntents}, in the background on one
 * thread: a knowledge-base change schedules a retraining after {@link NluProperties#retrainDelay()}
 * (debounced), chat keeps using the previous model meanwhile, and the new one is swapped in
 * atomically. The model is saved with the knowledge-base version it was trained on and loaded at
 * start-up if that version is still current.
 */
@Component
public class IntentModel implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(IntentModel.class);

	/** Bumped when training inputs change meaning, so that saved models are not reused. */
	private static final String TRAINING_FORMAT = "kotae-intents-1";

	/** Loss weight of the built-in out-of-scope examples in a knowledge base's model. */
	static final double OUT_OF_SCOPE_WEIGHT = 1.0;

	private final PublishedFaqs faqs;

	private final NluProperties properties;

	private final Clock clock;

	private final ScheduledExecutorService trainer = Executors.newSingleThreadScheduledExecutor((r) -> {
		Thread thread = new Thread(r, "kotae-nlu-training");
		thread.setDaemon(true);
		return thread;
	});

	private volatile StoredIntentModel current;

	private volatile Status status = new Status(null, null, null, State.IDLE, null, null);

	private ScheduledFuture<?> pending;

	/** Counts calls of {@link #schedule}, so that a finishing training knows whether another is due. */
	private long scheduled;

	IntentModel(PublishedFaqs faqs, NluProperties properties, ObjectProvider<Clock> clock) {
		this.faqs = faqs;
		this.properties = properties;
		this.clock = clock.getIfAvailable(Clock::systemUTC);
	}

	/** The classifier to use, empty until the first model is trained or loaded (or when disabled). */
	public Optional<IntentClassifier> classifier() {
		StoredIntentModel model = this.current;
		return (model == null) ? Optional.empty() : Optional.of(model.classifier());
	}

	/** What the model is and what training is doing, for the admin UI and tests. */
	public Status status() {
		return this.status;
	}

	/**
	 * @param kbVersion version of the knowledge base the current model was trained on
	 * @param trainedAt when the current model was trained or loaded
	 * @param trainingDuration how long its training took ({@code null} when loaded)
	 * @param state whether a training is scheduled or running
	 * @param currentKbVersion version of the knowledge base when last looked at
	 * @param lastError message of the last failed training, if the last one failed
	 */
	public record Status(String kbVersion, Instant trainedAt, Duration trainingDuration, State state,
			String currentKbVersion, String lastError) {

		/** Whether the model in use was trained on the knowledge base as it is and nothing is pending. */
		public boolean upToDate() {
			return this.state == State.IDLE && this.kbVersion != null && this.kbVersion.equals(this.currentKbVersion);
		}

		Status with(State newState) {
			return new Status(this.kbVersion, this.trainedAt, this.trainingDuration, newState, this.currentKbVersion,
					this.lastError);
		}

	}

	/** What training is doing. */
	public enum State {

		IDLE, SCHEDULED, TRAINING

	}

	/** Loads the saved model or starts training, once the application (and the demo KB) is ready. */
	@EventListener(ApplicationReadyEvent.class)
	public void start() {
		if (!this.properties.enabled()) {
			return;
		}
		String version = kbVersion(this.faqs.all());
		this.status = new Status(null, null, null, State.IDLE, version, null);
		try {
			if (IntentModelStore.kbVersion(this.properties.modelDir()).filter(version::equals).isPresent()) {
				this.current = IntentModelStore.load(this.properties.modelDir());
				this.status = new Status(version, this.clock.instant(), null, State.IDLE, version, null);
				log.info("Loaded the intent model for knowledge base version {}", version);
				return;
			}
		}
		catch (IOException | RuntimeException ex) {
			log.warn("The saved intent model cannot be loaded ({}); training a new one", ex.getMessage());
		}
		schedule(Duration.ZERO);
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(KnowledgeBaseChanged event) {
		if (this.properties.enabled()) {
			schedule(this.properties.retrainDelay());
		}
	}

	/** Schedules a retraining after {@code delay}, replacing one that has not started yet. */
	public synchronized void schedule(Duration delay) {
		if (this.pending != null) {
			this.pending.cancel(false);
		}
		this.scheduled++;
		if (this.status.state() == State.IDLE) {
			this.status = this.status.with(State.SCHEDULED);
		}
		this.pending = this.trainer.schedule(this::retrain, delay.toMillis(), TimeUnit.MILLISECONDS);
	}

	private void retrain() {
		long generation;
		synchronized (this) {
			generation = this.scheduled;
		}
		Collection<Faq> published = this.faqs.all();
		String version = kbVersion(published);
		Status before = this.status;
		if (this.current != null && version.equals(before.kbVersion())) {
			finish(generation, new Status(before.kbVersion(), before.trainedAt(), before.trainingDuration(), State.IDLE, version,
					null));
			return;
		}
		this.status = new Status(before.kbVersion(), before.trainedAt(), before.trainingDuration(), State.TRAINING,
				version, null);
		long start = System.nanoTime();
		try {
			List<TrainingExample> examples = trainingExamples(published);
			IntentClassifier classifier = new IntentClassifierTrainer(options()).train(examples);
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			this.current = new StoredIntentModel(classifier, version);
			finish(generation, new Status(version, this.clock.instant(), took, State.IDLE, version, null));
			log.info("Trained the intent model on {} examples ({} FAQs) in {} ms", examples.size(), published.size(),
					took.toMillis());
			IntentModelStore.save(classifier, version, this.properties.modelDir());
		}
		catch (IOException | RuntimeException ex) {
			log.error("Training the intent model failed; the previous model stays in use", ex);
			Status now = this.status;
			finish(generation, new Status(now.kbVersion(), now.trainedAt(), now.trainingDuration(), State.IDLE, version,
					ex.getClass().getSimpleName() + ": " + ex.getMessage()));
		}
	}

	/** Ends a training; stays {@link State#SCHEDULED} when another change came in meanwhile. */
	private synchronized void finish(long generation, Status done) {
		this.status = (this.scheduled != generation) ? done.with(State.SCHEDULED) : done;
	}

	/** The training examples of a knowledge base: every phrasing of every FAQ, and the system intents. */
	public static List<TrainingExample> trainingExamples(Collection<Faq> published) {
		List<TrainingExample> examples = new ArrayList<>();
		Set<Language> languages = EnumSet.noneOf(Language.class);
		for (Faq faq : published) {
			languages.add(faq.locale());
			examples.add(new TrainingExample(faq.question(), faq.id()));
			faq.alternativeQuestions().forEach((q) -> examples.add(new TrainingExample(q, faq.id())));
		}
		if (languages.isEmpty()) {
			languages = EnumSet.allOf(Language.class);
		}
		examples.addAll(SystemIntents.examples(languages));
		return examples;
	}

	private TrainingOptions options() {
		return trainingOptions(this.properties.sentenceEmbeddings());
	}

	/**
	 * The training settings for a knowledge base: {@link TrainingOptions#defaults()} (chosen on
	 * CLINC150/BANKING77) with one network and the built-in out-of-scope examples weighted like any
	 * other class, because a knowledge base has few phrasings per FAQ and the built-in out-of-scope
	 * set is large (chosen on the demo dev set with {@code eval answers}).
	 */
	public static TrainingOptions trainingOptions(boolean sentenceEmbeddings) {
		TrainingOptions d = TrainingOptions.defaults();
		return new TrainingOptions(d.featureBits(), sentenceEmbeddings, 1, d.hiddenUnits(), d.dropout(),
				d.learningRate(), d.epochs(), d.minUpdates(), d.batchSize(), OUT_OF_SCOPE_WEIGHT, d.calibrationShare(),
				d.seed());
	}

	/** A digest of what training depends on: the options and every published FAQ's id and version. */
	private String kbVersion(Collection<Faq> published) {
		return kbVersion(published, options());
	}

	static String kbVersion(Collection<Faq> published, TrainingOptions options) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			digest.update((TRAINING_FORMAT + options).getBytes(StandardCharsets.UTF_8));
			published.stream().sorted(Comparator.comparing(Faq::id)).forEach((faq) -> {
				digest.update((faq.id() + ":" + faq.version() + "\n").getBytes(StandardCharsets.UTF_8));
			});
			return HexFormat.of().formatHex(digest.digest(), 0, 12);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void destroy() {
		this.trainer.shutdownNow();
	}

}
