package dev.kotae.channels.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.List;
import java.util.Locale;

import dev.kotae.channels.admin.FaqJson.FaqPageView;
import dev.kotae.channels.admin.FaqJson.FaqRequest;
import dev.kotae.channels.admin.FaqJson.FaqView;
import dev.kotae.channels.audit.Audited;
import dev.kotae.channels.web.BadRequestException;
import dev.kotae.channels.web.Params;
import dev.kotae.channels.web.Problems;
import dev.kotae.kb.csv.FaqCsv;
import dev.kotae.kb.csv.FaqImportJobs;
import dev.kotae.kb.csv.FaqImporter;
import dev.kotae.kb.csv.ImportJob;
import dev.kotae.kb.csv.ImportPreview;
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
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
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

/**
 * {@code /api/v1/faqs}: the editors' FAQ API (CRUD, CSV import with preview, as one request or as a
 * background job with progress, and export); every change is audited.
 */
@RestController
@RequestMapping("/api/v1/faqs")
class FaqController {

	static final int MAX_PAGE_SIZE = 100;

	private final FaqService faqs;

	private final FaqImporter importer;

	private final FaqImportJobs jobs;

	private final ApplicationEventPublisher events;

	FaqController(FaqService faqs, FaqImporter importer, FaqImportJobs jobs, ApplicationEventPublisher events) {
		this.faqs = faqs;
		this.importer = importer;
		this.jobs = jobs;
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

	/** CSV sent as the request body ({@code text/csv}), imported in one transaction. */
	@PostMapping(path = "/import", consumes = { "text/csv", "application/csv" })
	ImportReport importBody(InputStream body, Principal user) {
		return audited(user, null, this.importer.importCsv(body, user.getName()));
	}

	/** CSV sent as the multipart field {@code file}, imported in one transaction. */
	@PostMapping(path = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ImportReport importFile(@RequestPart("file") MultipartFile file, Principal user) throws IOException {
		try (InputStream in = csv(file)) {
			return audited(user, null, this.importer.importCsv(in, user.getName()));
		}
	}

	/** What importing the CSV body would do, row by row; writes nothing. */
	@PostMapping(path = "/import/preview", consumes = { "text/csv", "application/csv" })
	ImportPreview previewBody(InputStream body) {
		return this.importer.preview(body);
	}

	/** What importing the multipart field {@code file} would do, row by row; writes nothing. */
	@PostMapping(path = "/import/preview", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ImportPreview previewFile(@RequestPart("file") MultipartFile file) throws IOException {
		try (InputStream in = csv(file)) {
			return this.importer.preview(in);
		}
	}

	/**
	 * Starts importing the CSV body in the background: 202 with the job, whose progress
	 * {@code GET /import/jobs/{id}} reports. A file that cannot be read is refused at once.
	 */
	@PostMapping(path = "/import/jobs", consumes = { "text/csv", "application/csv" })
	ResponseEntity<ImportJob> startBody(InputStream body, Principal user) {
		return start(FaqCsv.read(body), user);
	}

	/** Like {@link #startBody} for the multipart field {@code file}. */
	@PostMapping(path = "/import/jobs", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<ImportJob> startFile(@RequestPart("file") MultipartFile file, Principal user) throws IOException {
		try (InputStream in = csv(file)) {
			return start(FaqCsv.read(in), user);
		}
	}

	@GetMapping("/import/jobs/{id}")
	ImportJob job(@PathVariable String id) {
		return this.jobs.get(id);
	}

	private ResponseEntity<ImportJob> start(List<FaqCsv.Row> rows, Principal user) {
		String actor = user.getName();
		ImportJob job = this.jobs.start(rows, actor, (done) -> this.events
			.publishEvent(new Audited(actor, "faq.import", "faq-import", done.id(), null, done.report())));
		return ResponseEntity.accepted().location(URI.create("/api/v1/faqs/import/jobs/" + job.id())).body(job);
	}

	/** The uploaded file's bytes, when its name (if any) says CSV or plain text. */
	private static InputStream csv(MultipartFile file) throws IOException {
		String name = (file.getOriginalFilename() != null) ? file.getOriginalFilename().toLowerCase(Locale.ROOT) : "";
		if (name.contains(".") && !name.endsWith(".csv") && !name.endsWith(".txt")) {
			throw new NotCsvException("'" + file.getOriginalFilename()
					+ "' is not a CSV file; export the sheet as CSV (UTF-8) and upload that.");
		}
		return file.getInputStream();
	}

	@ExceptionHandler(NotCsvException.class)
	ProblemDetail notCsv(NotCsvException ex) {
		return Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "not-csv", "Not a CSV file", ex.getMessage());
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

	private ImportReport audited(Principal user, String jobId, ImportReport report) {
		this.events.publishEvent(new Audited(user.getName(), "faq.import", "faq", jobId, null, report));
		return report;
	}

	/** An upload that is not a CSV file by its name. */
	static class NotCsvException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		NotCsvException(String message) {
			super(message);
		}

	}

}
