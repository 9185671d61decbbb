package dev.kotae.channels.admin;

import java.security.Principal;
import java.time.Instant;
import java.util.List;

import dev.kotae.channels.admin.FaqJson.FaqView;
import dev.kotae.channels.audit.Audited;
import dev.kotae.channels.web.BadRequestException;
import dev.kotae.channels.web.Problems;
import dev.kotae.kb.faq.Faq;
import dev.kotae.kb.faq.FaqDiff;
import dev.kotae.kb.faq.FaqService;
import dev.kotae.kb.faq.FaqStatus;
import dev.kotae.kb.faq.FaqVersion;
import dev.kotae.kb.faq.FaqVersionNotFoundException;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/faqs/{id}/…}: the editor workspace's FAQ history (versions, diff, revert) and the
 * draft → published → archived workflow. Every action is a versioned update of the FAQ, so it shows
 * in the history and reindexes and retrains like an edit, and is audited with the FAQ before and after.
 */
@RestController
@RequestMapping("/api/v1/faqs/{id}")
class FaqHistoryController {

	private final FaqService faqs;

	private final ApplicationEventPublisher events;

	FaqHistoryController(FaqService faqs, ApplicationEventPublisher events) {
		this.faqs = faqs;
		this.events = events;
	}

	@GetMapping("/versions")
	List<VersionView> versions(@PathVariable String id) {
		return this.faqs.versions(id).stream().map(VersionView::of).toList();
	}

	@GetMapping("/versions/{version}")
	VersionView version(@PathVariable String id, @PathVariable long version) {
		return VersionView.of(this.faqs.version(id, version));
	}

	/** From the version before {@code to} (default) to {@code to} (default: the latest). */
	@GetMapping("/diff")
	FaqDiff diff(@PathVariable String id, @RequestParam(required = false) Long from,
			@RequestParam(required = false) Long to) {
		long newer = (to != null) ? to : this.faqs.versions(id).getFirst().version();
		long older = (from != null) ? from : Math.max(1, newer - 1);
		return this.faqs.diff(id, older, newer);
	}

	@PostMapping("/revert")
	FaqView revert(@PathVariable String id, @RequestBody RevertRequest request, Principal user) {
		if (request.version() == null) {
			throw new BadRequestException("version", "name the version to revert to, e.g. {\"version\": 1}");
		}
		Faq before = this.faqs.get(id);
		return audited(user, "faq.revert", before,
				this.faqs.revert(id, request.version(), request.expectedVersion(), user.getName()));
	}

	@PostMapping("/publish")
	FaqView publish(@PathVariable String id, @RequestBody(required = false) StatusRequest request, Principal user) {
		return changeStatus(id, FaqStatus.PUBLISHED, "faq.publish", request, user);
	}

	@PostMapping("/archive")
	FaqView archive(@PathVariable String id, @RequestBody(required = false) StatusRequest request, Principal user) {
		return changeStatus(id, FaqStatus.ARCHIVED, "faq.archive", request, user);
	}

	@PostMapping("/unpublish")
	FaqView unpublish(@PathVariable String id, @RequestBody(required = false) StatusRequest request, Principal user) {
		return changeStatus(id, FaqStatus.DRAFT, "faq.unpublish", request, user);
	}

	private FaqView changeStatus(String id, FaqStatus status, String action, StatusRequest request, Principal user) {
		Long expected = (request != null) ? request.expectedVersion() : null;
		Faq before = this.faqs.get(id);
		return audited(user, action, before, this.faqs.changeStatus(id, status, expected, user.getName()));
	}

	/** Audits a change that saved a new version; a no-op (already in that status) is not logged. */
	private FaqView audited(Principal user, String action, Faq before, Faq after) {
		if (after.version() != before.version()) {
			this.events.publishEvent(new Audited(user.getName(), action, "faq", after.id(), FaqView.of(before),
					FaqView.of(after)));
		}
		return FaqView.of(after);
	}

	@ExceptionHandler(FaqVersionNotFoundException.class)
	ProblemDetail versionNotFound(FaqVersionNotFoundException ex) {
		return Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not found", ex.getMessage());
	}

	/** One saved version as the API shows it. */
	record VersionView(String id, long version, String locale, String question, List<String> alternativeQuestions,
			String answer, String category, List<String> tags, String status, String audience, String author,
			Instant savedAt) {

		static VersionView of(FaqVersion v) {
			return new VersionView(v.faqId(), v.version(), v.locale().code(), v.question(), v.alternativeQuestions(),
					v.answer(), v.category(), v.tags(), v.status().code(), v.audience().format(), v.author(),
					v.savedAt());
		}

	}

	/** The body of {@code revert}: the version to go back to, and optionally the version the editor saw. */
	record RevertRequest(Long version, Long expectedVersion) {
	}

	/** The optional body of {@code publish}, {@code archive} and {@code unpublish}. */
	record StatusRequest(Long expectedVersion) {
	}

}
