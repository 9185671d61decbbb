package dev.kotae.channels.security;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

import dev.kotae.channels.account.ApiTokens;
import dev.kotae.channels.account.UserAccounts;
import dev.kotae.channels.chat.ChatCors;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.logout.SimpleUrlLogoutSuccessHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Two filter chains. The API chain ({@code /api/**}, {@code /slack/**}, {@code /line/**}) takes HTTP
 * Basic or an API token ({@code Authorization: Bearer kotae_...}) on every call and never creates a
 * session, but reads the session of a browser signed in through the login form (the operator console);
 * a state-changing call authenticated by that session must send the CSRF token ({@code X-XSRF-TOKEN},
 * from the {@code XSRF-TOKEN} cookie), calls with an {@code Authorization} header (Basic, an API token,
 * a conversation's bearer token) need none. The page chain (everything else) has the form login at
 * {@code /login}, a session cookie, CSRF on forms and {@code /logout}. Public: search, the answer
 * preview, health, the demo page, the widget and its chat API (which checks conversation tokens
 * itself), LINE's and Slack's webhooks (signed) and static assets.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

	private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

	/** Public API calls that browsers make without a login (the widget): never CSRF-checked. */
	private static final RequestMatcher PUBLIC_API_WRITES = new OrRequestMatcher(
			PathPatternRequestMatcher.pathPattern(HttpMethod.POST, "/api/v1/answer"),
			PathPatternRequestMatcher.pathPattern("/api/v1/conversations"),
			PathPatternRequestMatcher.pathPattern("/api/v1/conversations/*/messages"),
			PathPatternRequestMatcher.pathPattern("/api/v1/conversations/*/messages/**"),
			PathPatternRequestMatcher.pathPattern("/api/v1/widget/**"),
			PathPatternRequestMatcher.pathPattern("/slack/**"), PathPatternRequestMatcher.pathPattern("/line/**"));

	/** The chat API, whose bearer tokens are conversations' own, never API tokens. */
	private static final RequestMatcher CHAT_API = new OrRequestMatcher(
			PathPatternRequestMatcher.pathPattern("/api/v1/conversations"),
			PathPatternRequestMatcher.pathPattern("/api/v1/conversations/**"),
			PathPatternRequestMatcher.pathPattern("/api/v1/widget/**"));

	@Bean
	@Order(1)
	SecurityFilterChain apiSecurityFilterChain(HttpSecurity http, ProblemSecurityHandlers problems,
			ObjectProvider<ChatCors> chatCors, ObjectProvider<ApiTokens> tokens, LoginThrottle throttle,
			UserDetailsService users) throws Exception {
		http.securityMatcher("/api/**", "/slack/**", "/line/**");
		// CORS for the chat API (absent in web slice tests, which do not load the chat feature)
		http.cors((cors) -> chatCors.ifAvailable(cors::configurationSource)).authorizeHttpRequests((requests) -> requests
			.requestMatchers(HttpMethod.GET, "/api/v1/search")
			.permitAll()
			.requestMatchers(HttpMethod.POST, "/api/v1/answer")
			.permitAll()
			.requestMatchers("/api/v1/handoffs", "/api/v1/handoffs/**", "/api/v1/conversations/*/agent-messages",
					"/api/v1/operator/**")
			.hasAnyRole(Roles.ADMIN, Roles.AGENT)
			// Slack's calls: Bolt verifies the signing secret on every request itself
			.requestMatchers(HttpMethod.POST, "/slack/events")
			.permitAll()
			// LINE's webhook: it verifies X-Line-Signature on every request itself
			.requestMatchers(HttpMethod.POST, "/line/webhook")
			.permitAll()
			// the chat API checks the site key and each conversation's own bearer token itself
			.requestMatchers("/api/v1/conversations", "/api/v1/conversations/**", "/api/v1/widget/**")
			.permitAll()
			// sites (keys, allowed origins) are the admins'; editors may read them
			.requestMatchers(HttpMethod.PUT, "/api/v1/sites", "/api/v1/sites/**")
			.hasRole(Roles.ADMIN)
			.requestMatchers("/api/v1/faqs", "/api/v1/faqs/**", "/api/v1/synonyms", "/api/v1/synonyms/**",
					"/api/v1/out-of-scope", "/api/v1/out-of-scope/**", "/api/v1/sites", "/api/v1/sites/**")
			.hasAnyRole(Roles.ADMIN, Roles.EDITOR)
			.requestMatchers(HttpMethod.GET, "/api/v1/nlu/status")
			.hasAnyRole(Roles.ADMIN, Roles.EDITOR, Roles.AGENT)
			.requestMatchers("/api/v1/unanswered", "/api/v1/unanswered/**", "/api/v1/nlu", "/api/v1/nlu/**")
			.hasAnyRole(Roles.ADMIN, Roles.EDITOR)
			.requestMatchers(HttpMethod.GET, "/api/v1/analytics", "/api/v1/analytics/**", "/api/v1/me")
			.hasAnyRole(Roles.ADMIN, Roles.EDITOR, Roles.AGENT)
			.requestMatchers("/api/v1/voc", "/api/v1/voc/**", "/api/v1/users", "/api/v1/users/**", "/api/v1/audit",
					"/api/v1/audit/**", "/api/v1/tokens", "/api/v1/tokens/**")
			.hasRole(Roles.ADMIN)
			.anyRequest()
			.authenticated())
			.httpBasic((basic) -> basic.authenticationEntryPoint(problems))
			// API tokens (Authorization: Bearer kotae_...), per request; the chat API's own bearer tokens pass by
			.addFilterBefore(new ApiTokenAuthenticationFilter(tokens, problems, CHAT_API), BasicAuthenticationFilter.class)
			.addFilterBefore(new LoginThrottleFilter(throttle, problems), BasicAuthenticationFilter.class)
			// a login session whose user was disabled, deleted or changed ends at once
			.addFilterAfter(new SessionAccountCheckFilter(users), SecurityContextHolderFilter.class)
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			// only calls authenticated by the login session's cookie can be forged by another site
			.csrf((csrf) -> csrf.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
				.csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
				.requireCsrfProtectionMatcher(SecurityConfiguration::authenticatedBySession))
			// reads the form login's session, never creates one: Basic is checked on every call
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.NEVER))
			.requestCache((cache) -> cache.requestCache(new NullRequestCache()));
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain pageSecurityFilterChain(HttpSecurity http, ProblemSecurityHandlers problems,
			LoginThrottle throttle, UserDetailsService users) throws Exception {
		http.authorizeHttpRequests((requests) -> requests
			.requestMatchers("/actuator/health", "/actuator/health/**", "/error")
			.permitAll()
			// Prometheus scrapes with HTTP Basic as an admin
			.requestMatchers("/actuator/prometheus")
			.hasRole(Roles.ADMIN)
			.requestMatchers(HttpMethod.GET, "/", "/index.html", "/favicon.ico", "/assets/**", "/widget.js", "/widget/**")
			.permitAll()
			// the login form with any notice (?error, ?logout, ?blocked)
			.requestMatchers(HttpMethod.GET, "/login")
			.permitAll()
			.requestMatchers("/operator", "/operator/**")
			.hasAnyRole(Roles.ADMIN, Roles.AGENT)
			// the workspace: users and audit for admins, analytics also for agents, the rest for editors
			.requestMatchers("/admin/users", "/admin/users/**")
			.hasRole(Roles.ADMIN)
			.requestMatchers("/admin/analytics", "/admin/analytics/**", "/admin/common.js", "/admin/admin.css")
			.hasAnyRole(Roles.ADMIN, Roles.EDITOR, Roles.AGENT)
			.requestMatchers("/admin", "/admin/**")
			.hasAnyRole(Roles.ADMIN, Roles.EDITOR)
			.anyRequest()
			.authenticated())
			// the login form at /login (LoginPageController, with the CSRF token), then back to the page asked for
			.formLogin((form) -> form.loginPage("/login").permitAll())
			.logout((logout) -> logout.logoutSuccessHandler(loggedOut()).permitAll())
			// tools may still send HTTP Basic; it does not create a session
			.httpBasic((basic) -> basic.authenticationEntryPoint(problems))
			// too many failed sign-ins (form or Basic) lock the user name or address out for a while
			.addFilterBefore(new LoginThrottleFilter(throttle, problems), UsernamePasswordAuthenticationFilter.class)
			.addFilterAfter(new SessionAccountCheckFilter(users), SecurityContextHolderFilter.class)
			.exceptionHandling((exceptions) -> exceptions
				.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
						AnyRequestMatcher.INSTANCE)
				.accessDeniedHandler(problems))
			// XSRF-TOKEN cookie readable by the console's script, which sends it back as X-XSRF-TOKEN
			.csrf((csrf) -> csrf.spa());
		return http.build();
	}

	/** Back to the login form, whatever the request accepts (not HTTP Basic's bare 204). */
	private static SimpleUrlLogoutSuccessHandler loggedOut() {
		SimpleUrlLogoutSuccessHandler handler = new SimpleUrlLogoutSuccessHandler();
		handler.setDefaultTargetUrl("/login?logout");
		return handler;
	}

	/**
	 * A state-changing call that carries the session cookie and no Authorization header, whose user
	 * comes from the login session: the only kind another site can make a browser send.
	 */
	private static boolean authenticatedBySession(HttpServletRequest request) {
		if (SAFE_METHODS.contains(request.getMethod()) || request.getHeader(HttpHeaders.AUTHORIZATION) != null
				|| request.getRequestedSessionId() == null || PUBLIC_API_WRITES.matches(request)) {
			return false;
		}
		// the context so far is the session's: Basic is read after the CSRF check
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication != null && authentication.isAuthenticated()
				&& !(authentication instanceof AnonymousAuthenticationToken);
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	/** The users in the database; web slice tests without a database get the configured ones in memory. */
	@Bean
	UserDetailsService users(ObjectProvider<UserAccounts> accounts, SecurityProperties properties,
			PasswordEncoder encoder) {
		UserAccounts stored = accounts.getIfAvailable();
		if (stored != null) {
			return (username) -> stored.loadUser(username)
				.orElseThrow(() -> new UsernameNotFoundException("no such user"));
		}
		return inMemory(properties, encoder);
	}

	private static UserDetailsService inMemory(SecurityProperties properties, PasswordEncoder encoder) {
		String password = properties.adminPassword();
		if (password == null || password.isBlank()) {
			byte[] random = new byte[18];
			new SecureRandom().nextBytes(random);
			password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
			log.warn("No KOTAE_ADMIN_PASSWORD set; generated a password for the user 'admin': {}", password);
		}
		InMemoryUserDetailsManager users = new InMemoryUserDetailsManager(User.withUsername(UserAccounts.ADMIN)
			.password(encoder.encode(password))
			.roles(Roles.ADMIN, Roles.EDITOR, Roles.AGENT)
			.build());
		for (SecurityProperties.ConfiguredUser user : properties.users()) {
			String[] roles = Roles.parse(user.roles()).toArray(String[]::new);
			String stored = user.password().startsWith("{") ? user.password() : encoder.encode(user.password());
			users.createUser(User.withUsername(user.name()).password(stored).roles(roles).build());
		}
		return users;
	}

}
