package dev.kotae.channels.security;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import dev.kotae.channels.account.ApiTokens;
import dev.kotae.channels.account.ApiTokens.TokenUser;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The API chain's {@code Authorization: Bearer kotae_...}: a valid API token authenticates this one
 * request as its user with the token's roles (nothing is kept in a session); an unknown, revoked or
 * expired token, or one whose user is disabled, is answered 401 at once. Other bearer tokens (a
 * conversation's, on the chat API) pass through untouched. Not a bean, so that it runs only in the API
 * chain.
 */
class ApiTokenAuthenticationFilter extends OncePerRequestFilter {

	private final ObjectProvider<ApiTokens> tokens;

	private final ProblemSecurityHandlers problems;

	private final RequestMatcher ignored;

	private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

	ApiTokenAuthenticationFilter(ObjectProvider<ApiTokens> tokens, ProblemSecurityHandlers problems,
			RequestMatcher ignored) {
		this.tokens = tokens;
		this.problems = problems;
		this.ignored = ignored;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			chain.doFilter(request, response);
			return;
		}
		String secret = header.substring(7).strip();
		if (!secret.startsWith(ApiTokens.PREFIX) || this.ignored.matches(request)) {
			chain.doFilter(request, response);
			return;
		}
		ApiTokens store = this.tokens.getIfAvailable();
		Optional<TokenUser> user = (store != null) ? store.authenticate(secret) : Optional.empty();
		if (user.isEmpty()) {
			this.contexts.clearContext();
			this.problems.invalidToken(request, response);
			return;
		}
		List<SimpleGrantedAuthority> authorities = user.get()
			.roles()
			.stream()
			.map((role) -> new SimpleGrantedAuthority("ROLE_" + role))
			.toList();
		SecurityContext context = this.contexts.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user.get().username(), null,
				authorities));
		this.contexts.setContext(context);
		chain.doFilter(request, response);
	}

}
