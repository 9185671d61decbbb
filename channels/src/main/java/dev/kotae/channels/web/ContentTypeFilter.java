package dev.kotae.channels.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses a request whose {@code Content-Type} is not one media type (unparseable, or a wildcard such
 * as {@code *}{@code /*}) with 415 and a problem body, before Spring MVC, which would otherwise fail
 * with an internal error reading it. Found by the endpoint fuzz test.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class ContentTypeFilter extends OncePerRequestFilter {

	private final JsonMapper json;

	ContentTypeFilter(JsonMapper json) {
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getContentType();
		if (header != null && !header.isBlank()) {
			String problem = null;
			try {
				MediaType type = MediaType.parseMediaType(header);
				if (type.isWildcardType() || type.isWildcardSubtype()) {
					problem = "A request body has one media type, not a wildcard: " + type;
				}
			}
			catch (InvalidMediaTypeException ex) {
				problem = "The Content-Type header is not a media type.";
			}
			if (problem != null) {
				Problems.write(request, response, Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
						"Unsupported media type", problem), this.json);
				return;
			}
		}
		chain.doFilter(request, response);
	}

}
