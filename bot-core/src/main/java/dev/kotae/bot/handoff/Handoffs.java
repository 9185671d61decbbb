package dev.kotae.bot.handoff;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.kotae.bot.conversation.Conversation;
import dev.kotae.bot.conversation.Conversation.Status;
import dev.kotae.bot.conversation.Message;
import dev.kotae.bot.conversation.Message.Sender;
import dev.kotae.bot.conversation.Transcripts;
import dev.kotae.bot.handoff.HandoffEvents.AgentJoined;
import dev.kotae.bot.handoff.HandoffEvents.ConversationClosed;
import dev.kotae.bot.handoff.HandoffEvents.HandoffRequested;
import dev.kotae.bot.handoff.HandoffEvents.HandoffSlaBreached;
import dev.kotae.bot.handoff.HandoffEvents.ReturnedToBot;
import dev.kotae.bot.handoff.HandoffException.Kind;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The hand-off queue. Every change updates the {@code handoff} row, the conversation's status and
 * the {@code conversation_event} log in one transaction, and publishes its event after the commit.
 * A claim is a conditional update, so of two agents claiming at once exactly one wins.
 */
@Service
public class Handoffs {

	/** Longest agent message, in characters. */
	public static final int MAX_TEXT = 5000;

	private static final String COLUMNS = "id, conversation_id, status, reason, requested_at, contact, agent, claimed_at, "
			+ "first_response_at, first_response_ms, ended_at, close_reason, sla_alerted";

	private final JdbcClient jdbc;

	private final Transcripts transcripts;

	private final HandoffProperties properties;

	private final BusinessHours hours;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	private final Clock clock;

	Handoffs(JdbcClient jdbc, Transcripts transcripts, HandoffProperties properties, ApplicationEventPublisher events,
			PlatformTransactionManager transactions, ObjectProvider<Clock> clock) {
		this.jdbc = jdbc;
		this.transcripts = transcripts;
		this.properties = properties;
		this.hours = new BusinessHours(properties);
		this.events = events;
		this.tx = new TransactionTemplate(transactions);
		this.clock = clock.getIfAvailable(Clock::systemUTC);
	}

	public BusinessHours businessHours() {
		return this.hours;
	}

	public HandoffProperties properties() {
		return this.properties;
	}

	/**
	 * What happened when a conversation asked for a person.
	 *
	 * @param offline outside business hours: people answer when they are back
	 * @param queuePosition 1 = next
	 * @param backAt when people are back (offline only)
	 */
	public record Escalation(Handoff handoff, boolean offline, int queuePosition, ZonedDateTime backAt) {
	}

	/** Queues a conversation for a person, unless it already is; in the caller's transaction if any. */
	public Escalation request(Conversation conversation, String reason) {
		return inTransaction(() -> {
			Optional<Handoff> open = open(conversation.id());
			if (open.isPresent()) {
				return escalation(open.get());
			}
			Instant now = now();
			boolean offline = !this.hours.isOpen(now);
			GeneratedKeyHolder keys = new GeneratedKeyHolder();
			this.jdbc.sql("INSERT INTO handoff (conversation_id, status, reason, requested_at) VALUES (?, ?, ?, ?)")
				.params(conversation.id(), (offline ? HandoffStatus.OFFLINE : HandoffStatus.WAITING).code(), reason,
						utc(now))
				.update(keys, "id");
			long id = keys.getKeyAs(Number.class).longValue();
			this.transcripts.status(conversation.id(), Status.WAITING);
			Handoff handoff = byId(id);
			log(handoff, "HandoffRequested", null, reason);
			publishAfterCommit(new HandoffRequested(handoff));
			return escalation(handoff);
		});
	}

	private Escalation escalation(Handoff handoff) {
		boolean offline = handoff.status() == HandoffStatus.OFFLINE;
		return new Escalation(handoff, offline, queuePosition(handoff),
				offline ? this.hours.nextOpening(now()).orElse(null) : null);
	}

	/** The open hand-off of a conversation (waiting, offline or active), if any. */
	public Optional<Handoff> open(String conversationId) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM handoff WHERE conversation_id = ? AND status IN ('waiting', 'offline', "
					+ "'active') ORDER BY id DESC")
			.param(conversationId)
			.query(Handoffs::handoff)
			.list()
			.stream()
			.findFirst();
	}

	/** The latest hand-off of a conversation, open or not. */
	public Optional<Handoff> latest(String conversationId) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM handoff WHERE conversation_id = ? ORDER BY id DESC")
			.param(conversationId)
			.query(Handoffs::handoff)
			.list()
			.stream()
			.findFirst();
	}

	/** Where an unclaimed hand-off is in the queue (1 = next); 0 once claimed or ended. */
	public int queuePosition(Handoff handoff) {
		if (handoff.status() != HandoffStatus.WAITING && handoff.status() != HandoffStatus.OFFLINE) {
			return 0;
		}
		return this.jdbc.sql("SELECT COUNT(*) FROM handoff WHERE status IN ('waiting', 'offline') AND id <= ?")
			.param(handoff.id())
			.query(Integer.class)
			.single();
	}

	/** Hand-offs in the given states; offline ones first (they waited overnight), then oldest first. */
	public List<Handoff> list(Collection<HandoffStatus> statuses) {
		if (statuses.isEmpty()) {
			return List.of();
		}
		String in = statuses.stream().map((s) -> "'" + s.code() + "'").collect(Collectors.joining(", "));
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM handoff WHERE status IN (" + in + ") ORDER BY "
					+ "CASE WHEN status = 'offline' THEN 0 ELSE 1 END, requested_at, id FETCH FIRST 500 ROWS ONLY")
			.query(Handoffs::handoff)
			.list();
	}

	/**
	 * Gives a waiting (or offline) hand-off to {@code agent}.
	 * @throws HandoffException {@link Kind#CONFLICT} when another agent claimed it first (the message names
	 * them), {@link Kind#NOT_FOUND} when the conversation has no open hand-off
	 */
	public Handoff claim(String conversationId, String agent) {
		Handoff claimed = this.tx.execute((s) -> {
			Handoff handoff = open(conversationId).orElseThrow(() -> notFound(conversationId));
			Instant now = now();
			int won = this.jdbc
				.sql("UPDATE handoff SET status = 'active', agent = ?, claimed_at = ? WHERE id = ? "
						+ "AND status IN ('waiting', 'offline')")
				.params(agent, utc(now), handoff.id())
				.update();
			if (won == 0) {
				Handoff now2 = byId(handoff.id());
				throw new HandoffException(Kind.CONFLICT, (now2.agent() != null)
						? now2.agent() + " has already taken this conversation." : "This hand-off can no longer be taken.",
						now2.agent());
			}
			this.transcripts.status(conversationId, Status.AGENT);
			Handoff result = byId(handoff.id());
			log(result, "AgentJoined", agent, null);
			notice(result, "agent_joined");
			publishAfterCommit(new AgentJoined(result));
			return result;
		});
		return claimed;
	}

	/**
	 * An agent's message to the user, which records the first response time of the hand-off.
	 * @throws HandoffException when the conversation has no active hand-off of {@code agent}
	 */
	public Message reply(String conversationId, String agent, String text) {
		return this.tx.execute((s) -> {
			Handoff handoff = active(conversationId, agent);
			Instant now = now();
			Message message = this.transcripts.append(new Message(0, conversationId, null, Sender.AGENT,
					Message.Kind.TEXT, text, null, null, agent, null, List.of(), now, null));
			this.jdbc
				.sql("UPDATE handoff SET first_response_at = ?, first_response_ms = ? WHERE id = ? "
						+ "AND first_response_at IS NULL")
				.params(utc(now), Duration.between(handoff.requestedAt(), now).toMillis(), handoff.id())
				.update();
			return message;
		});
	}

	/** The agent gives the conversation back to the bot. */
	public Handoff returnToBot(String conversationId, String agent) {
		return this.tx.execute((s) -> {
			Handoff handoff = active(conversationId, agent);
			end(handoff, HandoffStatus.RETURNED, null);
			this.transcripts.status(conversationId, Status.BOT);
			Handoff result = byId(handoff.id());
			log(result, "ReturnedToBot", agent, null);
			notice(result, "returned_to_bot");
			publishAfterCommit(new ReturnedToBot(result));
			return result;
		});
	}

	/**
	 * Closes the conversation's open hand-off (claimed by {@code agent}, or not yet claimed) with a
	 * reason tag such as {@code solved} or {@code spam}.
	 */
	public Handoff close(String conversationId, String agent, String reason) {
		return this.tx.execute((s) -> {
			Handoff handoff = open(conversationId).orElseThrow(() -> notFound(conversationId));
			if (handoff.agent() != null && !handoff.agent().equals(agent)) {
				throw new HandoffException(Kind.NOT_YOURS, handoff.agent() + " has this conversation.", handoff.agent());
			}
			end(handoff, HandoffStatus.CLOSED, reason);
			this.transcripts.status(conversationId, Status.CLOSED);
			Handoff result = byId(handoff.id());
			log(result, "ConversationClosed", agent, reason);
			notice(result, "closed");
			publishAfterCommit(new ConversationClosed(result));
			return result;
		});
	}

	/** Records how an offline user can be reached back. */
	public Handoff leaveContact(String conversationId, String contact) {
		return this.tx.execute((s) -> {
			Handoff handoff = open(conversationId).orElseThrow(() -> notFound(conversationId));
			this.jdbc.sql("UPDATE handoff SET contact = ? WHERE id = ?").params(contact, handoff.id()).update();
			return byId(handoff.id());
		});
	}

	/** Flags every hand-off waiting longer than the SLA, once each, and publishes it. */
	public List<Handoff> checkSla() {
		Instant limit = now().minus(this.properties.sla());
		List<Handoff> overdue = this.jdbc
			.sql("SELECT " + COLUMNS + " FROM handoff WHERE status = 'waiting' AND sla_alerted = FALSE AND requested_at < ?")
			.param(utc(limit))
			.query(Handoffs::handoff)
			.list();
		return overdue.stream().filter((h) -> {
			// still waiting: an agent may have taken it since it was read
			boolean mine = this.jdbc
				.sql("UPDATE handoff SET sla_alerted = TRUE WHERE id = ? AND sla_alerted = FALSE AND status = 'waiting'")
				.param(h.id())
				.update() == 1;
			if (mine) {
				this.events.publishEvent(new HandoffSlaBreached(byId(h.id())));
			}
			return mine;
		}).toList();
	}

	/** Whether a waiting hand-off has waited longer than the SLA. */
	public boolean overSla(Handoff handoff) {
		return handoff.status() == HandoffStatus.WAITING
				&& handoff.requestedAt().plus(this.properties.sla()).isBefore(now());
	}

	private Handoff active(String conversationId, String agent) {
		Handoff handoff = open(conversationId).orElseThrow(() -> notFound(conversationId));
		if (handoff.status() != HandoffStatus.ACTIVE) {
			throw new HandoffException(Kind.CONFLICT, "Take the conversation before replying.");
		}
		if (!handoff.agent().equals(agent)) {
			throw new HandoffException(Kind.NOT_YOURS, handoff.agent() + " has this conversation.", handoff.agent());
		}
		return handoff;
	}

	private void end(Handoff handoff, HandoffStatus status, String reason) {
		this.jdbc.sql("UPDATE handoff SET status = ?, ended_at = ?, close_reason = ? WHERE id = ?")
			.params(status.code(), utc(now()), reason, handoff.id())
			.update();
	}

	/** A system line in the transcript, e.g. "Sato has joined". */
	private void notice(Handoff handoff, String key) {
		Conversation conversation = this.transcripts.find(handoff.conversationId()).orElseThrow();
		String text = HandoffTexts.get(conversation.locale(), key, (handoff.agent() != null) ? handoff.agent() : "");
		this.transcripts.append(new Message(0, handoff.conversationId(), null, Sender.SYSTEM, Message.Kind.NOTICE, text,
				null, null, key, null, List.of(), now(), null));
	}

	private void log(Handoff handoff, String type, String agent, String detail) {
		this.jdbc
			.sql("INSERT INTO conversation_event (conversation_id, handoff_id, type, agent, detail, at) "
					+ "VALUES (?, ?, ?, ?, ?, ?)")
			.params(handoff.conversationId(), handoff.id(), type, agent, detail, utc(now()))
			.update();
	}

	private void publishAfterCommit(Object event) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					Handoffs.this.events.publishEvent(event);
				}
			});
		}
		else {
			this.events.publishEvent(event);
		}
	}

	private <T> T inTransaction(java.util.function.Supplier<T> work) {
		return this.tx.execute((s) -> work.get());
	}

	private Handoff byId(long id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM handoff WHERE id = ?").param(id).query(Handoffs::handoff).single();
	}

	private static HandoffException notFound(String conversationId) {
		return new HandoffException(Kind.NOT_FOUND, "Conversation " + conversationId + " has no open hand-off.");
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private static Handoff handoff(ResultSet rs, int row) throws SQLException {
		long ms = rs.getLong("first_response_ms");
		Duration firstResponse = rs.wasNull() ? null : Duration.ofMillis(ms);
		return new Handoff(rs.getLong("id"), rs.getString("conversation_id"), HandoffStatus.of(rs.getString("status")),
				rs.getString("reason"), instant(rs, "requested_at"), rs.getString("contact"), rs.getString("agent"),
				instant(rs, "claimed_at"), instant(rs, "first_response_at"), firstResponse, instant(rs, "ended_at"),
				rs.getString("close_reason"), rs.getBoolean("sla_alerted"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

}
