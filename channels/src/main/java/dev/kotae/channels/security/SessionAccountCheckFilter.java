package dev.kotae.channels.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Checks the account behind a login session on every request: when the user was deleted or disabled,
 * their roles changed or their password was changed since the session began, the session ends there
 * and the request goes on unauthenticated (401 on the API, the login form for pages). One look-up of
 * the user by name per request. Runs right after the session's security context is read, before HTTP
 * Basic or an API token could replace it; not a bean, so that it runs only inside the security chains.
 */
class SessionAccountCheckFilter extends OncePerRequestFilter {

	/** Session attribute: a digest of the password hash the session was started with. */
	static final String CREDENTIALS = SessionAccountCheckFilter.class.getName() + ".credentials";

	private final UserDetailsService users;

	private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

	SessionAccountCheckFilter(UserDetailsService users) {
		this.users = users;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		HttpSession session = request.getSession(false);
		Authentication authentication = (session != null) ? this.contexts.getContext().getAuthentication() : null;
		if (authentication != null && authentication.isAuthenticated()
				&& !(authentication instanceof AnonymousAuthenticationToken) && !stillValid(authentication, session)) {
			session.invalidate();
			this.contexts.clearContext();
		}
		chain.doFilter(request, response);
	}

	private boolean stillValid(Authentication authentication, HttpSession session) {
		UserDetails user;
		try {
			user = this.users.loadUserByUsername(authentication.getName());
		}
		catch (UsernameNotFoundException ex) {
			return false;
		}
		if (!user.isEnabled() || !user.isAccountNonLocked() || !roles(user.getAuthorities().stream())
			.equals(roles(authentication.getAuthorities().stream()))) {
			return false;
		}
		String credentials = digest(user.getPassword());
		Object started = session.getAttribute(CREDENTIALS);
		if (started == null) {
			// the first request after signing in
			session.setAttribute(CREDENTIALS, credentials);
			return true;
		}
		return started.equals(credentials);
	}

	private static Set<String> roles(java.util.stream.Stream<? extends GrantedAuthority> authorities) {
		return authorities.map(GrantedAuthority::getAuthority)
			.filter((a) -> a.startsWith("ROLE_"))
			.collect(Collectors.toSet());
	}

	private static String digest(String passwordHash) {
		try {
			byte[] bytes = (passwordHash != null) ? passwordHash.getBytes(StandardCharsets.UTF_8) : new byte[0];
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}

}
