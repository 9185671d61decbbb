package dev.kotae.channels.security;

import java.io.IOException;
import java.time.Duration;

import dev.kotae.channels.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** 401, 403 and 429 (too many failed sign-ins) as problem bodies; 401 also asks for HTTP Basic. */
@Component
class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

	private final JsonMapper json;

	ProblemSecurityHandlers(JsonMapper json) {
		this.json = json;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException {
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"kotae\", charset=\"UTF-8\"");
		Problems.write(request, response, Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized", "Login required",
				"This endpoint needs a user name and password (HTTP Basic)."), this.json);
	}

	/** 401 for an API token that is unknown, revoked or expired, or whose user is disabled. */
	void invalidToken(HttpServletRequest request, HttpServletResponse response) throws IOException {
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
		Problems.write(request, response, Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized", "Invalid API token",
				"This API token is unknown, revoked or expired, or its user is disabled; ask an admin for a new one."),
				this.json);
	}

	/** 429 for a sign-in attempt while {@link LoginThrottle} refuses its user name or address. */
	void tooManyAttempts(HttpServletRequest request, HttpServletResponse response, Duration refused)
			throws IOException {
		long seconds = Math.max(1, refused.toSeconds());
		response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
		Problems.write(request, response, Problems.of(HttpStatus.TOO_MANY_REQUESTS, "too-many-sign-in-attempts",
				"Too many failed sign-ins", "Too many failed sign-ins for this user name or address; try again in "
						+ Math.max(1, (seconds + 59) / 60) + " minutes."),
				this.json);
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
			throws IOException {
		Problems.write(request, response, Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Not allowed",
				"Your account does not have a role that may use this endpoint."), this.json);
	}

}
