package dev.kotae.channels.security;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

import dev.kotae.channels.chat.ChatCors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Public: search, the answer preview, health, the demo page, the widget and its chat API (which
 * checks conversation tokens itself) and static assets. Everything else needs a login; the
 * knowledge-base API needs the {@code editor} or {@code admin} role. Until user accounts are stored
 * in the database, the only user is {@code admin}.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, ProblemSecurityHandlers problems,
			ObjectProvider<ChatCors> chatCors) throws Exception {
		// CORS for the chat API (absent in web slice tests, which do not load the chat feature)
		http.cors((cors) -> chatCors.ifAvailable(cors::configurationSource)).authorizeHttpRequests((requests) -> requests
			.requestMatchers(HttpMethod.GET, "/api/v1/search")
			.permitAll()
			.requestMatchers(HttpMethod.POST, "/api/v1/answer")
			.permitAll()
			.requestMatchers("/actuator/health", "/actuator/health/**", "/error")
			.permitAll()
			.requestMatchers(HttpMethod.GET, "/", "/index.html", "/favicon.ico", "/assets/**", "/widget.js", "/widget/**")
			.permitAll()
			.requestMatchers("/api/v1/handoffs", "/api/v1/handoffs/**", "/api/v1/conversations/*/agent-messages",
					"/api/v1/operator/**",
					"/operator", "/operator/**")
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
			.requestMatchers("/api/v1/faqs", "/api/v1/faqs/**", "/api/v1/synonyms", "/api/v1/synonyms/**",
					"/api/v1/out-of-scope", "/api/v1/out-of-scope/**", "/api/v1/sites", "/api/v1/sites/**")
			.hasAnyRole(Roles.ADMIN, Roles.EDITOR)
			.requestMatchers("/api/v1/unanswered", "/api/v1/unanswered/**")
			.hasAnyRole(Roles.ADMIN, Roles.EDITOR)
			.requestMatchers(HttpMethod.GET, "/api/v1/analytics", "/api/v1/analytics/**")
			.hasAnyRole(Roles.ADMIN, Roles.EDITOR, Roles.AGENT)
			.requestMatchers("/api/v1/voc", "/api/v1/voc/**")
			.hasRole(Roles.ADMIN)
			.anyRequest()
			.authenticated())
			.httpBasic((basic) -> basic.authenticationEntryPoint(problems))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			// the API is stateless (HTTP Basic on every call), so there is no session cookie to forge
			.csrf((csrf) -> csrf.ignoringRequestMatchers("/api/**", "/slack/**", "/line/**"))
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		return http.build();
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	UserDetailsService users(SecurityProperties properties, PasswordEncoder encoder) {
		String password = properties.adminPassword();
		if (password == null || password.isBlank()) {
			byte[] random = new byte[18];
			new SecureRandom().nextBytes(random);
			password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
			log.warn("No KOTAE_ADMIN_PASSWORD set; generated a password for the user 'admin': {}", password);
		}
		InMemoryUserDetailsManager users = new InMemoryUserDetailsManager(User.withUsername("admin")
			.password(encoder.encode(password))
			.roles(Roles.ADMIN, Roles.EDITOR, Roles.AGENT)
			.build());
		for (SecurityProperties.ConfiguredUser user : properties.users()) {
			if (user.name() == null || user.name().isBlank() || user.password() == null || user.password().isBlank()) {
				throw new IllegalStateException("kotae.security.users: every user needs a name and a password");
			}
			String[] roles = ((user.roles() != null) ? user.roles() : List.<String>of()).stream().map((r) -> r.strip().toUpperCase(java.util.Locale.ROOT)).toArray(String[]::new);
			for (String role : roles) {
				if (!List.of(Roles.ADMIN, Roles.EDITOR, Roles.AGENT).contains(role)) {
					throw new IllegalStateException("kotae.security.users." + user.name() + ": unknown role " + role);
				}
			}
			String stored = user.password().startsWith("{") ? user.password() : encoder.encode(user.password());
			users.createUser(User.withUsername(user.name()).password(stored).roles(roles).build());
		}
		return users;
	}

}
