package dev.kotae.channels.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a sign-in attempt (the login form's POST, or any request with HTTP Basic) while
 * {@link LoginThrottle} locks its user name or address out: the form goes back to
 * {@code /login?blocked}, HTTP Basic gets a 429 problem with {@code Retry-After}. The password is not
 * even checked. Not a bean, so that it runs only inside the security chains.
 */
class LoginThrottleFilter extends OncePerRequestFilter {

	private final LoginThrottle throttle;

	private final ProblemSecurityHandlers problems;

	LoginThrottleFilter(LoginThrottle throttle, ProblemSecurityHandlers problems) {
		this.throttle = throttle;
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		boolean form = "POST".equals(request.getMethod()) && "/login".equals(request.getServletPath());
		String username = form ? request.getParameter("username") : basicUser(request);
		if (form || username != null) {
			Duration refused = this.throttle.refusedFor(username, request.getRemoteAddr());
			if (refused.isPositive()) {
				if (form) {
					response.sendRedirect(request.getContextPath() + "/login?blocked");
				}
				else {
					this.problems.tooManyAttempts(request, response, refused);
				}
				return;
			}
		}
		chain.doFilter(request, response);
	}

	/** The user name of an {@code Authorization: Basic} header, or null. */
	private static String basicUser(HttpServletRequest request) {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
			return null;
		}
		try {
			String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
			int colon = decoded.indexOf(':');
			return (colon >= 0) ? decoded.substring(0, colon) : decoded;
		}
		catch (IllegalArgumentException ex) {
			return null; // not Base64: the Basic filter refuses it
		}
	}

}
