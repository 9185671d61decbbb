package dev.kotae.channels.admin;

import java.net.URI;
import java.util.List;

import dev.kotae.kb.synonym.SynonymService;
import dev.kotae.kb.synonym.SynonymSet;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/synonyms}: synonym sets that search applies at query time. */
@RestController
@RequestMapping("/api/v1/synonyms")
class SynonymController {

	private final SynonymService synonyms;

	SynonymController(SynonymService synonyms) {
		this.synonyms = synonyms;
	}

	@GetMapping
	List<SynonymView> list() {
		return this.synonyms.all().stream().map(SynonymView::of).toList();
	}

	@PostMapping
	ResponseEntity<SynonymView> create(@RequestBody SynonymRequest request) {
		SynonymSet set = this.synonyms.create(request.locale(), request.terms());
		return ResponseEntity.created(URI.create("/api/v1/synonyms/" + set.id())).body(SynonymView.of(set));
	}

	@PutMapping("/{id}")
	SynonymView update(@PathVariable long id, @RequestBody SynonymRequest request) {
		return SynonymView.of(this.synonyms.update(id, request.locale(), request.terms()));
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@PathVariable long id) {
		this.synonyms.delete(id);
		return ResponseEntity.noContent().build();
	}

	record SynonymRequest(String locale, List<String> terms) {
	}

	record SynonymView(long id, String locale, List<String> terms) {

		static SynonymView of(SynonymSet set) {
			return new SynonymView(set.id(), set.locale().code(), set.terms());
		}

	}

}
