package dev.kotae.channels.line;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import com.linecorp.bot.webhook.model.Event;
import com.linecorp.bot.webhook.model.EventMode;
import com.linecorp.bot.webhook.model.FollowEvent;
import com.linecorp.bot.webhook.model.MessageEvent;
import com.linecorp.bot.webhook.model.PostbackEvent;
import com.linecorp.bot.webhook.model.TextMessageContent;
import com.linecorp.bot.webhook.model.UnfollowEvent;
import dev.kotae.bot.conversation.Channel;
import dev.kotae.bot.conversation.Conversation;
import dev.kotae.bot.conversation.ConversationNotFoundException;
import dev.kotae.bot.conversation.ConversationService;
import dev.kotae.bot.conversation.Exchange;
import dev.kotae.bot.conversation.Message;
import dev.kotae.bot.conversation.Message.Kind;
import dev.kotae.bot.conversation.Message.Sender;
import dev.kotae.bot.conversation.NewMessage;
import dev.kotae.bot.conversation.Transcripts;
import dev.kotae.bot.site.Sites;
import dev.kotae.channels.line.LineMessages.Postback;
import dev.kotae.channels.line.LineOutbox.Origin;
import dev.kotae.kb.faq.InvalidInputException;
import dev.kotae.kb.faq.Language;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ArrayNode;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * What Kotae does with each LINE event, on the user's one conversation (started on the first event
 * of a user, with their LINE display name as the attribute {@value #DISPLAY_NAME} for agents):
 * <ul>
 * <li>{@code follow}: the greeting with popular FAQs as quick replies;</li>
 * <li>a text {@code message}: the bot's reply (nothing while an agent has the conversation); other
 * messages (stickers, images…) a polite text;</li>
 * <li>{@code postback}: a picked FAQ, a 👍 / 👎 vote, or "talk to a person";</li>
 * <li>{@code unfollow} (the user blocked the account): the conversation ends, nothing more is pushed.</li>
 * </ul>
 * The event's {@code webhookEventId} is the user message's client id, so an event processed twice
 * stores one message. The reply goes out with the reply token while it is fresh; when it is not, or
 * the reply call fails, it is pushed through the outbox (with a retry key derived from the event).
 * A failure that trying again may fix (the database, say) is thrown to {@link LineEventWorker}.
 */
class LineEventHandler {

	/** The conversation attribute that holds the user's LINE display name. */
	static final String DISPLAY_NAME = "lineDisplayName";

	/**
	 * Reply tokens must be used within about a minute of the event; after this (a redelivered event,
	 * an event tried again), the reply is pushed instead.
	 */
	static final Duration REPLY_TOKEN_LIFETIME = Duration.ofSeconds(50);

	private static final Logger log = LoggerFactory.getLogger(LineEventHandler.class);

	private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

	private final ConversationService conversations;

	private final Transcripts transcripts;

	private final Sites sites;

	private final LineApi api;

	private final LineMessages messages;

	private final LineRelay relay;

	private final LineOutbox outbox;

	private final LineProperties properties;

	private final Clock clock;

	LineEventHandler(ConversationService conversations, Transcripts transcripts, Sites sites, LineApi api,
			LineMessages messages, LineRelay relay, LineOutbox outbox, LineProperties properties,
			Clock clock) {
		this.conversations = conversations;
		this.transcripts = transcripts;
		this.sites = sites;
		this.api = api;
		this.messages = messages;
		this.relay = relay;
		this.outbox = outbox;
		this.properties = properties;
		this.clock = clock;
	}

	/** Says at start-up when LINE conversations have no site to run on. */
	@EventListener(ApplicationReadyEvent.class)
	void checkSite() {
		if (this.sites.find(this.properties.siteKey()).isEmpty()) {
			log.error("kotae.line.site-key is '{}', but there is no such site: LINE events will fail until it is "
					+ "created (PUT /api/v1/sites/{})", this.properties.siteKey(), this.properties.siteKey());
		}
	}

	/**
	 * Handles one event.
	 * @param receivedAt when the webhook brought it: with the event's own time (a redelivered event is
	 * older than its delivery), whether its reply token is still fresh
	 */
	void handle(Event event, Instant receivedAt) {
		if (event.mode() == EventMode.STANDBY) {
			return; // another channel handles this chat now: LINE asks bots in standby not to send
		}
		Instant issued = receivedAt;
		if (event.timestamp() != null && Instant.ofEpochMilli(event.timestamp()).isBefore(receivedAt)) {
			issued = Instant.ofEpochMilli(event.timestamp());
		}
		switch (event) {
			case FollowEvent follow -> follow(follow, issued);
			case UnfollowEvent unfollow -> unfollow(unfollow);
			case MessageEvent message -> message(message, issued);
			case PostbackEvent postback -> postback(postback, issued);
			default -> log.debug("LINE: event {} of an unhandled type ignored", event.webhookEventId());
		}
	}

	private void follow(FollowEvent event, Instant issuedAt) {
		String userId = event.source().userId();
		boolean returning = hasConversation(userId);
		Conversation conversation = conversation(userId);
		// a new conversation starts with its greeting; a returning user is greeted again, with today's FAQs
		Message greeting = returning ? this.conversations.greet(conversation)
				: this.transcripts.messages(conversation.id(), 0, 1)
					.stream()
					.filter((m) -> m.kind() == Kind.GREETING)
					.findFirst()
					.orElse(null);
		if (greeting != null) {
			reply(event.replyToken(), this.messages.bot(greeting, conversation.locale()), event.webhookEventId(),
					userId, issuedAt);
		}
	}

	private void unfollow(UnfollowEvent event) {
		String userId = event.source().userId();
		if (hasConversation(userId)) {
			Conversation conversation = conversation(userId);
			LineRelay.quietly(userId, () -> this.conversations.end(conversation, "unfollowed"));
		}
		this.outbox.cancel(userId, "unfollowed");
	}

	private void message(MessageEvent event, Instant issuedAt) {
		String userId = event.source().userId();
		Conversation conversation = conversation(userId);
		String text = (event.message() instanceof TextMessageContent t) ? clean(t.text()) : "";
		if (text.isEmpty()) {
			// a sticker, an image, a location…: the bot only reads text
			reply(event.replyToken(), this.messages.text(LineTexts.get(conversation.locale(), "unsupported"), 1),
					event.webhookEventId(), userId, issuedAt);
			return;
		}
		thinking(conversation);
		Exchange exchange = this.conversations.post(conversation,
				new NewMessage.Text(clientId(event.webhookEventId()), text));
		replyWith(event.replyToken(), exchange.reply(), conversation, event.webhookEventId(), userId, issuedAt);
	}

	private void postback(PostbackEvent event, Instant issuedAt) {
		String userId = event.source().userId();
		Postback postback = LineMessages.postback((event.postback() != null) ? event.postback().data() : null);
		if (postback == null) {
			log.debug("LINE: postback of event {} is not one of Kotae's; ignored", event.webhookEventId());
			return;
		}
		Conversation conversation = conversation(userId);
		String clientId = clientId(event.webhookEventId());
		switch (postback) {
			case Postback.Pick pick -> {
				thinking(conversation);
				Exchange exchange;
				try {
					exchange = this.conversations.post(conversation,
							new NewMessage.Pick(clientId, pick.offerId(), pick.faqId()));
				}
				catch (InvalidInputException ex) {
					// a button of an older offer, or of another conversation
					reply(event.replyToken(), this.messages.text(LineTexts.get(conversation.locale(), "stale_choice"), 1),
							event.webhookEventId(), userId, issuedAt);
					return;
				}
				replyWith(event.replyToken(), exchange.reply(), conversation, event.webhookEventId(), userId,
						issuedAt);
			}
			case Postback.Human human -> {
				Exchange exchange = this.conversations.post(conversation, new NewMessage.HumanRequest(clientId));
				replyWith(event.replyToken(), exchange.reply(), conversation, event.webhookEventId(), userId,
						issuedAt);
			}
			case Postback.Feedback feedback -> feedback(event, feedback, conversation, issuedAt);
		}
	}

	/**
	 * Records a vote. A second 👎 may hand the conversation to a person: the bot's message saying so
	 * is the reply; else a thank-you (or a sorry, with a hint).
	 */
	private void feedback(PostbackEvent event, Postback.Feedback feedback, Conversation conversation,
			Instant issuedAt) {
		String userId = event.source().userId();
		long before = this.transcripts.recent(conversation.id(), 1).stream().mapToLong(Message::id).max().orElse(0);
		try {
			this.conversations.feedback(conversation, feedback.messageId(), feedback.helpful(), null);
		}
		catch (InvalidInputException | ConversationNotFoundException ex) {
			reply(event.replyToken(), this.messages.text(LineTexts.get(conversation.locale(), "stale_choice"), 1),
					event.webhookEventId(), userId, issuedAt);
			return;
		}
		List<Message> fromBot = this.transcripts.messages(conversation.id(), before, 10)
			.stream()
			.filter((m) -> m.sender() == Sender.BOT)
			.toList();
		ArrayNode reply;
		if (!fromBot.isEmpty()) {
			reply = this.messages.bot(fromBot.get(fromBot.size() - 1), conversation.locale());
		}
		else {
			reply = this.messages.text(
					LineTexts.get(conversation.locale(), feedback.helpful() ? "feedback.thanks" : "feedback.sorry"), 1);
		}
		reply(event.replyToken(), reply, event.webhookEventId(), userId, issuedAt);
	}

	private void replyWith(String replyToken, Message botReply, Conversation conversation, String eventId,
			String userId, Instant issuedAt) {
		if (botReply == null) {
			return; // an agent has the conversation: they answer
		}
		reply(replyToken, this.messages.bot(botReply, conversation.locale()), eventId, userId, issuedAt);
	}

	/**
	 * Sends with the reply token while it is fresh; else, or when LINE refuses the reply (an expired
	 * or used token) or cannot take it now, pushes the same messages through the outbox.
	 */
	private void reply(String replyToken, ArrayNode lineMessages, String eventId, String userId, Instant issuedAt) {
		if (lineMessages.isEmpty()) {
			return;
		}
		boolean fresh = replyToken != null && issuedAt.plus(REPLY_TOKEN_LIFETIME).isAfter(this.clock.instant());
		if (fresh) {
			try {
				this.api.reply(replyToken, lineMessages);
				return;
			}
			catch (LineCallException ex) {
				log.warn("LINE: the reply to event {} failed ({}); pushing it instead", eventId, ex.getMessage());
			}
		}
		this.relay.push(userId, lineMessages, Origin.REPLY_FALLBACK, LineRelay.retryKey("reply:" + eventId));
	}

	/** Shows LINE's loading animation while the bot works out its reply (cosmetic: a failure is ignored). */
	private void thinking(Conversation conversation) {
		if (conversation.status() != Conversation.Status.BOT && conversation.status() != Conversation.Status.CLOSED) {
			return;
		}
		try {
			this.api.showLoading(conversation.userId());
		}
		catch (LineCallException ex) {
			log.debug("LINE: no loading animation: {}", ex.getMessage());
		}
	}

	/**
	 * The user's one conversation; a new one starts with their LINE display name and language (from
	 * their profile, when LINE gives it).
	 */
	private Conversation conversation(String userId) {
		if (hasConversation(userId)) {
			return this.conversations.forChannelUser(Channel.LINE, this.properties.siteKey(), userId, null, Map.of())
				.conversation();
		}
		Optional<LineApi.Profile> profile = profile(userId);
		String name = profile.map(LineApi.Profile::displayName).map(LineEventHandler::displayName).orElse("");
		String locale = profile.map(LineApi.Profile::language)
			.map((l) -> l.split("-", 2)[0])
			.flatMap(Language::parse)
			.map(Language::code)
			.orElse(null);
		return this.conversations
			.forChannelUser(Channel.LINE, this.properties.siteKey(), userId, locale,
					name.isEmpty() ? Map.of() : Map.of(DISPLAY_NAME, name))
			.conversation();
	}

	/**
	 * Whether the user already has a conversation (so that the profile is fetched once, and a user
	 * who blocks the account without ever writing gets none).
	 */
	private boolean hasConversation(String userId) {
		return this.conversations.findForChannelUser(Channel.LINE, userId).isPresent();
	}

	private Optional<LineApi.Profile> profile(String userId) {
		try {
			return Optional.of(this.api.profile(userId));
		}
		catch (LineCallException ex) {
			// agents then see the conversation without a name; the conversation must not wait for it
			log.warn("LINE: no profile for a new conversation ({}); it starts without the display name",
					ex.getMessage());
			return Optional.empty();
		}
	}

	/** A display name as a conversation attribute: one line, at most 100 characters. */
	static String displayName(String name) {
		String clean = name.replaceAll("\\p{Cntrl}+", " ").strip();
		return (clean.length() <= 100) ? clean : clean.substring(0, 100);
	}

	/** What the user typed as the bot takes it: no control characters but line breaks and tabs, at most 2,000 characters. */
	static String clean(String text) {
		if (text == null) {
			return "";
		}
		String t = text.replace("\r\n", "\n").replace('\r', '\n').replaceAll("[\\p{Cntrl}&&[^\\n\\t]]", "").strip();
		if (t.length() > ConversationService.MAX_TEXT) {
			int end = ConversationService.MAX_TEXT;
			if (Character.isHighSurrogate(t.charAt(end - 1))) {
				end--;
			}
			t = t.substring(0, end).strip();
		}
		return t;
	}

	/** The event id as a client message id (LINE's are ULIDs, which fit). */
	static String clientId(String webhookEventId) {
		if (CLIENT_ID.matcher(webhookEventId).matches()) {
			return webhookEventId;
		}
		return "line-" + LineRelay.retryKey(webhookEventId);
	}

}
