package dev.kotae.bot.conversation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.kotae.bot.conversation.Message.Choice;
import dev.kotae.bot.conversation.Message.Kind;
import dev.kotae.bot.conversation.Message.Sender;
import dev.kotae.kb.faq.Language;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The {@code conversation} and {@code message} tables. */
@Repository
class ConversationRepository {

	private static final String MESSAGE_COLUMNS = "id, conversation_id, client_message_id, sender, kind, body, reply_to, "
			+ "faq_id, decision_reason, confidence, choices, created_at, helpful";

	private final JdbcClient jdbc;

	ConversationRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(Conversation conversation, String tokenHash) {
		this.jdbc
			.sql("INSERT INTO conversation (id, site_key, channel, locale, user_id, attributes, token_hash, created_at, "
					+ "status, after_hours) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(conversation.id(), conversation.siteKey(), conversation.channel().code(),
					conversation.locale().code(), conversation.userId(), Attributes.format(conversation.attributes()),
					tokenHash, utc(conversation.createdAt()), conversation.status().code(), conversation.afterHours())
			.update();
	}

	Optional<Conversation> find(String id) {
		return this.jdbc.sql("SELECT * FROM conversation WHERE id = ?").param(id).query(ConversationRepository::conversation).optional();
	}

	/** Sets the status; with {@code expected}, only when the status is one of those. */
	boolean status(String id, Conversation.Status status, Conversation.Status... expected) {
		if (expected.length == 0) {
			return this.jdbc.sql("UPDATE conversation SET status = ? WHERE id = ?").params(status.code(), id).update() == 1;
		}
		String in = Arrays.stream(expected).map((s) -> "'" + s.code() + "'").collect(Collectors.joining(", "));
		return this.jdbc.sql("UPDATE conversation SET status = ? WHERE id = ? AND status IN (" + in + ")")
			.params(status.code(), id)
			.update() == 1;
	}

	/** A conversation's last messages, newest first. */
	List<Message> recentMessages(String conversationId, int limit) {
		return this.jdbc
			.sql("SELECT " + MESSAGE_COLUMNS + " FROM message WHERE conversation_id = ? ORDER BY id DESC "
					+ "FETCH FIRST ? ROWS ONLY")
			.params(conversationId, limit)
			.query(ConversationRepository::message)
			.list();
	}

	/** "Not helpful" votes in a conversation on answers given after {@code afterId}. */
	int notHelpfulVotes(String conversationId, long afterId) {
		return this.jdbc
			.sql("SELECT COUNT(*) FROM message WHERE conversation_id = ? AND id > ? AND helpful = FALSE")
			.params(conversationId, afterId)
			.query(Integer.class)
			.single();
	}

	/** The latest conversation of a channel's user (e.g. a LINE user id). */
	Optional<Conversation> latestOf(Channel channel, String userId) {
		return this.jdbc
			.sql("SELECT * FROM conversation WHERE channel = ? AND user_id = ? ORDER BY created_at DESC "
					+ "FETCH FIRST 1 ROWS ONLY")
			.params(channel.code(), userId)
			.query(ConversationRepository::conversation)
			.optional();
	}

	/** A conversation with the hash of its token, in one read (every widget request checks it). */
	Optional<WithTokenHash> findWithTokenHash(String id) {
		return this.jdbc.sql("SELECT * FROM conversation WHERE id = ?")
			.param(id)
			.query((rs, row) -> new WithTokenHash(conversation(rs, row), rs.getString("token_hash")))
			.optional();
	}

	record WithTokenHash(Conversation conversation, String tokenHash) {
	}

	/** Inserts a message and returns it with its id. */
	Message insert(Message m) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc
			.sql("INSERT INTO message (conversation_id, client_message_id, sender, kind, body, reply_to, faq_id, "
					+ "decision_reason, confidence, choices, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(m.conversationId(), m.clientMessageId(), m.sender().code(), m.kind().code(), m.text(), m.replyTo(),
					m.faqId(), m.reason(), m.confidence(), formatChoices(m.choices()), utc(m.createdAt()))
			.update(keys, "id");
		long id = keys.getKeyAs(Number.class).longValue();
		return new Message(id, m.conversationId(), m.clientMessageId(), m.sender(), m.kind(), m.text(), m.replyTo(),
				m.faqId(), m.reason(), m.confidence(), m.choices(), m.createdAt(), m.helpful());
	}

	Optional<Message> byClientId(String conversationId, String clientMessageId) {
		return this.jdbc
			.sql("SELECT " + MESSAGE_COLUMNS + " FROM message WHERE conversation_id = ? AND client_message_id = ?")
			.params(conversationId, clientMessageId)
			.query(ConversationRepository::message)
			.optional();
	}

	Optional<Message> message(String conversationId, long id) {
		return this.jdbc.sql("SELECT " + MESSAGE_COLUMNS + " FROM message WHERE conversation_id = ? AND id = ?")
			.params(conversationId, id)
			.query(ConversationRepository::message)
			.optional();
	}

	Optional<Message> replyTo(long messageId) {
		return this.jdbc
			.sql("SELECT " + MESSAGE_COLUMNS + " FROM message WHERE reply_to = ? AND sender = 'bot' ORDER BY id")
			.param(messageId)
			.query(ConversationRepository::message)
			.list()
			.stream()
			.findFirst();
	}

	List<Message> messages(String conversationId, long afterId, int limit) {
		return this.jdbc
			.sql("SELECT " + MESSAGE_COLUMNS + " FROM message WHERE conversation_id = ? AND id > ? ORDER BY id "
					+ "FETCH FIRST ? ROWS ONLY")
			.params(conversationId, afterId, limit)
			.query(ConversationRepository::message)
			.list();
	}

	void feedback(long messageId, boolean helpful, String comment, Instant at) {
		this.jdbc.sql("UPDATE message SET helpful = ?, feedback_comment = ?, feedback_at = ? WHERE id = ?")
			.params(helpful, comment, utc(at), messageId)
			.update();
	}

	void rate(String conversationId, int score, String comment, Integer nps, Instant at) {
		this.jdbc
			.sql("UPDATE conversation SET rating_score = ?, rating_comment = ?, nps_score = ?, rated_at = ? WHERE id = ?")
			.params(score, comment, nps, utc(at), conversationId)
			.update();
	}

	/** FAQ ids answered on a site since a time, most answered first. */
	List<String> mostAnswered(String siteKey, Instant since, int limit) {
		return this.jdbc
			.sql("SELECT m.faq_id, COUNT(*) AS answers FROM message m JOIN conversation c ON c.id = m.conversation_id "
					+ "WHERE c.site_key = ? AND m.kind = 'answer' AND m.created_at >= ? AND m.faq_id IS NOT NULL "
					+ "GROUP BY m.faq_id ORDER BY answers DESC, m.faq_id")
			.params(siteKey, utc(since))
			.query((rs, row) -> rs.getString("faq_id"))
			.list()
			.stream()
			.limit(limit)
			.toList();
	}

	private static Conversation conversation(ResultSet rs, int row) throws SQLException {
		return new Conversation(rs.getString("id"), rs.getString("site_key"), Channel.of(rs.getString("channel")),
				Language.parse(rs.getString("locale")).orElse(Language.JA), rs.getString("user_id"),
				Attributes.parse(rs.getString("attributes")), instant(rs, "created_at"),
				Conversation.Status.of(rs.getString("status")), rs.getBoolean("after_hours"));
	}

	private static Message message(ResultSet rs, int row) throws SQLException {
		long replyTo = rs.getLong("reply_to");
		Long reply = rs.wasNull() ? null : replyTo;
		double confidence = rs.getDouble("confidence");
		Double conf = rs.wasNull() ? null : confidence;
		boolean helpful = rs.getBoolean("helpful");
		Boolean vote = rs.wasNull() ? null : helpful;
		return new Message(rs.getLong("id"), rs.getString("conversation_id"), rs.getString("client_message_id"),
				Sender.valueOf(rs.getString("sender").toUpperCase(java.util.Locale.ROOT)), Kind.of(rs.getString("kind")),
				rs.getString("body"), reply, rs.getString("faq_id"), rs.getString("decision_reason"), conf,
				parseChoices(rs.getString("choices")), instant(rs, "created_at"), vote);
	}

	private static String formatChoices(List<Choice> choices) {
		return choices.stream()
			.map((c) -> c.faqId() + "\t" + c.question().replace('\t', ' ').replace('\n', ' '))
			.collect(Collectors.joining("\n"));
	}

	private static List<Choice> parseChoices(String stored) {
		List<Choice> choices = new ArrayList<>();
		if (stored != null && !stored.isEmpty()) {
			Arrays.stream(stored.split("\n")).map((line) -> line.split("\t", 2)).forEach((p) -> choices.add(
					new Choice(p[0], (p.length > 1) ? p[1] : "")));
		}
		return choices;
	}

	private static OffsetDateTime utc(Instant instant) {
		return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

}
