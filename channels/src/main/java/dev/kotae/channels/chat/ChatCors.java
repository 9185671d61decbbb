package dev.kotae.channels.chat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.kotae.bot.site.Sites;
import dev.kotae.bot.site.SitesChanged;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;

/**
 * CORS for the chat API: a browser may call it from any origin some site allows (read from the
 * database, cached for {@link #CACHE} or until a site changes on this node); which site an origin may use is checked per call by the
 * controller. Other paths get no CORS headers.
 */
@Component
public class ChatCors implements CorsConfigurationSource {

	static final Duration CACHE = Duration.ofSeconds(10);

	private static final List<String> PATHS = List.of("/api/v1/conversations", "/api/v1/widget/");

	private final Sites sites;

	private final Clock clock = Clock.systemUTC();

	private volatile Set<String> origins = Set.of();

	private volatile Instant loaded = Instant.MIN;

	ChatCors(Sites sites) {
		this.sites = sites;
	}

	@Override
	public CorsConfiguration getCorsConfiguration(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (PATHS.stream().noneMatch(path::startsWith)) {
			return null;
		}
		CorsConfiguration cors = new CorsConfiguration();
		cors.setAllowedOrigins(new ArrayList<>(origins()));
		cors.setAllowedMethods(List.of("GET", "POST"));
		cors.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, "Last-Event-ID"));
		cors.setExposedHeaders(List.of(HttpHeaders.LOCATION, HttpHeaders.RETRY_AFTER));
		cors.setAllowCredentials(false);
		cors.setMaxAge(Duration.ofMinutes(10));
		return cors;
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(SitesChanged event) {
		this.loaded = Instant.MIN;
	}

	private Set<String> origins() {
		Instant now = this.clock.instant();
		if (now.isAfter(this.loaded.plus(CACHE))) {
			this.origins = this.sites.allowedOrigins();
			this.loaded = now;
		}
		return this.origins;
	}

}
