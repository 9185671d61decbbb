package dev.kotae.bot.voc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import javax.sql.DataSource;

import dev.kotae.bot.conversation.Attributes;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The Voice of Customer log: every stored message with its conversation's channel, site, language
 * and attributes, the bot's decision and the user's feedback. Personal data was masked before the
 * messages were stored.
 */
@Service
public class VocLog {

	/** Rows fetched from the database at a time while exporting. */
	static final int FETCH_SIZE = 500;

	private final JdbcClient jdbc;

	VocLog(DataSource dataSource) {
		JdbcTemplate template = new JdbcTemplate(dataSource);
		template.setFetchSize(FETCH_SIZE);
		this.jdbc = JdbcClient.create(template);
	}

	/**
	 * One message of the log.
	 *
	 * @param kind for the bot's messages, its decision (answer, choices, escalate, smalltalk, greeting)
	 * @param reason why the bot escalated, or the small-talk intent
	 */
	public record Entry(long messageId, Instant at, String conversationId, String channel, String siteKey,
			String locale, Map<String, String> attributes, String sender, String kind, String text, Long replyTo,
			String faqId, String reason, Double confidence, Boolean helpful, String feedbackComment) {
	}

	/**
	 * Streams the messages stored in {@code [from, to)}, oldest first, to {@code sink} without holding
	 * them all in memory.
	 * @return how many were written
	 */
	@Transactional(readOnly = true)
	public long export(Instant from, Instant to, Consumer<Entry> sink) {
		long count = 0;
		try (Stream<Entry> entries = this.jdbc
			.sql("SELECT m.id, m.created_at, m.conversation_id, c.channel, c.site_key, c.locale, c.attributes, m.sender, "
					+ "m.kind, m.body, m.reply_to, m.faq_id, m.decision_reason, m.confidence, m.helpful, "
					+ "m.feedback_comment FROM message m JOIN conversation c ON c.id = m.conversation_id "
					+ "WHERE m.created_at >= ? AND m.created_at < ? ORDER BY m.id")
			.params(from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC))
			.query(VocLog::entry)
			.stream()) {
			for (Entry entry : (Iterable<Entry>) entries::iterator) {
				sink.accept(entry);
				count++;
			}
		}
		return count;
	}

	private static Entry entry(ResultSet rs, int row) throws SQLException {
		long replyTo = rs.getLong("reply_to");
		Long reply = rs.wasNull() ? null : replyTo;
		double confidence = rs.getDouble("confidence");
		Double conf = rs.wasNull() ? null : confidence;
		boolean helpful = rs.getBoolean("helpful");
		Boolean vote = rs.wasNull() ? null : helpful;
		return new Entry(rs.getLong("id"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
				rs.getString("conversation_id"), rs.getString("channel"), rs.getString("site_key"), rs.getString("locale"),
				Attributes.parse(rs.getString("attributes")), rs.getString("sender"), rs.getString("kind"),
				rs.getString("body"), reply, rs.getString("faq_id"), rs.getString("decision_reason"), conf, vote,
				rs.getString("feedback_comment"));
	}

}
