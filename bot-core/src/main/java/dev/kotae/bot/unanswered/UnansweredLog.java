package dev.kotae.bot.unanswered;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;

import dev.kotae.bot.unanswered.QuestionClusters.Member;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads unanswered questions from the message log and keeps the {@code unanswered_handled} table. A
 * user's typed message is unanswered when the bot's reply to it
 * <ul>
 * <li>escalated, for any reason but the user asking for a person or being frustrated (neither is a
 * missing FAQ),</li>
 * <li>offered choices (no FAQ was a confident match),</li>
 * <li>answered, and the user voted it not helpful, or</li>
 * <li>answered with a confidence below {@code kotae.unanswered.low-confidence}.</li>
 * </ul>
 */
final class UnansweredLog {

	private static final String SELECT = "SELECT u.id, b.id AS reply_id, u.body, u.created_at FROM message b "
			+ "JOIN message u ON u.id = b.reply_to WHERE b.sender = 'bot' AND u.sender = 'user' AND u.kind = 'text' ";

	private static final String UNANSWERED = "AND ((b.kind = 'escalate' AND (b.decision_reason IS NULL "
			+ "OR b.decision_reason NOT IN ('requested_human', 'frustration'))) OR b.kind = 'choices' "
			+ "OR (b.kind = 'answer' AND (b.helpful = FALSE OR b.confidence < ?))) ";

	private final JdbcClient jdbc;

	private final double lowConfidence;

	UnansweredLog(JdbcClient jdbc, double lowConfidence) {
		this.jdbc = jdbc;
		this.lowConfidence = lowConfidence;
	}

	/** Unanswered questions asked since {@code since} whose reply's id is above {@code afterReplyId}. */
	List<LoggedQuestion> questions(long afterReplyId, Instant since) {
		return this.jdbc.sql(SELECT + UNANSWERED + "AND b.id > ? AND u.created_at >= ? ORDER BY b.id")
			.params(this.lowConfidence, afterReplyId, utc(since))
			.query(UnansweredLog::question)
			.list();
	}

	/** Questions whose answer was voted not helpful since {@code since} (a vote comes after the reply). */
	List<LoggedQuestion> votedNotHelpful(Instant since) {
		return this.jdbc
			.sql(SELECT + "AND b.kind = 'answer' AND b.helpful = FALSE AND b.feedback_at >= ? ORDER BY b.id")
			.params(utc(since))
			.query(UnansweredLog::question)
			.list();
	}

	/** The handled questions ({@link QuestionClusters#fullKey}) recorded since {@code since}. */
	List<String> handled(Instant since) {
		return this.jdbc
			.sql("SELECT locale, normalised_text FROM unanswered_handled WHERE handled_at >= ? ORDER BY handled_at")
			.params(utc(since))
			.query((rs, row) -> rs.getString("locale") + "\n" + rs.getString("normalised_text"))
			.list();
	}

	/** Records questions as handled; one handled before (e.g. on another node) keeps its first record. */
	void markHandled(List<Member> members, String action, String faqId, String editor, Instant at) {
		for (Member member : members) {
			String hash = sha256(member.key());
			boolean known = this.jdbc
				.sql("SELECT COUNT(*) FROM unanswered_handled WHERE locale = ? AND question_hash = ?")
				.params(member.locale().code(), hash)
				.query(Long.class)
				.single() > 0;
			if (!known) {
				this.jdbc.sql("INSERT INTO unanswered_handled (locale, question_hash, normalised_text, action, faq_id, "
						+ "handled_at, handled_by) VALUES (?, ?, ?, ?, ?, ?, ?)")
					.params(member.locale().code(), hash, member.key(), action, faqId, utc(at), editor)
					.update();
			}
		}
	}

	private static LoggedQuestion question(ResultSet rs, int row) throws SQLException {
		return new LoggedQuestion(rs.getLong("id"), rs.getLong("reply_id"), rs.getString("body"),
				rs.getObject("created_at", OffsetDateTime.class).toInstant());
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
