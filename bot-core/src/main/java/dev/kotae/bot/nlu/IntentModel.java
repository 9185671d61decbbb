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
import java.util.concurrent.atomic.AtomicLong;

import dev.kotae.bot.cluster.Leases;
import dev.kotae.bot.nlu.SharedIntentModels.Shared;
import dev.kotae.kb.faq.Faq;
import dev.kotae.kb.faq.KnowledgeBaseChanged;
import dev.kotae.kb.faq.Language;
import dev.kotae.kb.faq.PublishedFaqs;
import dev.kotae.kb.outofscope.OutOfScopePhrase;
import dev.kotae.kb.outofscope.OutOfScopePhrases;
import dev.kotae.kb.outofscope.OutOfScopePhrasesChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
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
 * <p>
 * Several nodes on one database train once: the model is stored in the database
 * ({@link SharedIntentModels}), one node at a time trains under the lease {@value #TRAINING_LEASE},
 * and a node that finds the model for the current version there loads it instead of training. A node
 * that cannot get the lease looks again after {@link #LEASE_RETRY}.
 */
@Component
public class IntentModel implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(IntentModel.class);

	/** Bumped when training inputs change meaning, so that saved models are not reused. */
	private static final String TRAINING_FORMAT = "kotae-intents-2";

	/** Average phrasings per FAQ from which a knowledge base is trained like CLINC150. */
	static final int LARGE_KB_PHRASINGS = 20;

	/** Loss weight of the out-of-scope examples in a small knowledge base's model. */
	static final double SMALL_KB_OUT_OF_SCOPE_WEIGHT = 1.0;

	/** The lease under which one node of several trains. */
	static final String TRAINING_LEASE = "nlu-training";

	/** How long a training may hold the lease (renewed by nobody: a training never takes this long). */
	static final Duration TRAINING_LEASE_TTL = Duration.ofMinutes(30);

	/** How soon a node that found the lease taken looks for the other node's model again. */
	static final Duration LEASE_RETRY = Duration.ofSeconds(2);

	private final PublishedFaqs faqs;

	private final SharedIntentModels shared;

	private final Leases leases;

	private final ApplicationEventPublisher events;

	private final OutOfScopePhrases outOfScope;

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

	/** Trainings this node ran to the end (the others' models it loaded are not counted). */
	private final AtomicLong trainings = new AtomicLong();

	/** Counts calls of {@link #schedule}, so that a finishing training knows whether another is due. */
	private long scheduled;

	IntentModel(PublishedFaqs faqs, OutOfScopePhrases outOfScope, NluProperties properties,
			SharedIntentModels shared, Leases leases, ApplicationEventPublisher events, ObjectProvider<Clock> clock) {
		this.events = events;
		this.faqs = faqs;
		this.shared = shared;
		this.leases = leases;
		this.outOfScope = outOfScope;
		this.properties = properties;
		this.clock = clock.getIfAvailable(Clock::systemUTC);
	}

	/** The classifier to use, empty until the first model is trained or loaded (or when disabled). */
	public Optional<IntentClassifier> classifier() {
		StoredIntentModel model = this.current;
		return (model == null) ? Optional.empty() : Optional.of(model.classifier());
	}

	/** How many models this node trained itself since it started (for metrics and tests). */
	public long trainings() {
		return this.trainings.get();
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
		String version = kbVersion(this.faqs.all(), this.outOfScope.all());
		this.status = new Status(null, null, null, State.IDLE, version, null);
		if (loadShared(version)) {
			return;
		}
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

	@TransactionalEventListener(fallbackExecution = true)
	void on(OutOfScopePhrasesChanged event) {
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
		List<OutOfScopePhrase> phrases = this.outOfScope.all();
		String version = kbVersion(published, phrases);
		Status before = this.status;
		if (this.current != null && version.equals(before.kbVersion())) {
			finish(generation, new Status(before.kbVersion(), before.trainedAt(), before.trainingDuration(), State.IDLE, version,
					null));
			return;
		}
		if (loadShared(version)) {
			finish(generation, this.status);
			return;
		}
		boolean leased;
		try {
			leased = this.leases.tryAcquire(TRAINING_LEASE, TRAINING_LEASE_TTL);
		}
		catch (RuntimeException ex) {
			log.warn("Cannot take the training lease ({}); trying again", ex.getMessage());
			leased = false;
		}
		if (!leased) {
			// another node is training (its model will be in the database), or the database is away
			schedule(LEASE_RETRY);
			return;
		}
		try {
			if (loadShared(version)) { // stored while this node waited for the lease
				finish(generation, this.status);
				return;
			}
			train(generation, before, published, phrases, version);
		}
		finally {
			this.leases.release(TRAINING_LEASE);
		}
	}

	private void train(long generation, Status before, Collection<Faq> published, List<OutOfScopePhrase> phrases,
			String version) {
		this.status = new Status(before.kbVersion(), before.trainedAt(), before.trainingDuration(), State.TRAINING,
				version, null);
		long start = System.nanoTime();
		try {
			List<TrainingExample> examples = trainingExamples(published, phrases);
			TrainingOptions options = trainingOptions(this.properties.sentenceEmbeddings(), published);
			IntentClassifier classifier = new IntentClassifierTrainer(options).train(examples);
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			Instant trainedAt = this.clock.instant();
			this.shared.save(classifier, version, trainedAt, took);
			this.current = new StoredIntentModel(classifier, version);
			this.trainings.incrementAndGet();
			this.events.publishEvent(new ModelTrained(version, examples.size(), took));
			finish(generation, new Status(version, trainedAt, took, State.IDLE, version, null));
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

	/** Uses the model stored in the database for {@code version}, if there is one. */
	private boolean loadShared(String version) {
		Optional<Shared> found;
		try {
			found = this.shared.find(version);
		}
		catch (RuntimeException ex) {
			log.warn("The stored intent model cannot be read ({}); training a new one", ex.getMessage());
			return false;
		}
		found.ifPresent((model) -> {
			this.current = model.model();
			this.status = new Status(version, model.trainedAt(), model.trainingDuration(), State.IDLE, version, null);
			log.info("Loaded the intent model for knowledge base version {} from the database", version);
		});
		return found.isPresent();
	}

	/** Ends a training; stays {@link State#SCHEDULED} when another change came in meanwhile. */
	private synchronized void finish(long generation, Status done) {
		this.status = (this.scheduled != generation) ? done.with(State.SCHEDULED) : done;
	}

	/** The training examples of a knowledge base: every phrasing of every FAQ, and the system intents. */
	public static List<TrainingExample> trainingExamples(Collection<Faq> published) {
		return trainingExamples(published, List.of());
	}

	/**
	 * The training examples of a knowledge base: every phrasing of every FAQ, the system intents, and
	 * the knowledge base's own out-of-scope phrases (in the languages it has FAQs in, or all).
	 */
	public static List<TrainingExample> trainingExamples(Collection<Faq> published, List<OutOfScopePhrase> outOfScope) {
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
		for (OutOfScopePhrase phrase : outOfScope) {
			if (languages.contains(phrase.locale())) {
				examples.add(new TrainingExample(phrase.text(), IntentClassifier.OUT_OF_SCOPE));
			}
		}
		return examples;
	}

	/**
	 * The training settings for a knowledge base. A large one (at least
	 * {@value #LARGE_KB_PHRASINGS} phrasings per FAQ on average, like CLINC150 or BANKING77) gets
	 * {@link TrainingOptions#defaults()}, chosen on those sets. A small one gets one network and the
	 * out-of-scope examples weighted like any other class ({@value #SMALL_KB_OUT_OF_SCOPE_WEIGHT}):
	 * it has a handful of phrasings per FAQ against a large built-in out-of-scope set (chosen on the
	 * demo dev set with {@code eval answers}).
	 */
	public static TrainingOptions trainingOptions(boolean sentenceEmbeddings, Collection<Faq> published) {
		TrainingOptions d = TrainingOptions.defaults().withSentenceEmbeddings(sentenceEmbeddings);
		long phrasings = published.stream().mapToLong((faq) -> 1 + faq.alternativeQuestions().size()).sum();
		if (!published.isEmpty() && phrasings >= (long) LARGE_KB_PHRASINGS * published.size()) {
			return d;
		}
		return new TrainingOptions(d.featureBits(), sentenceEmbeddings, 1, d.hiddenUnits(), d.dropout(),
				d.learningRate(), d.epochs(), d.minUpdates(), d.batchSize(), SMALL_KB_OUT_OF_SCOPE_WEIGHT,
				d.calibrationShare(), d.seed());
	}

	/**
	 * A digest of what training depends on: the options, every published FAQ's id and version, and
	 * the out-of-scope phrases.
	 */
	private String kbVersion(Collection<Faq> published, List<OutOfScopePhrase> phrases) {
		return kbVersion(published, phrases, trainingOptions(this.properties.sentenceEmbeddings(), published));
	}

	static String kbVersion(Collection<Faq> published, List<OutOfScopePhrase> phrases, TrainingOptions options) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			digest.update((TRAINING_FORMAT + options).getBytes(StandardCharsets.UTF_8));
			published.stream().sorted(Comparator.comparing(Faq::id)).forEach((faq) -> {
				digest.update((faq.id() + ":" + faq.version() + "\n").getBytes(StandardCharsets.UTF_8));
			});
			digest.update(("out-of-scope:" + OutOfScopePhrases.digest(phrases)).getBytes(StandardCharsets.UTF_8));
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
