package dev.kotae.channels.chat;

import dev.kotae.bot.conversation.ConversationAccessDeniedException;
import dev.kotae.channels.web.Problems;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Problem responses for the chat API's own errors. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ChatExceptionHandler {

	@ExceptionHandler(MissingTokenException.class)
	ResponseEntity<ProblemDetail> missingToken(MissingTokenException ex) {
		return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
			.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
			.body(Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized", "Token required", ex.getMessage()));
	}

	@ExceptionHandler(ConversationAccessDeniedException.class)
	ProblemDetail accessDenied(ConversationAccessDeniedException ex) {
		return Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", ex.getMessage());
	}

	@ExceptionHandler(ForbiddenOriginException.class)
	ProblemDetail forbiddenOrigin(ForbiddenOriginException ex) {
		return Problems.of(HttpStatus.FORBIDDEN, "forbidden-origin", "Origin not allowed", ex.getMessage());
	}

}
