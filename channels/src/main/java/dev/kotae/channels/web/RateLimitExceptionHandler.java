package dev.kotae.channels.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers {@link RateLimitedException} with 429, a {@code Retry-After} header and a
 * {@code urn:kotae:problem:rate-limited} problem. Ordered first so that {@link ApiExceptionHandler}'s
 * catch-all never sees it.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class RateLimitExceptionHandler {

	@ExceptionHandler(RateLimitedException.class)
	ResponseEntity<ProblemDetail> rateLimited(RateLimitedException ex) {
		long seconds = Math.max(1, ex.retryAfter().toSeconds());
		String who = RateLimitedException.SITE.equals(ex.limit()) ? "This site has" : "You have";
		ProblemDetail problem = Problems.of(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many requests",
				who + " sent too many messages; please wait " + seconds + " second" + ((seconds == 1) ? "" : "s")
						+ " and try again.");
		problem.setProperty("retryAfterSeconds", seconds);
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
			.body(problem);
	}

}
