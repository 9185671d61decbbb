package dev.kotae.channels.observability;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts the conversation id of a request about one conversation (chat API, agent messages,
 * hand-offs) into the logging context as {@value #KEY}, so that every line logged while handling it
 * carries the id (a field of its own in JSON logs). Message text is never logged.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ConversationLogContext extends OncePerRequestFilter {

	/** The logging context key. */
	public static final String KEY = "conversation.id";

	private static final Pattern CONVERSATION = Pattern
		.compile("^/api/v1/(?:conversations|handoffs)/([A-Za-z0-9_-]{1,64})(?:/.*)?$");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Matcher matcher = CONVERSATION.matcher(request.getRequestURI());
		if (!matcher.matches() || matcher.group(1).equals("events")) {
			chain.doFilter(request, response);
			return;
		}
		MDC.put(KEY, matcher.group(1));
		try {
			chain.doFilter(request, response);
		}
		finally {
			MDC.remove(KEY);
		}
	}

}
