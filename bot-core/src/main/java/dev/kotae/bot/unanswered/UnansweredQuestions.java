package dev.kotae.bot.unanswered;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import dev.kotae.bot.unanswered.Cluster.SuggestedFaq;
import dev.kotae.bot.unanswered.QuestionClusters.Member;
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

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The unanswered-question inbox of editors: clusters of similar questions the bot could not answer
 * well, and what editors do with them. The clustering ({@link QuestionClusters}) lives in memory; it
 * is computed in full on first use or by {@link #rebuild()}, and {@link #refresh()} adds the
 * questions logged since, up to a high-water mark (the last bot reply read). Handled questions are
 * recorded in {@code unanswered_handled} and never come back. Every method is serialised, so one
 * node's view is consistent; several nodes each keep their own and learn of each other's handled
 * questions on refresh.
 */
@Component
public class UnansweredQuestions {

	/** Answer placeholder of a draft FAQ made from a cluster (drafts are never offered to users). */
	public static final String DRAFT_ANSWER = "TODO";

	/** Ids of replies re-read on refresh, for replies committed out of id order. */
	private static final long OVERLAP_IDS = 1_000;

	/** Time re-read on refresh, for votes and handled records committed late. */
	private static final Duration OVERLAP_TIME = Duration.ofMinutes(1);

	private static final int CONFLICT_RETRIES = 3;

	private static final Logger log = LoggerFactory.getLogger(UnansweredQuestions.class);

	private final UnansweredLog questionLog;

	private final FaqService faqs;

	private final FaqSearch search;

	private final OutOfScopePhrases outOfScope;

	private final UnansweredProperties properties;

	private final TransactionTemplate tx;

	private final Clock clock;

	private QuestionClusters clusters;

	private long replyMark;

	private Instant feedbackMark;

	private Instant handledMark;

	UnansweredQuestions(JdbcClient jdbc, FaqService faqs, FaqSearch search, OutOfScopePhrases outOfScope,
			UnansweredProperties properties, PlatformTransactionManager transactions, ObjectProvider<Clock> clock) {
		this.questionLog = new UnansweredLog(jdbc, properties.lowConfidence());
		this.faqs = faqs;
		this.search = search;
		this.outOfScope = outOfScope;
		this.properties = properties;
		this.tx = new TransactionTemplate(transactions);
		this.clock = clock.getIfAvailable(Clock::systemUTC);
	}

	/**
	 * The clusters as of the last refresh, real clusters by size and then singletons, each with the
	 * FAQ the search suggests for it.
	 * @param locale only this language's clusters, or {@code null} for all
	 * @param limit at most this many
	 */
	public synchronized List<Cluster> clusters(Language locale, int limit) {
		if (this.clusters == null) {
			rebuild();
		}
		return this.clusters.clusters(locale, this.clock.instant())
			.stream()
			.limit(Math.max(0, limit))
			.map((c) -> c.withSuggestedFaq(suggestion(c)))
			.toList();
	}

	/** Adds the questions logged since the last refresh (a full recompute the first time). */
	public synchronized void refresh() {
		if (this.clusters == null) {
			rebuild();
			return;
		}
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

	/** Clusters every unanswered question of the last {@code kotae.unanswered.lookback} from scratch. */
	public synchronized void rebuild() {
		Instant started = this.clock.instant();
		long start = System.nanoTime();
		List<LoggedQuestion> questions = this.questionLog.questions(0, started.minus(this.properties.lookback()));
		QuestionClusters rebuilt = (this.clusters != null) ? this.clusters
				: new QuestionClusters(this.properties.similarity(), this.properties.mergeSimilarity());
		rebuilt.rebuild(questions, this.questionLog.handled(Instant.EPOCH));
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
	public synchronized Faq addToFaq(String clusterId, String faqId, String editor) {
		List<Member> members = members(clusterId);
		Language locale = members.get(0).locale();
		List<String> questions = phrases(members, FaqRules.MAX_QUESTION);
		Faq updated = null;
		for (int attempt = 1; updated == null; attempt++) {
			try {
				updated = inTransaction(() -> {
					Faq faq = this.faqs.get(faqId);
					if (faq.locale() != locale) {
						throw new InvalidInputException(List.of(new Violation("faqId", "the FAQ is in '"
								+ faq.locale().code() + "' but the questions are in '" + locale.code() + "'")));
					}
					Faq changed = this.faqs.update(faq.id(), withAlternatives(faq, questions), editor);
					this.questionLog.markHandled(members, "faq", faq.id(), editor, this.clock.instant());
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
		this.clusters.remove(clusterId);
		return updated;
	}

	/**
	 * Makes a draft FAQ of a cluster: its label as the question, its other distinct questions as
	 * alternatives, and {@link #DRAFT_ANSWER} as the answer for the editor to write. The cluster's
	 * questions are handled from then on.
	 * @throws UnansweredClusterNotFoundException when there is no such cluster
	 */
	public synchronized Faq createDraft(String clusterId, String editor) {
		List<Member> members = members(clusterId);
		List<String> questions = phrases(members, FaqRules.MAX_QUESTION);
		String question = questions.isEmpty() ? members.get(0).text().substring(0, FaqRules.MAX_QUESTION)
				: questions.get(0);
		List<String> alternatives = questions.isEmpty() ? List.of() : questions.subList(1, questions.size());
		FaqDraft draft = new FaqDraft(null, members.get(0).locale().code(), question, alternatives, DRAFT_ANSWER, null,
				List.of(), FaqStatus.DRAFT.code(), null);
		Faq created = inTransaction(() -> {
			Faq faq = this.faqs.create(draft, editor);
			this.questionLog.markHandled(members, "draft", faq.id(), editor, this.clock.instant());
			return faq;
		});
		this.clusters.remove(clusterId);
		return created;
	}

	/**
	 * Dismisses a cluster: its distinct questions (as many as for an FAQ) become out-of-scope phrases,
	 * which retrains the intent model, and all its questions are handled from then on.
	 * @throws UnansweredClusterNotFoundException when there is no such cluster
	 */
	public synchronized void dismiss(String clusterId, String editor) {
		List<Member> members = members(clusterId);
		Language locale = members.get(0).locale();
		List<NewPhrase> phrases = phrases(members, OutOfScopePhrases.MAX_TEXT).stream()
			.map((text) -> new NewPhrase(text, locale.code()))
			.toList();
		inTransaction(() -> {
			if (!phrases.isEmpty()) {
				this.outOfScope.add(phrases);
			}
			this.questionLog.markHandled(members, "dismissed", null, editor, this.clock.instant());
			return null;
		});
		this.clusters.remove(clusterId);
	}

	private List<Member> members(String clusterId) {
		if (this.clusters == null) {
			rebuild();
		}
		return this.clusters.members(clusterId).orElseThrow(() -> new UnansweredClusterNotFoundException(clusterId));
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
