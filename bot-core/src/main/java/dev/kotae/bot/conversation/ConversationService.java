package dev.kotae.bot.conversation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import dev.kotae.bot.conversation.Message.Choice;
import dev.kotae.bot.conversation.Message.Kind;
import dev.kotae.bot.conversation.Message.Sender;
import dev.kotae.bot.policy.Answer;
import dev.kotae.bot.policy.Answerer;
import dev.kotae.bot.policy.Decision;
import dev.kotae.bot.handoff.HandoffTexts;
import dev.kotae.bot.handoff.Handoffs;
import dev.kotae.bot.site.Site;
import dev.kotae.bot.site.Sites;
import dev.kotae.bot.voc.PiiMasker;
import dev.kotae.kb.faq.Faq;
import dev.kotae.kb.faq.InvalidInputException;
import dev.kotae.kb.faq.InvalidInputException.Violation;
import dev.kotae.kb.faq.Language;
import dev.kotae.kb.faq.PublishedFaqs;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts conversations and handles what end users send. A user's message is masked and committed
 * before the bot works out its reply, which is committed on its own; both are stored through
 * {@link Transcripts#append}, which publishes {@link MessageAdded} after their commit. A message sent again with the same client id returns the
 * first result and stores nothing twice (a reply lost to a crash is worked out again).
 */
@Service
public class ConversationService {

	/** Longest message a user may send, in characters. */
	public static final int MAX_TEXT = 2000;

	/** Longest feedback or rating comment, in characters. */
	public static final int MAX_COMMENT = 2000;

	/** How many popular FAQs a greeting offers. */
	static final int POPULAR = 5;

	/** How far back "popular" looks. */
	static final Duration POPULAR_WINDOW = Duration.ofDays(30);

	/**
	 * How long a site's most answered FAQs are reused before they are counted again: counting scans a
	 * month of answers, far too much for every new conversation (it dominated the load test).
	 */
	static final Duration POPULAR_REFRESH = Duration.ofMinutes(1);

	/** Per site: the most answered FAQ ids, and when they were counted. */
	private final Map<String, MostAnswered> mostAnswered = new ConcurrentHashMap<>();

	/** What a notice asking for the user's contact (outside business hours) is about. */
	public static final String OFFLINE_CONTACT = "offline_contact";

	/** Reason of a hand-off after two "not helpful" votes. */
	static final String NOT_HELPFUL = "not_helpful";

	/** Reason of a hand-off after the bot could not answer twice in a row. */
	static final String REPEATED_FAILURE = "repeated_failure";

	private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

	private static final SecureRandom RANDOM = new SecureRandom();

	private final ConversationRepository repository;

	private final Sites sites;

	private final PublishedFaqs faqs;

	private final Answerer answerer;

	private final PiiMasker masker;

	private final Handoffs handoffs;

	private final Transcripts transcripts;

	private final TransactionTemplate tx;

	private final Clock clock;

	ConversationService(ConversationRepository repository, Sites sites, PublishedFaqs faqs, Answerer answerer,
			PiiMasker masker, Handoffs handoffs, Transcripts transcripts, PlatformTransactionManager transactions,
			ObjectProvider<Clock> clock) {
		this.handoffs = handoffs;
		this.transcripts = transcripts;
		this.repository = repository;
		this.sites = sites;
		this.faqs = faqs;
		this.answerer = answerer;
		this.masker = masker;
		this.tx = new TransactionTemplate(transactions);
		this.clock = clock.getIfAvailable(Clock::systemUTC);
	}

	/**
	 * A new conversation and its token.
	 *
	 * @param conversation as stored
	 * @param token the bearer token for every later call; only its hash is stored
	 * @param greeting the bot's first message, with popular FAQs as choices
	 * @param site the site it runs on
	 */
	public record Started(Conversation conversation, String token, Message greeting, Site site) {
	}

	/**
	 * Starts a conversation on a site.
	 * @param locale {@code ja}, {@code en}, or {@code null} for the site's default
	 * @throws InvalidInputException for an unknown site, locale or bad attributes
	 */
	public Started start(String siteKey, String locale, String userId, Map<String, String> attributes,
			Channel channel) {
		List<Violation> violations = new ArrayList<>();
		Optional<Site> site = this.sites.find(siteKey);
		if (site.isEmpty()) {
			violations.add(new Violation("siteKey", "unknown site key '" + siteKey + "'"));
		}
		Language language = null;
		if (locale != null && !locale.isBlank()) {
			language = Language.parse(locale).orElse(null);
			if (language == null) {
				violations.add(new Violation("locale", "unknown locale '" + locale + "'; use 'ja' or 'en'"));
			}
		}
		if (userId != null && (userId.length() > 200 || userId.chars().anyMatch(Character::isISOControl))) {
			violations.add(new Violation("user.id", "must be at most 200 characters without control characters"));
		}
		if (!violations.isEmpty()) {
			throw new InvalidInputException(violations);
		}
		Map<String, String> clean = Attributes.check(attributes);
		Language lang = (language != null) ? language : site.get().defaultLocale();
		String token = newToken();
		Instant created = now();
		Conversation conversation = new Conversation(UUID.randomUUID().toString(), site.get().key(), channel, lang,
				userId, clean, created, Conversation.Status.BOT, !this.handoffs.businessHours().isOpen(created));
		List<Choice> popular = popular(site.get(), lang, clean);
		Message greeting = committed(() -> {
			this.repository.insert(conversation, hash(token));
			return this.transcripts.append(botMessage(conversation, null, Kind.GREETING,
					Replies.get(lang, popular.isEmpty() ? "greeting.empty" : "greeting"), null, null, null, popular));
		});
		return new Started(conversation, token, greeting, site.get());
	}

	/**
	 * The one conversation of a user on a channel that has no tokens of its own (LINE: one user, one
	 * thread over time): the user's existing conversation, or a new one on {@code siteKey}.
	 * @param userId the channel's id for the user (e.g. a LINE user id)
	 * @return the conversation, and its greeting when it was just started (else {@code null})
	 */
	public Started forChannelUser(Channel channel, String siteKey, String userId, String locale,
			Map<String, String> attributes) {
		Optional<Conversation> existing = this.repository.latestOf(channel, userId);
		if (existing.isPresent()) {
			return new Started(existing.get(), null, null, site(existing.get()));
		}
		return start(siteKey, locale, userId, attributes, channel);
	}

	/** The conversation of a user on a channel without tokens (e.g. a LINE user id), if there is one. */
	public Optional<Conversation> findForChannelUser(Channel channel, String userId) {
		return this.repository.latestOf(channel, userId);
	}

	/**
	 * Greets a returning user again (e.g. a LINE user who follows the account again): a new greeting
	 * message with today's popular FAQs.
	 */
	public Message greet(Conversation conversation) {
		Site site = site(conversation);
		List<Choice> popular = popular(site, conversation.locale(), conversation.attributes());
		return committed(() -> this.transcripts.append(botMessage(conversation, null, Kind.GREETING,
				Replies.get(conversation.locale(), popular.isEmpty() ? "greeting.empty" : "greeting"), null, null, null,
				popular)));
	}

	/** Ends a conversation (e.g. the user blocked the LINE account): closes any hand-off, status closed. */
	public void end(Conversation conversation, String reason) {
		this.handoffs.open(conversation.id())
			.ifPresent((h) -> this.handoffs.close(conversation.id(), h.agent(), reason));
		this.tx.executeWithoutResult((s) -> this.repository.status(conversation.id(), Conversation.Status.CLOSED));
	}

	/**
	 * The conversation a token opens.
	 * @throws ConversationNotFoundException when there is no such conversation
	 * @throws ConversationAccessDeniedException when the token is not its token
	 */
	public Conversation authorize(String conversationId, String token) {
		ConversationRepository.WithTokenHash found = this.repository.findWithTokenHash(conversationId)
			.orElseThrow(() -> new ConversationNotFoundException("No conversation has the id " + conversationId + "."));
		if (token == null || !MessageDigest.isEqual(found.tokenHash().getBytes(StandardCharsets.US_ASCII),
				hash(token).getBytes(StandardCharsets.US_ASCII))) {
			throw new ConversationAccessDeniedException();
		}
		return found.conversation();
	}

	/** The site a conversation runs on. */
	public Site site(Conversation conversation) {
		return this.sites.find(conversation.siteKey()).orElseThrow();
	}

	/** Handles one user message: stores it, then the bot's reply. */
	public Exchange post(Conversation conversation, NewMessage message) {
		String clientId = message.clientMessageId();
		if (clientId == null || !CLIENT_ID.matcher(clientId).matches()) {
			throw new InvalidInputException(List.of(new Violation("clientMessageId",
					"required: 1–100 letters, digits, '.', '_', ':' or '-' (e.g. a UUID)")));
		}
		Message user = userMessage(conversation, message);
		Message stored;
		try {
			stored = committed(() -> this.transcripts.append(user));
		}
		catch (DuplicateKeyException ex) {
			// sent again (a retry, or twice at once): the first one is stored, with its reply or one now
			// (inserting first and reading only on a conflict saves a read on every new message)
			Message first = this.repository.byClientId(conversation.id(), clientId).orElseThrow(() -> ex);
			return new Exchange(first, this.repository.replyTo(first.id()).orElseGet(() -> reply(conversation, first)),
					true);
		}
		return new Exchange(stored, reply(conversation, stored), false);
	}

	/** The messages after {@code afterId} (0 = from the start), oldest first, at most {@code limit}. */
	public List<Message> transcript(String conversationId, long afterId, int limit) {
		return this.repository.messages(conversationId, afterId, limit);
	}

	/** Records the user's "was this helpful?" vote on a bot answer (a later vote replaces it). */
	public Message feedback(Conversation conversation, long messageId, boolean helpful, String comment) {
		Message message = this.repository.message(conversation.id(), messageId)
			.orElseThrow(() -> new ConversationNotFoundException("The conversation has no message " + messageId + "."));
		if (message.sender() != Sender.BOT || message.kind() != Kind.ANSWER) {
			throw new InvalidInputException(
					List.of(new Violation("messageId", "only the bot's answers take a helpful vote")));
		}
		String clean = comment(comment, "comment");
		this.tx.executeWithoutResult((s) -> this.repository.feedback(messageId, helpful, clean, now()));
		if (!helpful) {
			handOverAfterNotHelpful(conversation.id());
		}
		return this.repository.message(conversation.id(), messageId).orElseThrow();
	}

	/**
	 * Records the end-of-chat survey (a later one replaces it).
	 * @param score CSAT, 1–5
	 * @param nps 0–10, only when the site asks it; may be {@code null}
	 */
	public void rate(Conversation conversation, int score, String comment, Integer nps) {
		List<Violation> violations = new ArrayList<>();
		if (score < 1 || score > 5) {
			violations.add(new Violation("score", "must be 1 to 5"));
		}
		if (nps != null && !site(conversation).npsEnabled()) {
			violations.add(new Violation("nps", "this site does not ask the NPS question"));
		}
		else if (nps != null && (nps < 0 || nps > 10)) {
			violations.add(new Violation("nps", "must be 0 to 10"));
		}
		if (!violations.isEmpty()) {
			throw new InvalidInputException(violations);
		}
		String clean = comment(comment, "comment");
		this.tx.executeWithoutResult(
				(s) -> this.repository.rate(conversation.id(), score, clean, nps, now()));
	}

	private List<String> mostAnswered(String siteKey) {
		Instant now = now();
		MostAnswered cached = this.mostAnswered.get(siteKey);
		if (cached == null || !now.isBefore(cached.countedAt().plus(POPULAR_REFRESH))
				|| now.isBefore(cached.countedAt())) {
			cached = new MostAnswered(this.repository.mostAnswered(siteKey, now.minus(POPULAR_WINDOW), 50), now);
			this.mostAnswered.put(siteKey, cached);
		}
		return cached.faqIds();
	}

	private record MostAnswered(List<String> faqIds, Instant countedAt) {
	}

	/** Pinned FAQs first, then the most answered on the site in the last 30 days, then others. */
	List<Choice> popular(Site site, Language language, Map<String, String> attributes) {
		LinkedHashSet<String> ids = new LinkedHashSet<>(site.pinnedFaqIds());
		ids.addAll(mostAnswered(site.key()));
		List<Choice> popular = new ArrayList<>();
		for (String id : ids) {
			this.faqs.get(id)
				.filter((faq) -> faq.locale() == language && faq.audience().matches(attributes))
				.filter((faq) -> popular.size() < POPULAR)
				.ifPresent((faq) -> popular.add(new Choice(faq.id(), faq.question())));
		}
		if (popular.size() < POPULAR) {
			// a new site has no history yet: fill up with FAQs in a stable order
			this.faqs.all()
				.stream()
				.filter((faq) -> faq.locale() == language && faq.audience().matches(attributes) && !ids.contains(faq.id()))
				.sorted(java.util.Comparator.comparing(Faq::id))
				.limit(POPULAR - popular.size())
				.forEach((faq) -> popular.add(new Choice(faq.id(), faq.question())));
		}
		return popular;
	}

	private Message userMessage(Conversation conversation, NewMessage message) {
		return switch (message) {
			case NewMessage.Text t -> {
				String text = (t.text() == null) ? "" : t.text().strip();
				if (text.isEmpty() || text.length() > MAX_TEXT) {
					throw new InvalidInputException(
							List.of(new Violation("text", "must be 1 to " + MAX_TEXT + " characters")));
				}
				if (text.chars().anyMatch((c) -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
					throw new InvalidInputException(List.of(new Violation("text", "must not contain control characters")));
				}
				yield userMessage(conversation, t.clientMessageId(), Kind.TEXT, this.masker.mask(text), null);
			}
			case NewMessage.Pick p -> {
				Message offer = this.repository.message(conversation.id(), p.messageId())
					.filter((m) -> m.kind() == Kind.CHOICES || m.kind() == Kind.GREETING)
					.orElseThrow(() -> new InvalidInputException(List.of(new Violation("choice.messageId",
							"not a message of this conversation that offers choices"))));
				Choice choice = offer.choices()
					.stream()
					.filter((c) -> c.faqId().equals(p.faqId()))
					.findFirst()
					.orElseThrow(() -> new InvalidInputException(
							List.of(new Violation("choice.faqId", "not one of the choices that message offered"))));
				yield userMessage(conversation, p.clientMessageId(), Kind.CHOICE, choice.question(), choice.faqId());
			}
			case NewMessage.HumanRequest h -> userMessage(conversation, h.clientMessageId(), Kind.HUMAN_REQUEST,
					Replies.get(conversation.locale(), "human_request"), null);
		};
	}

	private Message userMessage(Conversation conversation, String clientId, Kind kind, String text, String faqId) {
		return new Message(0, conversation.id(), clientId, Sender.USER, kind, text, null, faqId, null, null, List.of(),
				now(), null);
	}

	/**
	 * Works out and stores the bot's reply to a stored user message: nothing while an agent has the
	 * conversation, the queue position while it waits for one, else the bot's decision (a hand-off
	 * when it escalates, or when it could not answer twice in a row).
	 */
	private Message reply(Conversation conversation, Message user) {
		Conversation now = this.repository.find(conversation.id()).orElseThrow();
		switch (now.status()) {
			case AGENT:
				return null;
			case WAITING:
				return committed(() -> queued(now, user));
			case CLOSED:
				this.repository.status(now.id(), Conversation.Status.BOT, Conversation.Status.CLOSED);
				break;
			default:
				break;
		}
		Message reply = switch (user.kind()) {
			case CHOICE -> this.faqs.get(user.faqId())
				.map((faq) -> botMessage(now, user, Kind.ANSWER, faq.answer(), faq.id(), "picked", 1.0, List.of()))
				.orElseGet(() -> escalation(now, user, Decision.EscalationReason.LOW_CONFIDENCE, 0.0));
			case HUMAN_REQUEST -> escalation(now, user, Decision.EscalationReason.REQUESTED_HUMAN, 1.0);
			default -> decide(now, user);
		};
		if (reply.kind() == Kind.CHOICES && failedBefore(now, user)) {
			reply = botMessage(now, user, Kind.ESCALATE, null, null, REPEATED_FAILURE, reply.confidence(),
					List.of());
		}
		Message decided = reply;
		return committed(() -> (decided.kind() == Kind.ESCALATE) ? handOver(now, decided)
				: this.transcripts.append(decided));
	}

	/**
	 * A second "not helpful" vote since the bot last handed over (or since the start) hands the
	 * conversation to a person, if the bot still has it.
	 */
	private void handOverAfterNotHelpful(String conversationId) {
		Conversation now = this.repository.find(conversationId).orElseThrow();
		if (now.status() != Conversation.Status.BOT && now.status() != Conversation.Status.CLOSED) {
			return;
		}
		long since = this.repository.recentMessages(conversationId, 200)
			.stream()
			.filter((m) -> m.kind() == Kind.ESCALATE || m.kind() == Kind.NOTICE)
			.mapToLong(Message::id)
			.findFirst()
			.orElse(0);
		if (this.repository.notHelpfulVotes(conversationId, since) >= 2) {
			Message escalate = botMessage(now, null, Kind.ESCALATE, null, null, NOT_HELPFUL, null, List.of());
			committed(() -> handOver(now, escalate));
		}
	}

	/** Whether the bot's previous reply to a typed message offered choices the user did not pick. */
	private boolean failedBefore(Conversation conversation, Message user) {
		if (user.kind() != Kind.TEXT) {
			return false;
		}
		for (Message m : this.repository.recentMessages(conversation.id(), 4)) {
			if (m.id() == user.id()) {
				continue;
			}
			// the last message before this one tells: choices left unpicked, or anything else
			return m.sender() == Sender.BOT && m.kind() == Kind.CHOICES;
		}
		return false;
	}

	/** Queues the conversation for a person and stores the bot's escalation message saying so. */
	private Message handOver(Conversation conversation, Message escalate) {
		Handoffs.Escalation escalation = this.handoffs.request(conversation, escalate.reason());
		Language language = conversation.locale();
		String text;
		if (escalation.offline()) {
			text = (escalation.backAt() != null)
					? HandoffTexts.get(language, "offline", HandoffTexts.time(language, escalation.backAt()))
					: HandoffTexts.get(language, "offline.closed");
		}
		else {
			String said = switch (escalate.reason()) {
				case NOT_HELPFUL, REPEATED_FAILURE -> HandoffTexts.get(language, "escalate." + escalate.reason());
				default -> Replies.get(language, "escalate." + escalate.reason());
			};
			text = said + " " + HandoffTexts.get(language, "queue", escalation.queuePosition());
		}
		Message stored = this.transcripts.append(new Message(0, escalate.conversationId(), null, Sender.BOT,
				Kind.ESCALATE, text, escalate.replyTo(), null, escalate.reason(), escalate.confidence(), List.of(),
				escalate.createdAt(), null));
		if (escalation.offline() && escalation.handoff().contact() == null) {
			// asks channels that can show a form (the widget) for a way to reach the user back
			this.transcripts.append(new Message(0, escalate.conversationId(), null, Sender.SYSTEM, Kind.NOTICE,
					HandoffTexts.get(language, "offline.contact_prompt"), null, null, OFFLINE_CONTACT, null, List.of(),
					escalate.createdAt(), null));
		}
		return stored;
	}

	/** The reply to a user who waits for a person: where they are, or that the message was noted. */
	private Message queued(Conversation conversation, Message user) {
		Language language = conversation.locale();
		String text = this.handoffs.open(conversation.id())
			.map((h) -> (h.status() == dev.kotae.bot.handoff.HandoffStatus.OFFLINE)
					? HandoffTexts.get(language, "offline.noted")
					: HandoffTexts.get(language, "queued", this.handoffs.queuePosition(h)))
			.orElse(HandoffTexts.get(language, "offline.noted"));
		return this.transcripts.append(botMessage(conversation, user, Kind.QUEUED, text, null, null, null, List.of()));
	}

	private Message decide(Conversation conversation, Message user) {
		Answer answer = this.answerer.answer(user.text(), languageOf(user.text(), conversation.locale()),
				conversation.attributes());
		Decision d = answer.decision();
		return switch (d.kind()) {
			case ANSWER -> botMessage(conversation, user, Kind.ANSWER, answer.faq().answer(), answer.faq().id(), null,
					d.confidence(), List.of());
			case CHOICES -> botMessage(conversation, user, Kind.CHOICES, Replies.get(answer.locale(), "choices"), null,
					null, d.confidence(),
					answer.choices().stream().map((f) -> new Choice(f.id(), f.question())).toList());
			case SMALLTALK -> botMessage(conversation, user, Kind.SMALLTALK,
					Replies.get(answer.locale(), "smalltalk." + d.systemIntent()), null, d.systemIntent(),
					d.confidence(), List.of());
			case ESCALATE -> escalation(conversation, user, d.reason(), d.confidence());
		};
	}

	private Message escalation(Conversation conversation, Message user, Decision.EscalationReason reason,
			double confidence) {
		String code = reason.name().toLowerCase(java.util.Locale.ROOT);
		return botMessage(conversation, user, Kind.ESCALATE, null, null, code, confidence, List.of());
	}

	private Message botMessage(Conversation conversation, Message replyTo, Kind kind, String text, String faqId,
			String reason, Double confidence, List<Choice> choices) {
		return new Message(0, conversation.id(), null, Sender.BOT, kind, text, (replyTo != null) ? replyTo.id() : null,
				faqId, reason, confidence, choices, now(), null);
	}

	/**
	 * The language to answer a message in: Japanese when it has Japanese script; English when it has
	 * none and at least three Latin words in a Japanese conversation; else the conversation's.
	 */
	static Language languageOf(String text, Language conversation) {
		if (Language.detect(text) == Language.JA) {
			return Language.JA;
		}
		if (conversation == Language.JA && text.strip().split("\\s+").length >= 3 && text.matches("(?s).*\\p{IsLatin}.*")) {
			return Language.EN;
		}
		return conversation;
	}

	private String comment(String comment, String field) {
		if (comment == null || comment.isBlank()) {
			return null;
		}
		String text = comment.strip();
		if (text.length() > MAX_COMMENT) {
			throw new InvalidInputException(List.of(new Violation(field, "must be at most " + MAX_COMMENT + " characters")));
		}
		return this.masker.mask(text);
	}

	/**
	 * Runs {@code work} in its own transaction; the messages it appends ({@link Transcripts#append})
	 * are published as {@link MessageCommitting} inside it and {@link MessageAdded} after the commit.
	 */
	private Message committed(Supplier<Message> work) {
		return this.tx.execute((status) -> work.get());
	}

	/** Now, to the microsecond: what H2 and PostgreSQL keep, so a stored message reads back equal. */
	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	private static String newToken() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	static String hash(String token) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
