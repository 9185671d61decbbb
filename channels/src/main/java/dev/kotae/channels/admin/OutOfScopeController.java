package dev.kotae.channels.admin;

import java.security.Principal;
import java.util.List;

import dev.kotae.channels.audit.Audited;

import dev.kotae.kb.outofscope.OutOfScopePhrase;
import dev.kotae.kb.outofscope.OutOfScopePhrases;
import dev.kotae.kb.outofscope.OutOfScopePhrases.AddResult;
import dev.kotae.kb.outofscope.OutOfScopePhrases.NewPhrase;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/out-of-scope}: questions the bot must not answer with an FAQ. The intent model
 * learns them after the next (debounced) retraining. Additions and deletions are audited.
 */
@RestController
@RequestMapping("/api/v1/out-of-scope")
class OutOfScopeController {

	private final OutOfScopePhrases phrases;

	private final ApplicationEventPublisher events;

	OutOfScopeController(OutOfScopePhrases phrases, ApplicationEventPublisher events) {
		this.phrases = phrases;
		this.events = events;
	}

	@GetMapping
	List<PhraseView> list() {
		return this.phrases.all().stream().map(PhraseView::of).toList();
	}

	/** Adds phrases, all or none; ones that exist already are counted, not added twice. */
	@PostMapping
	ResponseEntity<AddResult> add(@RequestBody AddRequest request, Principal user) {
		AddResult result = this.phrases.add(request.phrases());
		if (result.added() > 0) {
			this.events.publishEvent(new Audited(user.getName(), "out-of-scope.add", "out-of-scope", null, null,
					new Added(request.phrases(), result)));
		}
		return ResponseEntity.status((result.added() > 0) ? HttpStatus.CREATED : HttpStatus.OK).body(result);
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@PathVariable long id, Principal user) {
		PhraseView before = this.phrases.all()
			.stream()
			.filter((p) -> p.id() == id)
			.findFirst()
			.map(PhraseView::of)
			.orElse(null);
		this.phrases.delete(id);
		this.events.publishEvent(new Audited(user.getName(), "out-of-scope.delete", "out-of-scope",
				String.valueOf(id), before, null));
		return ResponseEntity.noContent().build();
	}

	record AddRequest(List<NewPhrase> phrases) {
	}

	/** What the audit log keeps of an addition: the phrases sent and how many were new. */
	record Added(List<NewPhrase> phrases, AddResult result) {
	}

	record PhraseView(long id, String locale, String text, String createdAt) {

		static PhraseView of(OutOfScopePhrase phrase) {
			return new PhraseView(phrase.id(), phrase.locale().code(), phrase.text(), phrase.createdAt().toString());
		}

	}

}
