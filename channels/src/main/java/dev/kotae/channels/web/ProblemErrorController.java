package dev.kotae.channels.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers the container's error dispatch (errors raised outside Spring MVC, e.g. by filters) with a
 * problem body too, never an HTML page or a stack trace.
 */
@RestController
class ProblemErrorController implements ErrorController {

	@RequestMapping(path = "/error", produces = { MediaType.APPLICATION_PROBLEM_JSON_VALUE, MediaType.APPLICATION_JSON_VALUE, "*/*" })
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatus status = (code instanceof Integer c) ? HttpStatus.resolve(c) : null;
		if (status == null) {
			status = HttpStatus.INTERNAL_SERVER_ERROR;
		}
		String detail = status.is5xxServerError() ? "Something went wrong on our side; the error has been logged."
				: status.getReasonPhrase() + ".";
		ProblemDetail problem = Problems.of(status, (status.is5xxServerError()) ? "internal-error" : "http-" + status.value(),
				status.getReasonPhrase(), detail);
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}
