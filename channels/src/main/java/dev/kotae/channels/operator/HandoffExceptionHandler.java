package dev.kotae.channels.operator;

import dev.kotae.bot.handoff.HandoffException;
import dev.kotae.channels.web.Problems;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Hand-off actions that cannot be done: 404 (no open hand-off), 409 (taken first, wrong state), 403. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class HandoffExceptionHandler {

	@ExceptionHandler(HandoffException.class)
	ProblemDetail handoff(HandoffException ex) {
		ProblemDetail problem = switch (ex.kind()) {
			case NOT_FOUND -> Problems.of(HttpStatus.NOT_FOUND, "not-found", "No open hand-off", ex.getMessage());
			case CONFLICT -> Problems.of(HttpStatus.CONFLICT, "handoff-conflict", "Hand-off conflict", ex.getMessage());
			case NOT_YOURS -> Problems.of(HttpStatus.FORBIDDEN, "not-your-handoff", "Another agent has it",
					ex.getMessage());
		};
		if (ex.agent() != null) {
			problem.setProperty("agent", ex.agent());
		}
		return problem;
	}

}
