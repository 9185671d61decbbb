package dev.kotae.channels.admin;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import dev.kotae.channels.security.SecurityProperties;
import dev.kotae.channels.web.WebProperties;
import dev.kotae.kb.csv.FaqImportJobs;
import dev.kotae.kb.csv.FaqImporter;
import dev.kotae.kb.csv.ImportReport;
import dev.kotae.kb.faq.DuplicateFaqException;
import dev.kotae.kb.faq.Faq;
import dev.kotae.kb.faq.FaqDraft;
import dev.kotae.kb.faq.FaqFilter;
import dev.kotae.kb.faq.FaqNotFoundException;
import dev.kotae.kb.faq.FaqPage;
import dev.kotae.kb.faq.FaqService;
import dev.kotae.kb.faq.FaqStatus;
import dev.kotae.kb.faq.FaqVersionConflictException;
import dev.kotae.kb.faq.InvalidInputException;
import dev.kotae.kb.faq.InvalidInputException.Violation;
import dev.kotae.kb.faq.Language;
import jakarta.servlet.ServletContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * Slice tests of {@link FaqController}: the controller with the real web package
 * ({@code ApiExceptionHandler}, {@code RequestSizeLimitFilter}, picked up by {@code @WebMvcTest}
 * because they are a controller advice and a servlet filter) and the real security package
 * ({@code SecurityConfiguration}, {@code ProblemSecurityHandlers}, package-private, so included by
 * name with a regex include filter); the knowledge base is mocked.
 */
@WebMvcTest(controllers = FaqController.class,
		includeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = "dev\\.kotae\\.channels\\.security\\..*"),
		properties = "kotae.security.admin-password=" + FaqControllerTests.ADMIN_PASSWORD)
@EnableConfigurationProperties({ WebProperties.class, SecurityProperties.class })
class FaqControllerTests {

	static final String ADMIN_PASSWORD = "test-admin-password";

	private static final String PROBLEM = "urn:kotae:problem:";

	private static final int ONE_MIB = 1024 * 1024;

	private static final Instant CREATED = Instant.parse("2025-01-02T03:04:05Z");

	private static final Instant UPDATED = Instant.parse("2025-02-03T04:05:06Z");

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private FaqService faqs;

	@MockitoBean
	private FaqImporter importer;

	@MockitoBean
	private FaqImportJobs jobs;

	// --- security ---

	@Test
	void withoutCredentialsIsUnauthorizedWithProblemAndBasicChallenge() {
		MvcTestResult result = this.mvc.get().uri("/api/v1/faqs").exchange();
		assertProblem(result, HttpStatus.UNAUTHORIZED, "unauthorized", "HTTP Basic");
		assertThat(result).headers().hasHeaderSatisfying(HttpHeaders.WWW_AUTHENTICATE,
				(values) -> assertThat(values).singleElement().asString().startsWith("Basic "));
		verifyNoInteractions(this.faqs);
	}

	@Test
	void wrongPasswordIsUnauthorized() {
		MvcTestResult result = this.mvc.get().uri("/api/v1/faqs").with(httpBasic("admin", "wrong")).exchange();
		assertProblem(result, HttpStatus.UNAUTHORIZED, "unauthorized", "HTTP Basic");
		assertThat(result).containsHeader(HttpHeaders.WWW_AUTHENTICATE);
		verifyNoInteractions(this.faqs);
	}

	@Test
	void agentIsForbidden() {
		MvcTestResult result = this.mvc.get().uri("/api/v1/faqs").with(user("agent").roles("AGENT")).exchange();
		assertProblem(result, HttpStatus.FORBIDDEN, "forbidden", "role");
		verifyNoInteractions(this.faqs);
	}

	@Test
	void agentCannotWrite() {
		MvcTestResult result = this.mvc.post()
			.uri("/api/v1/faqs")
			.with(user("agent").roles("AGENT"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"question\":\"q\",\"answer\":\"a\"}")
			.exchange();
		assertProblem(result, HttpStatus.FORBIDDEN, "forbidden", "role");
		verifyNoInteractions(this.faqs);
	}

	@Test
	void adminWithHttpBasicMayList() {
		given(this.faqs.list(any(), anyInt(), anyInt())).willReturn(new FaqPage(List.of(faq()), 0, 20, 1));
		MvcTestResult result = this.mvc.get().uri("/api/v1/faqs").with(httpBasic("admin", ADMIN_PASSWORD)).exchange();
		assertThat(result).hasStatusOk().hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON);
		assertThat(result).bodyJson().extractingPath("$.total").asNumber().isEqualTo(1);
	}

	@Test
	void editorMayList() {
		given(this.faqs.list(any(), anyInt(), anyInt())).willReturn(new FaqPage(List.of(), 0, 20, 0));
		assertThat(this.mvc.get().uri("/api/v1/faqs").with(editor())).hasStatusOk();
	}

	// --- list ---

	@Test
	void listPassesFilterAndPagingAndShowsThePage() {
		given(this.faqs.list(any(), anyInt(), anyInt())).willReturn(new FaqPage(List.of(faq()), 2, 5, 11));
		MvcTestResult result = this.mvc.get()
			.uri("/api/v1/faqs?locale=ja-JP&category=account&status=PUBLISHED&q=pass&page=2&size=5")
			.with(editor())
			.exchange();
		assertThat(result).hasStatusOk();
		assertThat(result).bodyJson().extractingPath("$.items[0].id").isEqualTo("pw-reset");
		assertThat(result).bodyJson().extractingPath("$.items[0].locale").isEqualTo("ja");
		assertThat(result).bodyJson().extractingPath("$.items[0].status").isEqualTo("published");
		assertThat(result).bodyJson().extractingPath("$.page").asNumber().isEqualTo(2);
		assertThat(result).bodyJson().extractingPath("$.size").asNumber().isEqualTo(5);
		assertThat(result).bodyJson().extractingPath("$.total").asNumber().isEqualTo(11);
		verify(this.faqs).list(new FaqFilter(Language.JA, "account", FaqStatus.PUBLISHED, "pass"), 2, 5);
	}

	@Test
	void listUsesDefaultPaging() {
		given(this.faqs.list(any(), anyInt(), anyInt())).willReturn(new FaqPage(List.of(), 0, 20, 0));
		assertThat(this.mvc.get().uri("/api/v1/faqs").with(editor())).hasStatusOk();
		verify(this.faqs).list(new FaqFilter(null, null, null, null), 0, 20);
	}

	@Test
	void listWithUnknownLocaleIsBadRequest() {
		MvcTestResult result = this.mvc.get().uri("/api/v1/faqs?locale=fr").with(editor()).exchange();
		assertProblem(result, HttpStatus.BAD_REQUEST, "invalid-input", "unknown locale 'fr'");
		assertThat(result).bodyJson().extractingPath("$.errors[*].field").asArray().containsExactly("locale");
		verifyNoInteractions(this.faqs);
	}

	@Test
	void listWithUnknownStatusIsBadRequest() {
		MvcTestResult result = this.mvc.get().uri("/api/v1/faqs?status=deleted").with(editor()).exchange();
		assertProblem(result, HttpStatus.BAD_REQUEST, "invalid-input", "unknown status 'deleted'");
		assertThat(result).bodyJson().extractingPath("$.errors[*].field").asArray().containsExactly("status");
		verifyNoInteractions(this.faqs);
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "101", "-1" })
	void listWithSizeOutOfRangeIsBadRequest(String size) {
		MvcTestResult result = this.mvc.get().uri("/api/v1/faqs?size={size}", size).with(editor()).exchange();
		assertProblem(result, HttpStatus.BAD_REQUEST, "invalid-input", "size must be between 1 and 100");
		assertThat(result).bodyJson().extractingPath("$.errors[*].field").asArray().containsExactly("size");
		verifyNoInteractions(this.faqs);
	}

	@Test
	void listWithSizeAtTheLimitIsAccepted() {
		given(this.faqs.list(any(), anyInt(), anyInt())).willReturn(new FaqPage(List.of(), 0, 100, 0));
		assertThat(this.mvc.get().uri("/api/v1/faqs?size=100").with(editor())).hasStatusOk();
		verify(this.faqs).list(any(), eq(0), eq(100));
	}

	@Test
	void listWithNegativePageIsBadRequest() {
		MvcTestResult result = this.mvc.get().uri("/api/v1/faqs?page=-1").with(editor()).exchange();
		assertProblem(result, HttpStatus.BAD_REQUEST, "invalid-input", "page must be 0 or more");
		verifyNoInteractions(this.faqs);
	}

	@Test
	void listWithNonNumericPageIsBadRequestNotServerError() {
		MvcTestResult result = this.mvc.get().uri("/api/v1/faqs?page=abc").with(editor()).exchange();
		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.status").asNumber().isEqualTo(400);
		assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("page must be a whole number");
		assertThat(result).bodyJson().extractingPath("$.type").asString().isEqualTo("urn:kotae:problem:invalid-input");
		assertThat(result).bodyJson().extractingPath("$.errors[0].field").asString().isEqualTo("page");
		assertNoInternals(result);
		verifyNoInteractions(this.faqs);
	}

	// --- get ---

	@Test
	void getShowsTheFaq() {
		given(this.faqs.get("pw-reset")).willReturn(faq());
		MvcTestResult result = this.mvc.get().uri("/api/v1/faqs/pw-reset").with(editor()).exchange();
		assertThat(result).hasStatusOk().hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON);
		assertFaqJson(result);
	}

	@Test
	void getUnknownIdIsNotFound() {
		given(this.faqs.get("nope")).willThrow(new FaqNotFoundException("nope"));
		MvcTestResult result = this.mvc.get().uri("/api/v1/faqs/nope").with(editor()).exchange();
		assertProblem(result, HttpStatus.NOT_FOUND, "not-found", "'nope'");
	}

	@Test
	void unexpectedExceptionIsServerErrorWithoutInternals() {
		given(this.faqs.get("boom")).willThrow(new IllegalStateException("secret-internal-detail jdbc:h2:/data"));
		MvcTestResult result = this.mvc.get().uri("/api/v1/faqs/boom").with(editor()).exchange();
		assertProblem(result, HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "has been logged");
		assertThat(result).bodyText()
			.doesNotContain("secret-internal-detail")
			.doesNotContain("jdbc:h2")
			.doesNotContain("IllegalStateException");
	}

	// --- create ---

	@Test
	void createReturnsCreatedWithLocationAndTheFaq() {
		given(this.faqs.create(any(), eq("editor"))).willReturn(faq());
		MvcTestResult result = this.mvc.post()
			.uri("/api/v1/faqs")
			.with(editor())
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"id":"pw-reset","locale":"ja","question":"パスワードを忘れました","alternativeQuestions":["パスワード再設定"],
					 "answer":"再設定ページから変更できます。","category":"account","tags":["login"],"status":"published"}
					""")
			.exchange();
		assertThat(result).hasStatus(HttpStatus.CREATED)
			.hasHeader(HttpHeaders.LOCATION, "/api/v1/faqs/pw-reset")
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON);
		assertFaqJson(result);
		ArgumentCaptor<FaqDraft> draft = ArgumentCaptor.forClass(FaqDraft.class);
		verify(this.faqs).create(draft.capture(), eq("editor"));
		assertThat(draft.getValue()).isEqualTo(new FaqDraft("pw-reset", "ja", "パスワードを忘れました",
				List.of("パスワード再設定"), "再設定ページから変更できます。", "account", List.of("login"), "published", null));
	}

	@Test
	void createAsAdminWithHttpBasicRecordsTheAdminAsAuthor() {
		given(this.faqs.create(any(), eq("admin"))).willReturn(faq());
		MvcTestResult result = this.mvc.post()
			.uri("/api/v1/faqs")
			.with(httpBasic("admin", ADMIN_PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"question\":\"q\",\"answer\":\"a\"}")
			.exchange();
		assertThat(result).hasStatus(HttpStatus.CREATED);
		verify(this.faqs).create(any(), eq("admin"));
	}

	@Test
	void createWithDuplicateIdIsConflict() {
		given(this.faqs.create(any(), any())).willThrow(new DuplicateFaqException("pw-reset"));
		MvcTestResult result = postJson("{\"id\":\"pw-reset\",\"question\":\"q\",\"answer\":\"a\"}");
		assertProblem(result, HttpStatus.CONFLICT, "duplicate-id", "'pw-reset' exists already");
	}

	@Test
	void createWithInvalidInputIsBadRequestWithFieldErrors() {
		given(this.faqs.create(any(), any())).willThrow(new InvalidInputException(
				List.of(new Violation("question", "must not be empty"), new Violation("locale", "unknown locale 'fr'"))));
		MvcTestResult result = postJson("{\"locale\":\"fr\",\"answer\":\"a\"}");
		assertProblem(result, HttpStatus.BAD_REQUEST, "invalid-input", "question: must not be empty");
		assertThat(result).bodyJson()
			.extractingPath("$.errors[*].field")
			.asArray()
			.containsExactly("question", "locale");
		assertThat(result).bodyJson()
			.extractingPath("$.errors[*].message")
			.asArray()
			.containsExactly("must not be empty", "unknown locale 'fr'");
	}

	@Test
	void createWithMalformedJsonIsUnreadableBody() {
		MvcTestResult result = postJson("{\"question\": \"q\", ");
		assertProblem(result, HttpStatus.BAD_REQUEST, "unreadable-body", "not valid JSON");
		verifyNoInteractions(this.faqs);
	}

	@Test
	void createWithWrongJsonShapeIsUnreadableBody() {
		MvcTestResult result = postJson("{\"question\": \"q\", \"tags\": {\"a\": 1}}");
		assertProblem(result, HttpStatus.BAD_REQUEST, "unreadable-body", "The field 'tags' has the wrong type");
		assertThat(result).bodyText().doesNotContain("at [Source").doesNotContain("java.util");
		verifyNoInteractions(this.faqs);
	}

	@Test
	void createWithoutBodyIsUnreadableBody() {
		MvcTestResult result = this.mvc.post()
			.uri("/api/v1/faqs")
			.with(editor())
			.contentType(MediaType.APPLICATION_JSON)
			.exchange();
		assertProblem(result, HttpStatus.BAD_REQUEST, "unreadable-body", "needs a JSON body");
		verifyNoInteractions(this.faqs);
	}

	@Test
	void createWithJsonBodyOverOneMebibyteIsPayloadTooLarge() {
		MvcTestResult result = this.mvc.post()
			.uri("/api/v1/faqs")
			.with(editor())
			.contentType(MediaType.APPLICATION_JSON)
			.content(jsonOfSize(ONE_MIB + 1))
			.exchange();
		assertProblem(result, HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", String.valueOf(ONE_MIB));
		assertThat(result).bodyJson().extractingPath("$.detail").asString().contains(String.valueOf(ONE_MIB + 1));
		verifyNoInteractions(this.faqs);
	}

	@Test
	void createWithJsonBodyOverOneMebibyteWithoutContentLengthIsPayloadTooLarge() {
		MvcTestResult result = this.mvc.perform(new UnknownLengthRequestBuilder(HttpMethod.POST, "/api/v1/faqs")
			.with(editor())
			.contentType(MediaType.APPLICATION_JSON)
			.content(jsonOfSize(ONE_MIB + 1)));
		assertProblem(result, HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", String.valueOf(ONE_MIB));
		verifyNoInteractions(this.faqs);
	}

	@Test
	void createWithJsonBodyOfExactlyOneMebibyteIsAccepted() {
		given(this.faqs.create(any(), any())).willReturn(faq());
		MvcTestResult result = this.mvc.post()
			.uri("/api/v1/faqs")
			.with(editor())
			.contentType(MediaType.APPLICATION_JSON)
			.content(jsonOfSize(ONE_MIB))
			.exchange();
		assertThat(result).hasStatus(HttpStatus.CREATED);
	}

	@Test
	void createWithJsonBodyOfExactlyOneMebibyteWithoutContentLengthIsAccepted() {
		given(this.faqs.create(any(), any())).willReturn(faq());
		MvcTestResult result = this.mvc.perform(new UnknownLengthRequestBuilder(HttpMethod.POST, "/api/v1/faqs")
			.with(editor())
			.contentType(MediaType.APPLICATION_JSON)
			.content(jsonOfSize(ONE_MIB)));
		assertThat(result).hasStatus(HttpStatus.CREATED);
	}

	// --- update and delete ---

	@Test
	void updatePassesTheDraftAndShowsTheFaq() {
		given(this.faqs.update(eq("pw-reset"), any(), eq("editor"))).willReturn(faq());
		MvcTestResult result = this.mvc.put()
			.uri("/api/v1/faqs/pw-reset")
			.with(editor())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"id\":\"pw-reset\",\"question\":\"q\",\"answer\":\"a\",\"version\":2}")
			.exchange();
		assertThat(result).hasStatusOk();
		assertFaqJson(result);
		verify(this.faqs).update("pw-reset",
				new FaqDraft("pw-reset", null, "q", null, "a", null, null, null, 2L), "editor");
	}

	@Test
	void updateWithVersionConflictIsConflict() {
		given(this.faqs.update(eq("pw-reset"), any(), any()))
			.willThrow(new FaqVersionConflictException("pw-reset", 2, 3));
		MvcTestResult result = this.mvc.put()
			.uri("/api/v1/faqs/pw-reset")
			.with(editor())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"question\":\"q\",\"answer\":\"a\",\"version\":2}")
			.exchange();
		assertProblem(result, HttpStatus.CONFLICT, "version-conflict", "is at version 3, not 2");
	}

	@Test
	void updateOfUnknownIdIsNotFound() {
		given(this.faqs.update(eq("nope"), any(), any())).willThrow(new FaqNotFoundException("nope"));
		MvcTestResult result = this.mvc.put()
			.uri("/api/v1/faqs/nope")
			.with(editor())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"question\":\"q\",\"answer\":\"a\"}")
			.exchange();
		assertProblem(result, HttpStatus.NOT_FOUND, "not-found", "'nope'");
	}

	@Test
	void updateWithDifferentIdInBodyIsBadRequest() {
		MvcTestResult result = this.mvc.put()
			.uri("/api/v1/faqs/pw-reset")
			.with(editor())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"id\":\"other\",\"question\":\"q\",\"answer\":\"a\"}")
			.exchange();
		assertProblem(result, HttpStatus.BAD_REQUEST, "invalid-input", "'other' differs from the path's 'pw-reset'");
		assertThat(result).bodyJson().extractingPath("$.errors[*].field").asArray().containsExactly("id");
		verify(this.faqs, never()).update(any(), any(), any());
	}

	@Test
	void deleteIsNoContent() {
		assertThat(this.mvc.delete().uri("/api/v1/faqs/pw-reset").with(editor())).hasStatus(HttpStatus.NO_CONTENT);
		verify(this.faqs).delete("pw-reset");
	}

	@Test
	void deleteOfUnknownIdIsNotFound() {
		willThrow(new FaqNotFoundException("nope")).given(this.faqs).delete("nope");
		MvcTestResult result = this.mvc.delete().uri("/api/v1/faqs/nope").with(editor()).exchange();
		assertProblem(result, HttpStatus.NOT_FOUND, "not-found", "'nope'");
	}

	// --- import and export ---

	@Test
	void importCsvBodyPassesTheBytesToTheImporterAndReturnsItsReport() {
		byte[] csv = "id,locale,question,answer\npw-reset,ja,パスワード,再設定\n".getBytes(StandardCharsets.UTF_8);
		AtomicReference<byte[]> received = captureImport(
				new ImportReport(1, 2, List.of(new ImportReport.Rejection(3, "question: must not be empty"))));
		MvcTestResult result = this.mvc.post()
			.uri("/api/v1/faqs/import")
			.with(editor())
			.contentType("text/csv")
			.content(csv)
			.exchange();
		assertThat(result).hasStatusOk().hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON);
		assertThat(result).bodyJson().isLenientlyEqualTo("""
				{"created":1,"updated":2,"rejected":[{"line":3,"reason":"question: must not be empty"}]}
				""");
		assertThat(received.get()).isEqualTo(csv);
		verify(this.importer).importCsv(any(), eq("editor"));
	}

	@Test
	void importMultipartFilePassesTheBytesToTheImporterAndReturnsItsReport() {
		byte[] csv = "\uFEFFid,locale,question,answer\nbilling,en,How do I pay?,By card.\n"
			.getBytes(StandardCharsets.UTF_8);
		AtomicReference<byte[]> received = captureImport(new ImportReport(1, 0, List.of()));
		MvcTestResult result = this.mvc.post()
			.uri("/api/v1/faqs/import")
			.with(editor())
			.multipart()
			.file("file", csv)
			.exchange();
		assertThat(result).hasStatusOk();
		assertThat(result).bodyJson().isLenientlyEqualTo("{\"created\":1,\"updated\":0,\"rejected\":[]}");
		assertThat(received.get()).isEqualTo(csv);
		verify(this.importer).importCsv(any(), eq("editor"));
	}

	@Test
	void importCsvBodyLargerThanTheJsonLimitIsAccepted() {
		byte[] csv = new byte[2 * ONE_MIB];
		Arrays.fill(csv, (byte) 'a');
		AtomicReference<byte[]> received = captureImport(new ImportReport(0, 0, List.of()));
		MvcTestResult result = this.mvc.post()
			.uri("/api/v1/faqs/import")
			.with(editor())
			.contentType("text/csv")
			.content(csv)
			.exchange();
		assertThat(result).hasStatusOk();
		assertThat(received.get()).hasSize(csv.length);
	}

	@Test
	void importWithoutCredentialsIsUnauthorized() {
		MvcTestResult result = this.mvc.post()
			.uri("/api/v1/faqs/import")
			.contentType("text/csv")
			.content("id\n")
			.exchange();
		assertProblem(result, HttpStatus.UNAUTHORIZED, "unauthorized", "HTTP Basic");
		verifyNoInteractions(this.importer);
	}

	@Test
	void exportIsAUtf8CsvAttachmentWithBom() {
		given(this.faqs.all(FaqFilter.ALL)).willReturn(List.of(faq()));
		MvcTestResult result = this.mvc.get().uri("/api/v1/faqs/export").with(editor()).exchange();
		assertThat(result).hasStatusOk().hasContentType("text/csv;charset=UTF-8");
		assertThat(result).headers().hasHeaderSatisfying(HttpHeaders.CONTENT_DISPOSITION,
				(values) -> assertThat(values).singleElement()
					.asString()
					.startsWith("attachment")
					.contains("filename=\"kotae-faqs.csv\""));
		byte[] body = result.getResponse().getContentAsByteArray();
		assertThat(body).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
		assertThat(new String(body, StandardCharsets.UTF_8)).contains("pw-reset").contains("パスワードを忘れました");
	}

	@Test
	void exportOfOneLocaleFiltersAndNamesTheFile() {
		Faq english = new Faq("billing", Language.EN, "How do I pay?", List.of(), "By card.", null, List.of(),
				FaqStatus.DRAFT, 1, CREATED, CREATED, "editor");
		given(this.faqs.all(new FaqFilter(Language.EN, null, FaqStatus.DRAFT, "pay", "everyone")))
			.willReturn(List.of(english));
		MvcTestResult result = this.mvc.get()
			.uri("/api/v1/faqs/export?locale=en&status=draft&q=pay&audience=everyone")
			.with(editor())
			.exchange();
		assertThat(result).hasStatusOk();
		assertThat(result).headers().hasHeaderSatisfying(HttpHeaders.CONTENT_DISPOSITION,
				(values) -> assertThat(values).singleElement().asString().contains("filename=\"kotae-faqs-en.csv\""));
		String body = new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
		assertThat(body).contains("billing").doesNotContain("pw-reset");
	}

	@Test
	void exportWithUnknownLocaleIsBadRequest() {
		MvcTestResult result = this.mvc.get().uri("/api/v1/faqs/export?locale=xx").with(editor()).exchange();
		assertProblem(result, HttpStatus.BAD_REQUEST, "invalid-input", "unknown locale 'xx'");
		verifyNoInteractions(this.faqs);
	}

	// --- helpers ---

	private MvcTestResult postJson(String json) {
		return this.mvc.post()
			.uri("/api/v1/faqs")
			.with(editor())
			.contentType(MediaType.APPLICATION_JSON)
			.content(json)
			.exchange();
	}

	private AtomicReference<byte[]> captureImport(ImportReport report) {
		AtomicReference<byte[]> received = new AtomicReference<>();
		given(this.importer.importCsv(any(), any())).willAnswer((invocation) -> {
			try (InputStream in = invocation.getArgument(0)) {
				received.set(in.readAllBytes());
			}
			return report;
		});
		return received;
	}

	private static RequestPostProcessor editor() {
		return user("editor").roles("EDITOR");
	}

	private static Faq faq() {
		return new Faq("pw-reset", Language.JA, "パスワードを忘れました", List.of("パスワード再設定"), "再設定ページから変更できます。",
				"account", List.of("login"), FaqStatus.PUBLISHED, 3, CREATED, UPDATED, "editor");
	}

	private static void assertFaqJson(MvcTestResult result) {
		assertThat(result).bodyJson().isLenientlyEqualTo("""
				{
				  "id": "pw-reset",
				  "locale": "ja",
				  "question": "パスワードを忘れました",
				  "alternativeQuestions": ["パスワード再設定"],
				  "answer": "再設定ページから変更できます。",
				  "category": "account",
				  "tags": ["login"],
				  "status": "published",
				  "version": 3,
				  "createdAt": "2025-01-02T03:04:05Z",
				  "updatedAt": "2025-02-03T04:05:06Z",
				  "author": "editor"
				}
				""");
	}

	/** A JSON object of exactly {@code size} bytes (ASCII). */
	private static byte[] jsonOfSize(int size) {
		String prefix = "{\"question\":\"q\",\"answer\":\"";
		String suffix = "\"}";
		return (prefix + "a".repeat(size - prefix.length() - suffix.length()) + suffix)
			.getBytes(StandardCharsets.US_ASCII);
	}

	static void assertProblem(MvcTestResult result, HttpStatus status, String slug, String detail) {
		assertThat(result).hasStatus(status).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.status").asNumber().isEqualTo(status.value());
		assertThat(result).bodyJson().extractingPath("$.type").isEqualTo(PROBLEM + slug);
		assertThat(result).bodyJson().extractingPath("$.title").asString().isNotBlank();
		assertThat(result).bodyJson().extractingPath("$.detail").asString().contains(detail);
		assertNoInternals(result);
	}

	static void assertNoInternals(MvcTestResult result) {
		assertThat(result).bodyJson().doesNotHavePath("$.trace").doesNotHavePath("$.exception");
		assertThat(result).bodyText().doesNotContain("\tat ").doesNotContain("at org.springframework.")
			.doesNotContain("at dev.kotae.");
	}

	/**
	 * Builds requests whose body has no declared length (as with {@code Transfer-Encoding: chunked}),
	 * which {@code MockHttpServletRequest} cannot express by itself: it always reports the length of
	 * its content.
	 */
	static final class UnknownLengthRequestBuilder extends AbstractMockHttpServletRequestBuilder<UnknownLengthRequestBuilder> {

		UnknownLengthRequestBuilder(HttpMethod method, String uri) {
			super(method);
			uri(uri);
		}

		@Override
		protected MockHttpServletRequest createServletRequest(ServletContext servletContext) {
			return new MockHttpServletRequest(servletContext) {

				@Override
				public int getContentLength() {
					return -1;
				}

				@Override
				public long getContentLengthLong() {
					return -1;
				}

			};
		}

	}

}
