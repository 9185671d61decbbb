package dev.kotae.channels.admin;

import java.net.URI;
import java.security.Principal;
import java.util.List;

import dev.kotae.channels.audit.Audited;
import dev.kotae.kb.synonym.SynonymService;
import dev.kotae.kb.synonym.SynonymSet;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/synonyms}: synonym sets that search applies at query time; every change is audited. */
@RestController
@RequestMapping("/api/v1/synonyms")
class SynonymController {

	private final SynonymService synonyms;

	private final ApplicationEventPublisher events;

	SynonymController(SynonymService synonyms, ApplicationEventPublisher events) {
		this.synonyms = synonyms;
		this.events = events;
	}

	@GetMapping
	List<SynonymView> list() {
		return this.synonyms.all().stream().map(SynonymView::of).toList();
	}

	@PostMapping
	ResponseEntity<SynonymView> create(@RequestBody SynonymRequest request, Principal user) {
		SynonymSet set = this.synonyms.create(request.locale(), request.terms());
		audit(user, "synonym.create", set.id(), null, SynonymView.of(set));
		return ResponseEntity.created(URI.create("/api/v1/synonyms/" + set.id())).body(SynonymView.of(set));
	}

	@PutMapping("/{id}")
	SynonymView update(@PathVariable long id, @RequestBody SynonymRequest request, Principal user) {
		SynonymView before = find(id);
		SynonymView after = SynonymView.of(this.synonyms.update(id, request.locale(), request.terms()));
		audit(user, "synonym.update", id, before, after);
		return after;
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@PathVariable long id, Principal user) {
		SynonymView before = find(id);
		this.synonyms.delete(id);
		audit(user, "synonym.delete", id, before, null);
		return ResponseEntity.noContent().build();
	}

	private SynonymView find(long id) {
		return this.synonyms.all().stream().filter((s) -> s.id() == id).findFirst().map(SynonymView::of).orElse(null);
	}

	private void audit(Principal user, String action, long id, SynonymView before, SynonymView after) {
		this.events.publishEvent(new Audited(user.getName(), action, "synonym", String.valueOf(id), before, after));
	}

	record SynonymRequest(String locale, List<String> terms) {
	}

	record SynonymView(long id, String locale, List<String> terms) {

		static SynonymView of(SynonymSet set) {
			return new SynonymView(set.id(), set.locale().code(), set.terms());
		}

	}

}
