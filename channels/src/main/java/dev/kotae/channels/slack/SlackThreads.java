package dev.kotae.channels.slack;

import java.time.Instant;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

import static dev.kotae.channels.slack.SlackOutbox.utc;

/**
 * The {@code slack_thread} table: each hand-off's Slack message (the thread parent), who took it in
 * Slack; and {@code slack_inbound}, the Slack messages already relayed to a user.
 */
class SlackThreads {

	private static final String COLUMNS = "handoff_id, conversation_id, channel, ts, last_message_id, summary, "
			+ "agent_slack_user, agent_name";

	private final JdbcClient jdbc;

	SlackThreads(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * A hand-off's Slack message.
	 *
	 * @param channel the channel id once posted (the configured channel before)
	 * @param ts the parent message's ts, {@code null} until Slack has posted it
	 * @param lastMessageId the conversation's messages up to this id are in the parent message
	 * @param summary the parent's blocks about the conversation, as JSON
	 * @param agentSlackUser the Slack user who took it, {@code null} when nobody did in Slack
	 * @param agentName the name of the agent who has it
	 */
	record SlackThread(long handoffId, String conversationId, String channel, String ts, long lastMessageId,
			String summary, String agentSlackUser, String agentName) {

		boolean takenBy(String slackUserId) {
			return this.agentSlackUser != null && this.agentSlackUser.equals(slackUserId);
		}

	}

	void create(long handoffId, String conversationId, String channel, long lastMessageId, String summary,
			Instant now) {
		this.jdbc
			.sql("INSERT INTO slack_thread (handoff_id, conversation_id, channel, last_message_id, summary, created_at) "
					+ "VALUES (?, ?, ?, ?, ?, ?)")
			.params(handoffId, conversationId, channel, lastMessageId, summary, utc(now))
			.update();
	}

	Optional<SlackThread> find(long handoffId) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM slack_thread WHERE handoff_id = ?")
			.param(handoffId)
			.query(SlackThread.class)
			.optional();
	}

	/** The hand-off whose parent message is {@code ts} in {@code channel}. */
	Optional<SlackThread> byMessage(String channel, String ts) {
		if (channel == null || ts == null) {
			return Optional.empty();
		}
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM slack_thread WHERE channel = ? AND ts = ?")
			.params(channel, ts)
			.query(SlackThread.class)
			.optional();
	}

	/** Slack posted the parent message. */
	void posted(long handoffId, String channel, String ts) {
		this.jdbc.sql("UPDATE slack_thread SET channel = ?, ts = ? WHERE handoff_id = ?")
			.params(channel, ts, handoffId)
			.update();
	}

	/** An agent took the hand-off: in Slack ({@code slackUserId}) or elsewhere ({@code null}). */
	void taken(long handoffId, String agentName, String slackUserId) {
		this.jdbc.sql("UPDATE slack_thread SET agent_name = ?, agent_slack_user = ? WHERE handoff_id = ?")
			.params(agentName, slackUserId, handoffId)
			.update();
	}

	/**
	 * Records a Slack message as relayed.
	 * @return {@code false} when it already was (Slack sent the event again)
	 */
	boolean firstDelivery(String channel, String ts, Instant now) {
		try {
			this.jdbc.sql("INSERT INTO slack_inbound (message_key, received_at) VALUES (?, ?)")
				.params(channel + ":" + ts, utc(now))
				.update();
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	/** Forgets relayed messages received before {@code before} (Slack retries within minutes). */
	int purgeInbound(Instant before) {
		return this.jdbc.sql("DELETE FROM slack_inbound WHERE received_at < ?").param(utc(before)).update();
	}

}
