package dev.kotae.channels.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.List;

import dev.kotae.channels.admin.FaqJson.FaqPageView;
import dev.kotae.channels.admin.FaqJson.FaqRequest;
import dev.kotae.channels.admin.FaqJson.FaqView;
import dev.kotae.channels.audit.Audited;
import dev.kotae.channels.web.BadRequestException;
import dev.kotae.channels.web.Params;
import dev.kotae.kb.csv.FaqCsv;
import dev.kotae.kb.csv.FaqImporter;
import dev.kotae.kb.csv.ImportReport;
import dev.kotae.kb.faq.Faq;
import dev.kotae.kb.faq.FaqFilter;
import dev.kotae.kb.faq.FaqPage;
import dev.kotae.kb.faq.FaqService;
import dev.kotae.kb.faq.FaqStatus;
import dev.kotae.kb.faq.Language;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** {@code /api/v1/faqs}: the editors' FAQ API (CRUD, CSV import and export); every change is audited. */
@RestController
@RequestMapping("/api/v1/faqs")
class FaqController {

	static final int MAX_PAGE_SIZE = 100;

	private final FaqService faqs;

	private final FaqImporter importer;

	private final ApplicationEventPublisher events;

	FaqController(FaqService faqs, FaqImporter importer, ApplicationEventPublisher events) {
		this.faqs = faqs;
		this.importer = importer;
		this.events = events;
	}

	@GetMapping
	FaqPageView list(@RequestParam(required = false) String locale, @RequestParam(required = false) String category,
			@RequestParam(required = false) String status, @RequestParam(required = false) String q,
			@RequestParam(required = false) String audience, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size) {
		if (page < 0) {
			throw new BadRequestException("page", "page must be 0 or more");
		}
		if (size < 1 || size > MAX_PAGE_SIZE) {
			throw new BadRequestException("size", "size must be between 1 and " + MAX_PAGE_SIZE);
		}
		FaqPage result = this.faqs.list(new FaqFilter(Params.locale(locale), category, Params.status(status), q, audience),
				page, size);
		return new FaqPageView(result.items().stream().map(FaqView::of).toList(), result.page(), result.size(),
				result.total());
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<FaqView> create(@RequestBody FaqRequest request, Principal user) {
		Faq faq = this.faqs.create(request.toDraft(), user.getName());
		audit(user, (faq.status() == FaqStatus.PUBLISHED) ? "faq.publish" : "faq.create", faq.id(), null, faq);
		return ResponseEntity.created(URI.create("/api/v1/faqs/" + faq.id())).body(FaqView.of(faq));
	}

	@GetMapping("/{id}")
	FaqView get(@PathVariable String id) {
		return FaqView.of(this.faqs.get(id));
	}

	@PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
	FaqView update(@PathVariable String id, @RequestBody FaqRequest request, Principal user) {
		if (request.id() != null && !request.id().equals(id)) {
			throw new BadRequestException("id", "the body's id '" + request.id() + "' differs from the path's '" + id
					+ "'; ids cannot be changed");
		}
		Faq before = this.faqs.get(id);
		Faq after = this.faqs.update(id, request.toDraft(), user.getName());
		boolean published = after != null && after.status() == FaqStatus.PUBLISHED
				&& (before == null || before.status() != FaqStatus.PUBLISHED);
		audit(user, published ? "faq.publish" : "faq.update", id, before, after);
		return FaqView.of(after);
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@PathVariable String id, Principal user) {
		Faq before = this.faqs.get(id);
		this.faqs.delete(id);
		audit(user, "faq.delete", id, before, null);
		return ResponseEntity.noContent().build();
	}

	/** CSV sent as the request body ({@code text/csv}). */
	@PostMapping(path = "/import", consumes = { "text/csv", "application/csv" })
	ImportReport importBody(InputStream body, Principal user) {
		return audited(user, this.importer.importCsv(body, user.getName()));
	}

	/** CSV sent as the multipart field {@code file}. */
	@PostMapping(path = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ImportReport importFile(@RequestPart("file") MultipartFile file, Principal user) throws IOException {
		try (InputStream in = file.getInputStream()) {
			return audited(user, this.importer.importCsv(in, user.getName()));
		}
	}

	/** The FAQs as CSV; takes the list's filters ({@code locale, category, status, q, audience}). */
	@GetMapping("/export")
	ResponseEntity<StreamingResponseBody> export(@RequestParam(required = false) String locale,
			@RequestParam(required = false) String category, @RequestParam(required = false) String status,
			@RequestParam(required = false) String q, @RequestParam(required = false) String audience) {
		Language language = Params.locale(locale);
		List<Faq> all = this.faqs.all(new FaqFilter(language, category, Params.status(status), q, audience));
		StreamingResponseBody body = (out) -> {
			Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
			writer.write('\uFEFF'); // lets spreadsheet programs detect UTF-8
			FaqCsv.write(all, writer);
			writer.flush();
		};
		String name = "kotae-faqs" + ((language != null) ? "-" + language.code() : "") + ".csv";
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
			.body(body);
	}

	private void audit(Principal user, String action, String id, Faq before, Faq after) {
		this.events.publishEvent(new Audited(user.getName(), action, "faq", id,
				(before != null) ? FaqView.of(before) : null, (after != null) ? FaqView.of(after) : null));
	}

	private ImportReport audited(Principal user, ImportReport report) {
		this.events.publishEvent(new Audited(user.getName(), "faq.import", "faq", null, null, report));
		return report;
	}

}
