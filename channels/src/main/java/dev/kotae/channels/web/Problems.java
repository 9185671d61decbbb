package dev.kotae.channels.web;

import java.net.URI;

import org.springframework.http.HttpStatusCode;
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

}
