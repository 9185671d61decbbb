package dev.kotae.channels.web;

import java.util.List;

import dev.kotae.kb.faq.Language;
import dev.kotae.kb.search.FaqSearch;
import dev.kotae.kb.search.SearchHit;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/search}: public search over the published FAQs. */
@RestController
class SearchController {

	static final int MAX_QUERY = 1_000;

	static final int MAX_LIMIT = 50;

	private final FaqSearch search;

	SearchController(FaqSearch search) {
		this.search = search;
	}

	@GetMapping("/api/v1/search")
	SearchResponse search(@RequestParam(required = false) String q, @RequestParam(required = false) String locale,
			@RequestParam(defaultValue = "10") int limit) {
		if (q == null || q.isBlank()) {
			throw new BadRequestException("q", "q must not be empty");
		}
		if (q.length() > MAX_QUERY) {
			throw new BadRequestException("q", "q must be at most " + MAX_QUERY + " characters");
		}
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new BadRequestException("limit", "limit must be between 1 and " + MAX_LIMIT);
		}
		Language language = Params.locale(locale);
		Language effective = (language != null) ? language : Language.detect(q);
		List<Hit> hits = this.search.search(q, effective, limit).stream().map(Hit::of).toList();
		return new SearchResponse(effective.code(), hits);
	}

	record SearchResponse(String locale, List<Hit> hits) {
	}

	record Hit(String id, String question, String category, float score) {

		static Hit of(SearchHit hit) {
			return new Hit(hit.id(), hit.question(), hit.category(), hit.score());
		}

	}

}
