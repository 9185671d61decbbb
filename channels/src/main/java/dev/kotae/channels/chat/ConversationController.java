package dev.kotae.channels.chat;

import java.net.URI;
import java.util.List;
import java.util.Map;

import dev.kotae.bot.conversation.Channel;
import dev.kotae.bot.conversation.Conversation;
import dev.kotae.bot.conversation.ConversationService;
import dev.kotae.bot.conversation.ConversationService.Started;
import dev.kotae.bot.conversation.Exchange;
import dev.kotae.bot.conversation.Message;
import dev.kotae.bot.conversation.NewMessage;
import dev.kotae.bot.handoff.Handoffs;
import dev.kotae.bot.site.Site;
import dev.kotae.bot.site.Sites;
import dev.kotae.channels.observability.ConversationLogContext;
import dev.kotae.channels.web.BadRequestException;
import dev.kotae.channels.web.ChatRateLimits;
import dev.kotae.channels.web.UserText;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code /api/v1/conversations}: the widget's API. Starting a conversation is public (with a site
 * key); every later call needs the conversation's token as {@code Authorization: Bearer <token>}.
 * Browsers may call it from the application's own pages and from the origins the site allows.
 */
@RestController
@RequestMapping("/api/v1/conversations")
class ConversationController {

	private static final Logger log = LoggerFactory.getLogger(ConversationController.class);

	private static final int TRANSCRIPT_LIMIT = 500;

	private final ConversationService conversations;

	private final ConversationStreams streams;

	private final ChatRateLimits limits;

	private final Sites sites;

	private final Handoffs handoffs;

	ConversationController(ConversationService conversations, ConversationStreams streams, ChatRateLimits limits,
			Sites sites, Handoffs handoffs) {
		this.handoffs = handoffs;
		this.conversations = conversations;
		this.sites = sites;
		this.streams = streams;
		this.limits = limits;
	}

	@PostMapping
	ResponseEntity<StartResponse> start(@RequestBody StartRequest request, HttpServletRequest http) {
		String siteKey = (request.siteKey() != null) ? request.siteKey() : "";
		this.limits.check(siteKey, http.getRemoteAddr());
		this.sites.find(siteKey).ifPresent((site) -> checkOrigin(site, http));
		User user = (request.user() != null) ? request.user() : new User(null, Map.of());
		Started started = this.conversations.start(siteKey, request.locale(), user.id(),
				UserText.attributes(user.attributes()), Channel.WEB);
		Conversation c = started.conversation();
		try (MDC.MDCCloseable context = MDC.putCloseable(ConversationLogContext.KEY, c.id())) {
			log.info("Conversation started on site {} in {}", c.siteKey(), c.locale().code());
		}
		return ResponseEntity.created(URI.create("/api/v1/conversations/" + c.id()))
			.body(new StartResponse(c.id(), started.token(), c.locale().code(), started.site().npsEnabled(),
					MessageView.of(started.greeting())));
	}

	@PostMapping("/{id}/messages")
	ResponseEntity<ExchangeView> post(@PathVariable String id, @RequestBody PostRequest request,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			HttpServletRequest http) {
		Conversation conversation = authorize(id, authorization, http);
		this.limits.check(conversation.siteKey(), http.getRemoteAddr());
		Exchange exchange = this.conversations.post(conversation, request.toMessage());
		if (log.isDebugEnabled()) {
			// never the text: ids, kinds and lengths only
			Message message = exchange.message();
			log.debug("Message {} ({}, {} chars) stored{}; reply {}", message.id(), message.kind().code(),
					(message.text() != null) ? message.text().length() : 0, exchange.replayed() ? " before" : "",
					(exchange.reply() != null) ? exchange.reply().kind().code() : "none");
		}
		return ResponseEntity.status(exchange.replayed() ? HttpStatus.OK : HttpStatus.CREATED)
			.body(new ExchangeView(MessageView.of(exchange.message()),
					(exchange.reply() != null) ? MessageView.of(exchange.reply()) : null));
	}

	@GetMapping("/{id}/messages")
	TranscriptView transcript(@PathVariable String id, @RequestParam(defaultValue = "0") long after,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			HttpServletRequest http) {
		Conversation conversation = authorize(id, authorization, http);
		return new TranscriptView(conversation.id(), conversation.locale().code(),
				this.conversations.transcript(conversation.id(), Math.max(0, after), TRANSCRIPT_LIMIT)
					.stream()
					.map(MessageView::of)
					.toList());
	}

	/** The push stream: Server-Sent Events, resumable with {@code Last-Event-ID} (or {@code ?after=}). */
	@GetMapping(path = "/{id}/events", produces = "text/event-stream")
	SseEmitter events(@PathVariable String id,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
			@RequestParam(required = false) Long after, HttpServletRequest http) {
		Conversation conversation = authorize(id, authorization, http);
		long from = (after != null) ? after : 0;
		if (lastEventId != null && !lastEventId.isBlank()) {
			try {
				from = Long.parseLong(lastEventId.strip());
			}
			catch (NumberFormatException ex) {
				throw new BadRequestException("Last-Event-ID", "Last-Event-ID must be a message id");
			}
		}
		return this.streams.subscribe(conversation.id(), Math.max(0, from));
	}

	@PostMapping("/{id}/messages/{messageId}/feedback")
	MessageView feedback(@PathVariable String id, @PathVariable long messageId, @RequestBody FeedbackRequest request,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			HttpServletRequest http) {
		Conversation conversation = authorize(id, authorization, http);
		if (request.helpful() == null) {
			throw new BadRequestException("helpful", "helpful must be true or false");
		}
		return MessageView.of(
				this.conversations.feedback(conversation, messageId, request.helpful(), comment(request.comment())));
	}

	@PostMapping("/{id}/rating")
	ResponseEntity<Void> rate(@PathVariable String id, @RequestBody RatingRequest request,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			HttpServletRequest http) {
		Conversation conversation = authorize(id, authorization, http);
		if (request.score() == null) {
			throw new BadRequestException("score", "score must be a number from 1 to 5");
		}
		this.conversations.rate(conversation, request.score(), comment(request.comment()), request.nps());
		return ResponseEntity.noContent().build();
	}

	/** Outside business hours: how a person can reach the user back. */
	@PostMapping("/{id}/contact")
	ResponseEntity<Void> contact(@PathVariable String id, @RequestBody ContactRequest request,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			HttpServletRequest http) {
		Conversation conversation = authorize(id, authorization, http);
		String contact = UserText.check("contact", request.contact());
		if (contact.length() > 500) {
			throw new BadRequestException("contact", "contact must be at most 500 characters");
		}
		this.handoffs.leaveContact(conversation.id(), contact);
		return ResponseEntity.noContent().build();
	}

	private Conversation authorize(String id, String authorization, HttpServletRequest http) {
		if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			throw new MissingTokenException();
		}
		Conversation conversation = this.conversations.authorize(id, authorization.substring(7).strip());
		checkOrigin(this.conversations.site(conversation), http);
		return conversation;
	}

	/** Browsers send their page's origin: it must be ours or one the site allows. */
	private static void checkOrigin(Site site, HttpServletRequest http) {
		String origin = http.getHeader(HttpHeaders.ORIGIN);
		if (origin == null || origin.equalsIgnoreCase(ownOrigin(http)) || site.allowsOrigin(origin)) {
			return;
		}
		throw new ForbiddenOriginException(origin, site.key());
	}

	private static String ownOrigin(HttpServletRequest http) {
		int port = http.getServerPort();
		boolean defaultPort = ("http".equals(http.getScheme()) && port == 80)
				|| ("https".equals(http.getScheme()) && port == 443);
		return http.getScheme() + "://" + http.getServerName() + (defaultPort ? "" : ":" + port);
	}

	private static String comment(String comment) {
		return (comment == null || comment.isBlank()) ? null : UserText.check("comment", comment);
	}

	record StartRequest(String siteKey, String locale, User user) {
	}

	record User(String id, Map<String, String> attributes) {
	}

	record StartResponse(String id, String token, String locale, boolean npsEnabled, MessageView greeting) {
	}

	/** Exactly one of {@code text}, {@code choice} or {@code action: "request_human"}. */
	record PostRequest(String clientMessageId, String text, ChoiceRef choice, String action) {

		NewMessage toMessage() {
			int given = ((this.text != null) ? 1 : 0) + ((this.choice != null) ? 1 : 0) + ((this.action != null) ? 1 : 0);
			if (given != 1) {
				throw new BadRequestException("text", "send exactly one of text, choice or action");
			}
			if (this.text != null) {
				return new NewMessage.Text(this.clientMessageId, UserText.check("text", this.text));
			}
			if (this.choice != null) {
				if (this.choice.messageId() == null || this.choice.faqId() == null) {
					throw new BadRequestException("choice", "choice needs messageId and faqId");
				}
				return new NewMessage.Pick(this.clientMessageId, this.choice.messageId(), this.choice.faqId());
			}
			if (!"request_human".equals(this.action)) {
				throw new BadRequestException("action", "the only action is 'request_human'");
			}
			return new NewMessage.HumanRequest(this.clientMessageId);
		}

	}

	record ChoiceRef(Long messageId, String faqId) {
	}

	record ExchangeView(MessageView message, MessageView reply) {
	}

	record TranscriptView(String conversationId, String locale, List<MessageView> messages) {
	}

	record FeedbackRequest(Boolean helpful, String comment) {
	}

	record RatingRequest(Integer score, String comment, Integer nps) {
	}

	record ContactRequest(String contact) {
	}

}
