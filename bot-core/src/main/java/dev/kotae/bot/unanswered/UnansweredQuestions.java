package dev.kotae.bot.unanswered;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import javax.sql.DataSource;

import dev.kotae.bot.cluster.Leases;
import dev.kotae.bot.unanswered.Cluster.SuggestedFaq;
import dev.kotae.bot.unanswered.QuestionClusters.Anchor;
import dev.kotae.bot.unanswered.QuestionClusters.Listed;
import dev.kotae.bot.unanswered.QuestionClusters.Member;
import dev.kotae.bot.unanswered.UnansweredSnapshot.State;
import dev.kotae.kb.faq.Faq;
import dev.kotae.kb.faq.FaqDraft;
import dev.kotae.kb.faq.FaqRules;
import dev.kotae.kb.faq.FaqService;
import dev.kotae.kb.faq.FaqStatus;
import dev.kotae.kb.faq.FaqVersionConflictException;
import dev.kotae.kb.faq.InvalidInputException;
import dev.kotae.kb.faq.InvalidInputException.Violation;
import dev.kotae.kb.faq.Language;
import dev.kotae.kb.outofscope.OutOfScopePhrases;
import dev.kotae.kb.outofscope.OutOfScopePhrases.NewPhrase;
import dev.kotae.kb.search.FaqSearch;
import dev.kotae.kb.search.SearchHit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The unanswered-question inbox of editors: clusters of similar questions the bot could not answer
 * well, and what editors do with them.
 * <p>
 * Of several nodes sharing one database, one at a time computes the clusters: the holder of the lease
 * {@value #LEASE}. It keeps the clustering ({@link QuestionClusters}) in memory, computed in full on
 * its first round or by {@link #rebuild()}; each later round ({@link #refresh()}, every
 * {@code kotae.unanswered.refresh-period} and on each list request that reaches it) adds the questions
 * logged since, up to a high-water mark (the last bot reply read), and writes what changed to the
 * snapshot in the database. Every node lists the clusters from the snapshot, so all show the same
 * clusters with the same ids, and acts on them there: an action records the cluster's questions in
 * {@code unanswered_handled} (they never come back) and removes the cluster from the snapshot in one
 * transaction. A new holder starts from the snapshot's anchors, so the ids stay.
 */
@Component
public class UnansweredQuestions implements DisposableBean {

	/** Answer placeholder of a draft FAQ made from a cluster (drafts are never offered to users). */
	public static final String DRAFT_ANSWER = "TODO";

	/** The lease under which one node of several computes the clusters. */
	public static final String LEASE = "unanswered-clustering";

	/** The shortest lease: a round may take seconds (a full recompute of 100,000 questions). */
	private static final Duration MIN_LEASE = Duration.ofSeconds(30);

	/** Ids of replies re-read on refresh, for replies committed out of id order. */
	private static final long OVERLAP_IDS = 1_000;

	/** Time re-read on refresh, for votes and handled records committed late. */
	private static final Duration OVERLAP_TIME = Duration.ofMinutes(1);

	private static final int CONFLICT_RETRIES = 3;

	private static final Logger log = LoggerFactory.getLogger(UnansweredQuestions.class);

	private final UnansweredLog questionLog;

	private final UnansweredSnapshot snapshot;

	private final FaqService faqs;

	private final FaqSearch search;

	private final OutOfScopePhrases outOfScope;

	private final UnansweredProperties properties;

	private final Leases leases;

	private final Duration leaseTime;

	private final TransactionTemplate tx;

	private final Clock clock;

	private final AtomicLong computations = new AtomicLong();

	// the lease holder's clustering, and what it last wrote; guarded by this

	private QuestionClusters clusters;

	private long replyMark;

	private Instant feedbackMark;

	private Instant handledMark;

	/** The generation of the snapshot this node last wrote. */
	private long generation = -1;

	/** What this node last wrote, by cluster id. */
	private Map<String, Listed> written = Map.of();

	UnansweredQuestions(DataSource dataSource, FaqService faqs, FaqSearch search, OutOfScopePhrases outOfScope,
			UnansweredProperties properties, Leases leases, PlatformTransactionManager transactions,
			ObjectProvider<Clock> clock) {
		this.questionLog = new UnansweredLog(JdbcClient.create(dataSource), properties.lowConfidence());
		this.snapshot = new UnansweredSnapshot(dataSource);
		this.faqs = faqs;
		this.search = search;
		this.outOfScope = outOfScope;
		this.properties = properties;
		this.leases = leases;
		Duration threePeriods = properties.refreshPeriod().multipliedBy(3);
		this.leaseTime = (threePeriods.compareTo(MIN_LEASE) > 0) ? threePeriods : MIN_LEASE;
		this.tx = new TransactionTemplate(transactions);
		this.clock = clock.getIfAvailable(Clock::systemUTC);
	}

	/**
	 * The clusters as the lease holder last wrote them, real clusters by size and then singletons, each
	 * with the FAQ this node's search suggests for it.
	 * @param locale only this language's clusters, or {@code null} for all
	 * @param limit at most this many
	 */
	public List<Cluster> clusters(Language locale, int limit) {
		if (limit < 1) {
			return List.of();
		}
		return this.snapshot.clusters(locale, limit)
			.stream()
			.map((c) -> c.withSuggestedFaq(suggestion(c)))
			.toList();
	}

	/**
	 * A round of the lease holder: if this node holds the lease {@value #LEASE} or can take it, takes
	 * in the questions logged since the last round (a full recompute the first time) and writes the
	 * clusters that changed for every node to list. Otherwise does nothing: the holder does it within
	 * {@code kotae.unanswered.refresh-period}.
	 * @return whether this node holds the lease and wrote the clusters
	 */
	public boolean refresh() {
		return lead(false);
	}

	/**
	 * Clusters every unanswered question of the last {@code kotae.unanswered.lookback} from scratch:
	 * here, when this node holds the lease or can take it; otherwise the request is recorded in the
	 * database and the holder honours it on its next round.
	 */
	public RebuildOutcome rebuild() {
		if (lead(true)) {
			return RebuildOutcome.REBUILT;
		}
		this.snapshot.requestRebuild();
		return RebuildOutcome.REQUESTED;
	}

	/** How many times this node has computed the clusters and written them (for tests and metrics). */
	public long computations() {
		return this.computations.get();
	}

	/** Gives the lease up, so that another node takes over at once. */
	@Override
	public void destroy() {
		try {
			this.leases.release(LEASE);
		}
		catch (RuntimeException ex) {
			log.warn("Could not give up the lease {}; another node takes it over when it expires", LEASE, ex);
		}
	}

	private boolean lead(boolean rebuild) {
		if (!this.leases.tryAcquire(LEASE, this.leaseTime)) {
			forget();
			return false;
		}
		return round(rebuild);
	}

	/** Another node computes: frees the memory; a later round here starts from the snapshot. */
	private synchronized void forget() {
		this.clusters = null;
		this.written = Map.of();
		this.generation = -1;
	}

	private synchronized boolean round(boolean rebuild) {
		long start = System.nanoTime();
		State read = this.snapshot.state();
		// the clusters believed to be in the snapshot (by id; null: their content is not known)
		Map<String, Listed> known;
		boolean fresh = this.clusters == null || read.generation() != this.generation;
		try {
			if (fresh) {
				// the first round here, or another node wrote since: start from its clusters' anchors
				List<Anchor> anchors = this.snapshot.anchors();
				known = new HashMap<>();
				anchors.forEach((a) -> known.put(a.id(), null));
				this.clusters = null;
				recompute(anchors);
			}
			else if (rebuild || read.rebuildRequested()) {
				known = this.written;
				recompute(this.clusters.anchors());
			}
			else {
				known = this.written;
				takeInNewQuestions();
			}
			boolean full = fresh || rebuild || read.rebuildRequested();
			Boolean wrote = this.tx.execute((status) -> write(read, known, fresh, full));
			if (Boolean.TRUE.equals(wrote)) {
				this.computations.incrementAndGet();
				log.debug("Wrote {} clusters of unanswered questions (generation {}) in {} ms", this.written.size(),
						this.generation, (System.nanoTime() - start) / 1_000_000);
				return true;
			}
			log.info("Another node wrote the unanswered-question clusters meanwhile; starting afresh next round");
			forget();
			return false;
		}
		catch (RuntimeException ex) {
			forget();
			throw ex;
		}
	}

	/**
	 * Writes the clusters over the snapshot {@code read}, unless another node wrote one since: all of
	 * them when {@code fresh}, else only those that changed since this node last wrote.
	 */
	private boolean write(State read, Map<String, Listed> known, boolean fresh, boolean full) {
		State locked = this.snapshot.lock();
		if (locked.generation() != read.generation()) {
			return false;
		}
		// clusters an editor acted on meanwhile (on any node) are handled, with questions that joined since
		Set<String> present = this.snapshot.ids();
		known.keySet().stream().filter((id) -> !present.contains(id)).forEach(this.clusters::remove);
		Instant now = this.clock.instant();
		Map<String, Listed> next = new LinkedHashMap<>();
		this.clusters.listed(now).forEach((l) -> next.put(l.cluster().id(), l));
		if (fresh) {
			this.snapshot.clear();
			this.snapshot.add(next.values());
		}
		else {
			Set<String> gone = new HashSet<>(known.keySet());
			gone.removeAll(next.keySet());
			List<Listed> changed = next.values()
				.stream()
				.filter((l) -> !l.equals(known.get(l.cluster().id())))
				.toList();
			gone.addAll(changed.stream().map((l) -> l.cluster().id()).toList());
			gone.retainAll(present);
			this.snapshot.remove(gone);
			this.snapshot.add(changed);
		}
		long rebuildsDone = full ? Math.max(locked.rebuildsDone(), read.rebuildRequests()) : locked.rebuildsDone();
		this.snapshot.written(locked.generation() + 1, this.leases.holder(), now, rebuildsDone);
		this.generation = locked.generation() + 1;
		this.written = next;
		return true;
	}

	/** Adds the questions logged since the last round. */
	private void takeInNewQuestions() {
		Instant started = this.clock.instant();
		List<LoggedQuestion> fresh = new ArrayList<>(
				this.questionLog.questions(Math.max(0, this.replyMark - OVERLAP_IDS), Instant.EPOCH));
		fresh.addAll(this.questionLog.votedNotHelpful(this.feedbackMark.minus(OVERLAP_TIME)));
		this.clusters.handled(this.questionLog.handled(this.handledMark.minus(OVERLAP_TIME)));
		this.clusters.add(fresh);
		this.replyMark = Math.max(this.replyMark, fresh.stream().mapToLong(LoggedQuestion::replyId).max().orElse(0));
		this.feedbackMark = started;
		this.handledMark = started;
	}

	/**
	 * Clusters every unanswered question of the last {@code kotae.unanswered.lookback} from scratch; a
	 * cluster holding one of the {@code earlier} anchors keeps its id.
	 */
	private void recompute(Collection<Anchor> earlier) {
		Instant started = this.clock.instant();
		long start = System.nanoTime();
		List<LoggedQuestion> questions = this.questionLog.questions(0, started.minus(this.properties.lookback()));
		QuestionClusters rebuilt = (this.clusters != null) ? this.clusters
				: new QuestionClusters(this.properties.similarity(), this.properties.mergeSimilarity());
		rebuilt.rebuild(questions, this.questionLog.handled(Instant.EPOCH), earlier);
		this.clusters = rebuilt;
		this.replyMark = questions.stream().mapToLong(LoggedQuestion::replyId).max().orElse(0);
		this.feedbackMark = started;
		this.handledMark = started;
		log.info("Clustered {} unanswered questions ({} distinct) in {} ms", questions.size(),
				rebuilt.distinctQuestions(), (System.nanoTime() - start) / 1_000_000);
	}

	/**
	 * Adds a cluster's distinct questions (at most {@code kotae.unanswered.max-questions-per-action},
	 * the most typical first) to an FAQ as alternative questions, which retrains the intent model.
	 * The cluster's questions are handled from then on.
	 * @return the changed FAQ
	 * @throws UnansweredClusterNotFoundException when there is no such cluster
	 * @throws dev.kotae.kb.faq.FaqNotFoundException when there is no such FAQ
	 * @throws InvalidInputException when the FAQ is in another language or has no room for more
	 */
	public Faq addToFaq(String clusterId, String faqId, String editor) {
		Faq updated = null;
		for (int attempt = 1; updated == null; attempt++) {
			try {
				updated = inTransaction(() -> {
					List<Member> members = members(clusterId);
					Language locale = members.get(0).locale();
					List<String> questions = phrases(members, FaqRules.MAX_QUESTION);
					Faq faq = this.faqs.get(faqId);
					if (faq.locale() != locale) {
						throw new InvalidInputException(List.of(new Violation("faqId", "the FAQ is in '"
								+ faq.locale().code() + "' but the questions are in '" + locale.code() + "'")));
					}
					Faq changed = this.faqs.update(faq.id(), withAlternatives(faq, questions), editor);
					this.questionLog.markHandled(members, "faq", faq.id(), editor, this.clock.instant());
					this.snapshot.remove(List.of(clusterId));
					return changed;
				});
			}
			catch (FaqVersionConflictException ex) {
				// someone saved the FAQ in between: append to their version
				if (attempt == CONFLICT_RETRIES) {
					throw ex;
				}
			}
		}
		return updated;
	}

	/**
	 * Makes a draft FAQ of a cluster: its label as the question, its other distinct questions as
	 * alternatives, and {@link #DRAFT_ANSWER} as the answer for the editor to write. The cluster's
	 * questions are handled from then on.
	 * @throws UnansweredClusterNotFoundException when there is no such cluster
	 */
	public Faq createDraft(String clusterId, String editor) {
		return inTransaction(() -> {
			List<Member> members = members(clusterId);
			List<String> questions = phrases(members, FaqRules.MAX_QUESTION);
			String question = questions.isEmpty() ? members.get(0).text().substring(0, FaqRules.MAX_QUESTION)
					: questions.get(0);
			List<String> alternatives = questions.isEmpty() ? List.of() : questions.subList(1, questions.size());
			FaqDraft draft = new FaqDraft(null, members.get(0).locale().code(), question, alternatives, DRAFT_ANSWER,
					null, List.of(), FaqStatus.DRAFT.code(), null);
			Faq faq = this.faqs.create(draft, editor);
			this.questionLog.markHandled(members, "draft", faq.id(), editor, this.clock.instant());
			this.snapshot.remove(List.of(clusterId));
			return faq;
		});
	}

	/**
	 * Dismisses a cluster: its distinct questions (as many as for an FAQ) become out-of-scope phrases,
	 * which retrains the intent model, and all its questions are handled from then on.
	 * @throws UnansweredClusterNotFoundException when there is no such cluster
	 */
	public void dismiss(String clusterId, String editor) {
		inTransaction(() -> {
			List<Member> members = members(clusterId);
			Language locale = members.get(0).locale();
			List<NewPhrase> phrases = phrases(members, OutOfScopePhrases.MAX_TEXT).stream()
				.map((text) -> new NewPhrase(text, locale.code()))
				.toList();
			if (!phrases.isEmpty()) {
				this.outOfScope.add(phrases);
			}
			this.questionLog.markHandled(members, "dismissed", null, editor, this.clock.instant());
			this.snapshot.remove(List.of(clusterId));
			return null;
		});
	}

	/**
	 * A cluster's questions from the snapshot, which stays locked until the transaction ends: the holder
	 * cannot write the cluster back, nor another editor act on it too.
	 */
	private List<Member> members(String clusterId) {
		this.snapshot.lock();
		return this.snapshot.members(clusterId).orElseThrow(() -> new UnansweredClusterNotFoundException(clusterId));
	}

	/** The distinct wordings of a cluster that fit {@code maxLength}, most typical first, capped. */
	private List<String> phrases(List<Member> members, int maxLength) {
		return members.stream()
			.map(Member::text)
			.filter((text) -> text.length() <= maxLength)
			.limit(this.properties.maxQuestionsPerAction())
			.toList();
	}

	/** The FAQ as it is, plus the questions it does not have yet, as far as there is room. */
	private static FaqDraft withAlternatives(Faq faq, List<String> questions) {
		Set<String> alternatives = new LinkedHashSet<>(faq.alternativeQuestions());
		int before = alternatives.size();
		for (String question : questions) {
			if (alternatives.size() >= FaqRules.MAX_ALTERNATIVES) {
				break;
			}
			if (!question.equals(faq.question())) {
				alternatives.add(question);
			}
		}
		boolean missing = questions.stream()
			.anyMatch((q) -> !q.equals(faq.question()) && !alternatives.contains(q));
		if (alternatives.size() == before && missing) {
			throw new InvalidInputException(List.of(new Violation("faqId", "the FAQ already has "
					+ FaqRules.MAX_ALTERNATIVES + " alternative questions, the most allowed; create a new FAQ")));
		}
		return new FaqDraft(faq.id(), faq.locale().code(), faq.question(), new ArrayList<>(alternatives), faq.answer(),
				faq.category(), faq.tags(), faq.status().code(), faq.version(), faq.audience().format());
	}

	private SuggestedFaq suggestion(Cluster cluster) {
		List<SearchHit> hits = this.search.search(cluster.label(), cluster.locale(), 1);
		return hits.isEmpty() ? null : new SuggestedFaq(hits.get(0).id(), hits.get(0).question(), hits.get(0).score());
	}

	private <T> T inTransaction(Supplier<T> work) {
		return this.tx.execute((status) -> work.get());
	}

}
