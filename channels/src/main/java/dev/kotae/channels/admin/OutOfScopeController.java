package dev.kotae.channels.admin;

import java.util.List;

import dev.kotae.kb.outofscope.OutOfScopePhrase;
import dev.kotae.kb.outofscope.OutOfScopePhrases;
import dev.kotae.kb.outofscope.OutOfScopePhrases.AddResult;
import dev.kotae.kb.outofscope.OutOfScopePhrases.NewPhrase;

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
 * learns them after the next (debounced) retraining.
 */
@RestController
@RequestMapping("/api/v1/out-of-scope")
class OutOfScopeController {

	private final OutOfScopePhrases phrases;

	OutOfScopeController(OutOfScopePhrases phrases) {
		this.phrases = phrases;
	}

	@GetMapping
	List<PhraseView> list() {
		return this.phrases.all().stream().map(PhraseView::of).toList();
	}

	/** Adds phrases, all or none; ones that exist already are counted, not added twice. */
	@PostMapping
	ResponseEntity<AddResult> add(@RequestBody AddRequest request) {
		AddResult result = this.phrases.add(request.phrases());
		return ResponseEntity.status((result.added() > 0) ? HttpStatus.CREATED : HttpStatus.OK).body(result);
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@PathVariable long id) {
		this.phrases.delete(id);
		return ResponseEntity.noContent().build();
	}

	record AddRequest(List<NewPhrase> phrases) {
	}

	record PhraseView(long id, String locale, String text, String createdAt) {

		static PhraseView of(OutOfScopePhrase phrase) {
			return new PhraseView(phrase.id(), phrase.locale().code(), phrase.text(), phrase.createdAt().toString());
		}

	}

}
