package dev.kotae.channels.web;

import java.io.IOException;
import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * RFC 9457 problem details with Kotae's stable problem types ({@code urn:kotae:problem:<slug>}), so
 * that clients can branch on {@code type} instead of parsing messages.
 */
public final class Problems {

	private Problems() {
	}

	public static ProblemDetail of(HttpStatusCode status, String slug, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create("urn:kotae:problem:" + slug));
		problem.setTitle(title);
		return problem;
	}

	/**
	 * Writes a problem as the response body, for code outside Spring MVC (filters, security
	 * handlers) that cannot return one.
	 */
	public static void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem,
			JsonMapper json) throws IOException {
		problem.setInstance(URI.create(request.getRequestURI()));
		response.setStatus(problem.getStatus());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		json.writeValue(response.getOutputStream(), problem);
	}

}
