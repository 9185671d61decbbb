package dev.kotae.channels.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.kotae.bot.conversation.ConversationNotFoundException;
import dev.kotae.bot.site.SiteNotFoundException;
import dev.kotae.bot.unanswered.UnansweredClusterNotFoundException;
import dev.kotae.kb.csv.ImportJobNotFoundException;
import dev.kotae.kb.csv.InvalidCsvException;
import dev.kotae.kb.faq.DuplicateFaqException;
import dev.kotae.kb.faq.FaqNotFoundException;
import dev.kotae.kb.faq.FaqVersionConflictException;
import dev.kotae.kb.faq.InvalidInputException;
import dev.kotae.kb.outofscope.OutOfScopePhraseNotFoundException;
import dev.kotae.kb.synonym.SynonymSetNotFoundException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.core.JacksonException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.core.NestedRuntimeException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every exception of the web API into an RFC 9457 problem with a message a person can act on.
 * Spring MVC's own exceptions (unknown route, wrong method, type mismatch, multipart size) are
 * handled by the base class; anything unexpected becomes a 500 without internals.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

	@ExceptionHandler({ FaqNotFoundException.class, SynonymSetNotFoundException.class,
			OutOfScopePhraseNotFoundException.class, SiteNotFoundException.class,
			UnansweredClusterNotFoundException.class, ConversationNotFoundException.class,
			ImportJobNotFoundException.class })
	ProblemDetail notFound(RuntimeException ex) {
		return Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not found", ex.getMessage());
	}

	@ExceptionHandler(DuplicateFaqException.class)
	ProblemDetail duplicate(DuplicateFaqException ex) {
		return Problems.of(HttpStatus.CONFLICT, "duplicate-id", "Duplicate id", ex.getMessage());
	}

	@ExceptionHandler(FaqVersionConflictException.class)
	ProblemDetail versionConflict(FaqVersionConflictException ex) {
		return Problems.of(HttpStatus.CONFLICT, "version-conflict", "Changed by someone else", ex.getMessage());
	}

	@ExceptionHandler(InvalidInputException.class)
	ProblemDetail invalid(InvalidInputException ex) {
		ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input", ex.getMessage());
		problem.setProperty("errors", ex.violations()
			.stream()
			.map((v) -> Map.of("field", v.field(), "message", v.message()))
			.toList());
		return problem;
	}

	@ExceptionHandler(BadRequestException.class)
	ProblemDetail badRequest(BadRequestException ex) {
		ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input", ex.getMessage());
		problem.setProperty("errors", List.of(Map.of("field", ex.parameter(), "message", ex.getMessage())));
		return problem;
	}

	@ExceptionHandler(InvalidCsvException.class)
	ProblemDetail invalidCsv(InvalidCsvException ex) {
		return Problems.of(HttpStatus.BAD_REQUEST, "invalid-csv", "Unreadable CSV file", ex.getMessage());
	}

	/**
	 * Form parameters that Spring Security's firewall does not allow, or that Tomcat cannot decode, met
	 * when MVC reads them (the endpoint fuzz test found both).
	 */
	@ExceptionHandler({ RequestRejectedException.class, InvalidParameterException.class })
	ProblemDetail rejected(RuntimeException ex) {
		return Problems.of(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input",
				"The request contains characters that are not allowed.");
	}

	/**
	 * The database is away (restarting, failing over, no connection within the pool's timeout, a
	 * commit or rollback cut off): 503 with a Retry-After, so that clients retry. Nothing was
	 * acknowledged; a retry with the same {@code clientMessageId} never stores a message twice.
	 */
	@ExceptionHandler({ DataAccessResourceFailureException.class, TransientDataAccessException.class,
			TransactionException.class })
	ResponseEntity<ProblemDetail> databaseAway(NestedRuntimeException ex) {
		log.warn("Database unavailable: {}", ex.getMessage());
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, "5")
			.body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Temporarily unavailable",
					"The service cannot store anything right now. Try again in a few seconds (a retried message "
							+ "with the same clientMessageId is never stored twice)."));
	}

	@ExceptionHandler(PayloadTooLargeException.class)
	ProblemDetail tooLarge(PayloadTooLargeException ex) {
		return Problems.of(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Request body too large",
				"The request body is larger than " + ex.limit() + " bytes, the most this endpoint accepts.");
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof PayloadTooLargeException tooLarge) {
				return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(tooLarge(tooLarge));
			}
		}
		String detail;
		if (ex.getMessage() != null && ex.getMessage().startsWith("Required request body is missing")) {
			detail = "The request needs a JSON body.";
		}
		else if (ex.getMostSpecificCause() instanceof JacksonException json && !json.getPath().isEmpty()) {
			String field = json.getPath()
				.stream()
				.map((ref) -> (ref.getPropertyName() != null) ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
				.collect(Collectors.joining("."))
				.replace(".[", "[");
			detail = "The field '" + field + "' has the wrong type or form; see the API documentation.";
		}
		else {
			detail = "The request body is not valid JSON: " + firstLine(ex.getMostSpecificCause().getMessage());
		}
		return ResponseEntity.badRequest()
			.body(Problems.of(HttpStatus.BAD_REQUEST, "unreadable-body", "Unreadable body", detail));
	}

	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String name = (ex instanceof MethodArgumentTypeMismatchException mismatch) ? mismatch.getName()
				: ex.getPropertyName();
		Class<?> type = ex.getRequiredType();
		boolean numeric = type != null && (Number.class.isAssignableFrom(type)
				|| (type.isPrimitive() && type != boolean.class && type != char.class));
		String message = name + (numeric ? " must be a whole number" : " has the wrong form") + ", not '"
				+ ex.getValue() + "'";
		return ResponseEntity.badRequest().body(badRequest(new BadRequestException(name, message)));
	}

	/** Gives Spring MVC's own problems (405, 415, missing parameters, …) a Kotae type as well. */
	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		if (body instanceof ProblemDetail problem && (problem.getType() == null
				|| URI.create("about:blank").equals(problem.getType()))) {
			problem.setType(URI.create("urn:kotae:problem:http-" + status.value()));
		}
		return super.handleExceptionInternal(ex, body, headers, status, request);
	}

	@ExceptionHandler(Exception.class)
	ProblemDetail unexpected(Exception ex) {
		log.error("Unexpected error", ex);
		return Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
				"Something went wrong on our side; the error has been logged.");
	}

	/** The first line of a parser message, without the echo of the input Jackson appends. */
	private static String firstLine(String message) {
		if (message == null) {
			return "";
		}
		String line = message.lines().findFirst().orElse("");
		int source = line.indexOf(" at [Source");
		line = (source > 0) ? line.substring(0, source) : line;
		return (line.length() > 300) ? line.substring(0, 300) + "…" : line;
	}

}
