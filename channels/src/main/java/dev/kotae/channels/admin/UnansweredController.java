package dev.kotae.channels.admin;

import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.List;

import dev.kotae.bot.unanswered.Cluster;
import dev.kotae.bot.unanswered.RebuildOutcome;
import dev.kotae.bot.unanswered.UnansweredQuestions;
import dev.kotae.channels.admin.FaqJson.FaqView;
import dev.kotae.channels.audit.Audited;
import dev.kotae.channels.web.BadRequestException;
import dev.kotae.channels.web.Params;
import dev.kotae.kb.faq.Faq;
import dev.kotae.kb.faq.FaqService;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/unanswered}: clusters of questions the bot could not answer well, and what editors
 * do with them: add them to an FAQ as alternative questions, make a draft FAQ of them, or dismiss
 * them as out of scope. Every node lists and acts on the same clusters (computed by one node at a
 * time). Every action (and a rebuild) is audited. See docs/unanswered.md.
 */
@RestController
@RequestMapping("/api/v1/unanswered")
class UnansweredController {

	static final int MAX_LIMIT = 500;

	private final UnansweredQuestions questions;

	private final FaqService faqs;

	private final ApplicationEventPublisher events;

	UnansweredController(UnansweredQuestions questions, FaqService faqs, ApplicationEventPublisher events) {
		this.questions = questions;
		this.faqs = faqs;
		this.events = events;
	}

	/**
	 * The clusters as the clustering node last wrote them; on that node (or one that can take its
	 * lease), after taking in the questions logged since its last round.
	 */
	@GetMapping("/clusters")
	List<ClusterView> clusters(@RequestParam(required = false) String locale,
			@RequestParam(defaultValue = "50") int limit) {
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new BadRequestException("limit", "limit must be between 1 and " + MAX_LIMIT);
		}
		this.questions.refresh();
		return this.questions.clusters(Params.locale(locale), limit).stream().map(ClusterView::of).toList();
	}

	/**
	 * Clusters every unanswered question again from scratch: 204 when this node did it, 202 when
	 * another node computes the clusters and will do it on its next round.
	 */
	@PostMapping("/rebuild")
	ResponseEntity<RebuildRequested> rebuild(Principal user) {
		RebuildOutcome outcome = this.questions.rebuild();
		audit(user, "unanswered.rebuild", null, null, null);
		if (outcome == RebuildOutcome.REQUESTED) {
			return ResponseEntity.accepted().body(new RebuildRequested("requested"));
		}
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/clusters/{id}/add-to-faq")
	FaqView addToFaq(@PathVariable String id, @RequestBody AddToFaqRequest request, Principal user) {
		if (request.faqId() == null || request.faqId().isBlank()) {
			throw new BadRequestException("faqId", "faqId is required: the FAQ to add the questions to");
		}
		String faqId = request.faqId().strip();
		FaqView before = this.faqs.find(faqId).map(FaqView::of).orElse(null);
		FaqView after = FaqView.of(this.questions.addToFaq(id, faqId, user.getName()));
		audit(user, "unanswered.add-to-faq", id, before, after);
		return after;
	}

	@PostMapping("/clusters/{id}/create-draft")
	ResponseEntity<FaqView> createDraft(@PathVariable String id, Principal user) {
		Faq faq = this.questions.createDraft(id, user.getName());
		audit(user, "unanswered.create-draft", id, null, FaqView.of(faq));
		return ResponseEntity.created(URI.create("/api/v1/faqs/" + faq.id())).body(FaqView.of(faq));
	}

	@PostMapping("/clusters/{id}/dismiss")
	ResponseEntity<Void> dismiss(@PathVariable String id, Principal user) {
		this.questions.dismiss(id, user.getName());
		audit(user, "unanswered.dismiss", id, null, null);
		return ResponseEntity.noContent().build();
	}

	/** Audits an inbox action on a cluster ({@code before}/{@code after}: the FAQ it changed or made). */
	private void audit(Principal user, String action, String clusterId, Object before, Object after) {
		this.events.publishEvent(new Audited(user.getName(), action, "unanswered-cluster", clusterId, before, after));
	}

	record AddToFaqRequest(String faqId) {
	}

	/** The answer to a rebuild that another node will do: {@code {"status":"requested"}}. */
	record RebuildRequested(String status) {
	}

	/** A cluster as the API shows it; {@code suggestedFaq} is {@code null} when the search finds none. */
	record ClusterView(String id, String locale, int size, int distinctQuestions, boolean singleton, String label,
			List<String> samples, Instant firstSeen, Instant lastSeen, TrendView trend, SuggestionView suggestedFaq) {

		static ClusterView of(Cluster cluster) {
			Cluster.SuggestedFaq suggestion = cluster.suggestedFaq();
			return new ClusterView(cluster.id(), cluster.locale().code(), cluster.size(), cluster.distinctQuestions(),
					cluster.singleton(), cluster.label(), cluster.samples(), cluster.firstSeen(), cluster.lastSeen(),
					new TrendView(cluster.trend().lastSevenDays(), cluster.trend().sevenDaysBefore(),
							cluster.trend().change()),
					(suggestion == null) ? null
							: new SuggestionView(suggestion.faqId(), suggestion.question(), suggestion.score()));
		}

	}

	record TrendView(int lastSevenDays, int sevenDaysBefore, int change) {
	}

	record SuggestionView(String faqId, String question, double score) {
	}

}
