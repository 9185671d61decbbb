package dev.kotae.channels.slack;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.handler.builtin.BlockActionHandler;
import com.slack.api.model.event.MessageEvent;
import dev.kotae.bot.handoff.Handoff;
import dev.kotae.bot.handoff.HandoffException;
import dev.kotae.bot.handoff.HandoffException.Kind;
import dev.kotae.bot.handoff.Handoffs;
import dev.kotae.channels.slack.SlackOutbox.Parent;
import dev.kotae.channels.slack.SlackThreads.SlackThread;
import dev.kotae.channels.web.UserText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.DisposableBean;

/**
 * What agents do in Slack: the Take, Return to bot and Close buttons of a hand-off message, and
 * their replies in its thread. Slack wants an answer within 3 seconds, so every handler
 * acknowledges at once and does the work on {@link #work}. Who did what is the Slack user's name
 * ({@code username}, else {@code name}, else the user id): the hand-off knows the agent by it. Only the Slack user who
 * took a hand-off may reply in its thread; anyone else gets a note only they see. Messages from bots
 * (Kotae's own included) and edits or other message subtypes are ignored, so nothing loops.
 */
class SlackInteractions implements DisposableBean {

	/** The close reason tag of hand-offs closed with the Close button. */
	static final String CLOSE_REASON = "closed_in_slack";

	private static final Logger log = LoggerFactory.getLogger(SlackInteractions.class);

	private final Handoffs handoffs;

	private final SlackThreads threads;

	private final SlackOutbox outbox;

	private final SlackSender sender;

	private final SlackMessages messages;

	private final JsonMapper json;

	private final Clock clock;

	private final ExecutorService work = Executors.newVirtualThreadPerTaskExecutor();

	SlackInteractions(Handoffs handoffs, SlackThreads threads, SlackOutbox outbox, SlackSender sender,
			SlackMessages messages, JsonMapper json, Clock clock) {
		this.handoffs = handoffs;
		this.threads = threads;
		this.outbox = outbox;
		this.sender = sender;
		this.messages = messages;
		this.json = json;
		this.clock = clock;
	}

	/** Registers the handlers on Bolt's app. */
	void register(App app) {
		app.blockAction(SlackMessages.TAKE, later(this::take));
		app.blockAction(SlackMessages.RETURN, later(this::returnToBot));
		app.blockAction(SlackMessages.CLOSE, later(this::close));
		app.event(MessageEvent.class, (payload, ctx) -> {
			MessageEvent event = payload.getEvent();
			this.work.execute(() -> reply(event));
			return ctx.ack();
		});
	}

	/** A button press on a hand-off message. */
	record Click(String slackUser, String agentName, String conversationId, String channel, String messageTs) {
	}

	private BlockActionHandler later(Consumer<Click> action) {
		return (request, ctx) -> {
			BlockActionPayload payload = request.getPayload();
			BlockActionPayload.User user = payload.getUser();
			String name = firstOf(user.getUsername(), user.getName(), user.getId());
			String value = payload.getActions().isEmpty() ? null : payload.getActions().get(0).getValue();
			String channel = (payload.getContainer() != null) ? payload.getContainer().getChannelId() : null;
			String ts = (payload.getContainer() != null) ? payload.getContainer().getMessageTs() : null;
			Click click = new Click(user.getId(), name, value, channel, ts);
			this.work.execute(() -> {
				try {
					action.accept(click);
				}
				catch (RuntimeException ex) {
					log.error("Slack: a button press on the message of conversation {} failed", click.conversationId(), ex);
				}
			});
			return ctx.ack();
		};
	}

	void take(Click click) {
		act(click, () -> this.handoffs.claim(click.conversationId(), click.agentName()), (thread, ex) -> {
			if (ex.kind() == Kind.CONFLICT && thread.takenBy(click.slackUser())) {
				return null; // pressed twice
			}
			return (ex.kind() == Kind.CONFLICT) ? ex.getMessage() : over();
		});
	}

	void returnToBot(Click click) {
		act(click, () -> this.handoffs.returnToBot(click.conversationId(), click.agentName()),
				(thread, ex) -> switch (ex.kind()) {
					case NOT_YOURS -> ex.getMessage() + " Only they can return it to the bot.";
					case CONFLICT -> "Press *Take* first: only the agent who has a conversation can return it to the bot.";
					case NOT_FOUND -> over();
				});
	}

	void close(Click click) {
		act(click, () -> this.handoffs.close(click.conversationId(), click.agentName(), CLOSE_REASON),
				(thread, ex) -> switch (ex.kind()) {
					case NOT_YOURS -> ex.getMessage() + " Only they can close it.";
					case CONFLICT, NOT_FOUND -> over();
				});
	}

	/**
	 * Does a button's action for the Slack user, on the hand-off of the message they pressed it on;
	 * tells them privately why it could not be done.
	 */
	private void act(Click click, Supplier<Handoff> action, Refusal refusal) {
		Optional<SlackThread> thread = this.threads.byMessage(click.channel(), click.messageTs())
			.filter((t) -> t.conversationId().equals(click.conversationId()));
		if (thread.isEmpty()) {
			log.info("Slack: ignored a button press on a message that is no hand-off of Kotae's");
			return;
		}
		boolean current = this.handoffs.open(click.conversationId())
			.map((h) -> h.id() == thread.get().handoffId())
			.orElse(false);
		if (!current) {
			note(thread.get(), click, over());
			return;
		}
		try {
			SlackOrigin.as(click.slackUser(), action);
		}
		catch (HandoffException ex) {
			SlackThread now = this.threads.find(thread.get().handoffId()).orElse(thread.get());
			String why = refusal.why(now, ex);
			if (why != null) {
				note(now, click, why);
			}
		}
	}

	/** A message in a hand-off's thread: from the agent who took it, it goes to the user. */
	void reply(MessageEvent event) {
		try {
			if (event.getThreadTs() == null || event.getBotId() != null || event.getUser() == null
					|| event.getText() == null || event.getText().isBlank()) {
				return;
			}
			Optional<SlackThread> found = this.threads.byMessage(event.getChannel(), event.getThreadTs());
			if (found.isEmpty()) {
				return; // some other thread
			}
			SlackThread thread = found.get();
			if (!thread.takenBy(event.getUser())) {
				ephemeral(thread, event.getUser(), (thread.agentName() != null)
						? SlackMessages.escape(thread.agentName()) + " has this conversation: only their replies here "
								+ "reach the user."
						: "Press *Take* first: then your replies in this thread reach the user.");
				return;
			}
			String text = SlackMessages.plain(event.getText()).strip();
			if (text.length() > UserText.MAX_TEXT) {
				ephemeral(thread, event.getUser(), "Not sent: replies to users are at most " + UserText.MAX_TEXT
						+ " characters. Please split it.");
				return;
			}
			boolean current = this.handoffs.open(thread.conversationId())
				.map((h) -> h.id() == thread.handoffId())
				.orElse(false);
			if (!current) {
				ephemeral(thread, event.getUser(), "Not sent: this conversation is no longer with you.");
				return;
			}
			if (!this.threads.firstDelivery(event.getChannel(), event.getTs(), this.clock.instant())) {
				return; // Slack sent this event again
			}
			SlackOrigin.as(event.getUser(), () -> this.handoffs.reply(thread.conversationId(), thread.agentName(), text));
		}
		catch (HandoffException ex) {
			this.threads.byMessage(event.getChannel(), event.getThreadTs())
				.ifPresent((t) -> ephemeral(t, event.getUser(), "Not sent: " + SlackMessages.escape(ex.getMessage())));
		}
		catch (RuntimeException ex) {
			log.error("Slack: a thread message could not be relayed to the user", ex);
		}
	}

	private static String firstOf(String... names) {
		for (String name : names) {
			if (name != null && !name.isBlank()) {
				return name.strip();
			}
		}
		return null;
	}

	private static String over() {
		return "This hand-off is over (returned to the bot or closed).";
	}

	/** A note only the Slack user who pressed a button sees, in the channel they pressed it in. */
	private void note(SlackThread thread, Click click, String text) {
		ObjectNode body = this.messages.ephemeral(click.slackUser(), SlackMessages.escape(text));
		body.put("channel", click.channel());
		send(thread, Parent.NONE, body);
	}

	/** A note only {@code slackUser} sees, in the hand-off's thread. */
	private void ephemeral(SlackThread thread, String slackUser, String mrkdwn) {
		send(thread, Parent.THREAD, this.messages.ephemeral(slackUser, mrkdwn));
	}

	private void send(SlackThread thread, Parent parent, ObjectNode body) {
		this.outbox.enqueue(thread.handoffId(), "chat.postEphemeral", parent, this.json.writeValueAsString(body),
				this.clock.instant());
		this.sender.wake();
	}

	@FunctionalInterface
	private interface Refusal {

		/** What to tell the Slack user, or {@code null} for nothing. */
		String why(SlackThread thread, HandoffException ex);

	}

	@Override
	public void destroy() {
		this.work.shutdown();
	}

}
