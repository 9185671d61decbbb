package dev.kotae.bot.unanswered;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import dev.kotae.bot.unanswered.Cluster.Trend;
import dev.kotae.bot.unanswered.QuestionClusters.Anchor;
import dev.kotae.bot.unanswered.QuestionClusters.Listed;
import dev.kotae.bot.unanswered.QuestionClusters.Member;
import dev.kotae.kb.faq.Language;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The clusters as the lease holder last computed them (tables {@code unanswered_snapshot},
 * {@code unanswered_cluster} and {@code unanswered_member}): the holder writes them, every node lists
 * them, and an editor's action on any node removes a cluster. Whoever writes locks the snapshot row
 * first ({@link #lock}), inside a transaction.
 */
final class UnansweredSnapshot {

	private static final String CLUSTER_COLUMNS = "c.id, c.locale, c.asked, c.distinct_questions, c.first_seen, "
			+ "c.last_seen, c.last_seven_days, c.seven_days_before";

	/** {@link QuestionClusters#ORDER} in SQL: real clusters by size, then singletons, most recent first. */
	private static final String ORDER = "CASE WHEN c.asked = 1 THEN 1 ELSE 0 END, c.asked DESC, c.last_seen DESC, c.id";

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	UnansweredSnapshot(DataSource dataSource) {
		this.jdbc = JdbcClient.create(dataSource);
		this.batch = new JdbcTemplate(dataSource);
	}

	/**
	 * The snapshot row.
	 *
	 * @param generation how many snapshots were written
	 * @param computedBy the lease holder that wrote the last one, or {@code null} before the first
	 * @param computedAt when, or {@code null}
	 * @param rebuildRequests full recomputes asked for, on any node
	 * @param rebuildsDone how many of those the holder has honoured
	 */
	record State(long generation, String computedBy, Instant computedAt, long rebuildRequests, long rebuildsDone) {

		boolean rebuildRequested() {
			return this.rebuildRequests > this.rebuildsDone;
		}

	}

	State state() {
		return this.jdbc.sql("SELECT * FROM unanswered_snapshot WHERE id = 1").query(UnansweredSnapshot::stateOf).single();
	}

	/** Locks the snapshot row until the transaction ends (callers must be in one), and reads it. */
	State lock() {
		return this.jdbc.sql("SELECT * FROM unanswered_snapshot WHERE id = 1 FOR UPDATE")
			.query(UnansweredSnapshot::stateOf)
			.single();
	}

	/** Records a request for a full recompute, which the lease holder honours on its next round. */
	void requestRebuild() {
		this.jdbc.sql("UPDATE unanswered_snapshot SET rebuild_requests = rebuild_requests + 1 WHERE id = 1").update();
	}

	/**
	 * The first {@code limit} clusters in {@link QuestionClusters#ORDER}, without a suggested FAQ.
	 * @param locale only this language's, or {@code null} for all
	 */
	List<Cluster> clusters(Language locale, int limit) {
		String where = (locale != null) ? "WHERE c.locale = :locale " : "";
		Map<String, ClusterRow> rows = new LinkedHashMap<>();
		// one statement, so that a cluster removed meanwhile is either whole or absent
		JdbcClient.StatementSpec query = this.jdbc
			.sql("SELECT " + CLUSTER_COLUMNS + ", m.ordinal, m.wording FROM (SELECT * FROM unanswered_cluster c " + where
					+ "ORDER BY " + ORDER + " FETCH FIRST :limit ROWS ONLY) c JOIN unanswered_member m "
					+ "ON m.cluster_id = c.id AND m.ordinal < :samples ORDER BY " + ORDER + ", m.ordinal")
			.param("limit", limit)
			.param("samples", QuestionClusters.SAMPLES);
		if (locale != null) {
			query = query.param("locale", locale.code());
		}
		query.query((ResultSet rs) -> {
			ClusterRow row = rows.get(rs.getString("id"));
			if (row == null) {
				row = new ClusterRow(rs);
				rows.put(row.id, row);
			}
			row.samples.add(rs.getString("wording"));
		});
		return rows.values().stream().map(ClusterRow::cluster).toList();
	}

	/** A cluster's distinct questions, its most central first, then the most asked. */
	Optional<List<Member>> members(String id) {
		List<Member> members = this.jdbc
			.sql("SELECT c.locale, m.normalised_text, m.wording, m.asked FROM unanswered_member m "
					+ "JOIN unanswered_cluster c ON c.id = m.cluster_id WHERE m.cluster_id = ? ORDER BY m.ordinal")
			.param(id)
			.query((rs, row) -> new Member(locale(rs), rs.getString("normalised_text"), rs.getString("wording"),
					rs.getInt("asked")))
			.list();
		return members.isEmpty() ? Optional.empty() : Optional.of(members);
	}

	Set<String> ids() {
		return new HashSet<>(this.jdbc.sql("SELECT id FROM unanswered_cluster").query(String.class).list());
	}

	/** Where the clusters' ids come from, so that a recompute on another node keeps them. */
	List<Anchor> anchors() {
		return this.jdbc.sql("SELECT id, locale, anchor_text, distinct_questions FROM unanswered_cluster")
			.query((rs, row) -> new Anchor(rs.getString("id"),
					QuestionClusters.fullKey(locale(rs), rs.getString("anchor_text")), rs.getInt("distinct_questions")))
			.list();
	}

	/** Removes clusters with their questions. */
	void remove(Collection<String> ids) {
		if (!ids.isEmpty()) {
			this.batch.batchUpdate("DELETE FROM unanswered_cluster WHERE id = ?",
					ids.stream().map((id) -> new Object[] { id }).toList());
		}
	}

	/** Removes every cluster. */
	void clear() {
		this.jdbc.sql("DELETE FROM unanswered_member").update();
		this.jdbc.sql("DELETE FROM unanswered_cluster").update();
	}

	/** Adds clusters (whose ids are not in the snapshot) with their questions. */
	void add(Collection<Listed> clusters) {
		List<Object[]> rows = new ArrayList<>(clusters.size());
		List<Object[]> members = new ArrayList<>();
		for (Listed listed : clusters) {
			Cluster c = listed.cluster();
			rows.add(new Object[] { c.id(), c.locale().code(), c.size(), c.distinctQuestions(), utc(c.firstSeen()),
					utc(c.lastSeen()), c.trend().lastSevenDays(), c.trend().sevenDaysBefore(),
					listed.anchor().substring(listed.anchor().indexOf('\n') + 1) });
			for (int i = 0; i < listed.members().size(); i++) {
				Member member = listed.members().get(i);
				members.add(new Object[] { c.id(), i, member.key(), member.text(), member.count() });
			}
		}
		if (!rows.isEmpty()) {
			this.batch.batchUpdate("INSERT INTO unanswered_cluster (id, locale, asked, distinct_questions, first_seen, "
					+ "last_seen, last_seven_days, seven_days_before, anchor_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
					rows);
			this.batch.batchUpdate("INSERT INTO unanswered_member (cluster_id, ordinal, normalised_text, wording, asked) "
					+ "VALUES (?, ?, ?, ?, ?)", members);
		}
	}

	/** Records a newly written snapshot on the (locked) snapshot row. */
	void written(long generation, String holder, Instant at, long rebuildsDone) {
		this.jdbc
			.sql("UPDATE unanswered_snapshot SET generation = ?, computed_by = ?, computed_at = ?, rebuilds_done = ? "
					+ "WHERE id = 1")
			.params(generation, holder, utc(at), rebuildsDone)
			.update();
	}

	private static State stateOf(ResultSet rs, int row) throws SQLException {
		OffsetDateTime at = rs.getObject("computed_at", OffsetDateTime.class);
		return new State(rs.getLong("generation"), rs.getString("computed_by"), (at != null) ? at.toInstant() : null,
				rs.getLong("rebuild_requests"), rs.getLong("rebuilds_done"));
	}

	private static Language locale(ResultSet rs) throws SQLException {
		String code = rs.getString("locale");
		return Language.parse(code).orElseThrow(() -> new IllegalStateException("Unknown locale " + code));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	/** A cluster read from the snapshot, its samples (the first being its label) collected row by row. */
	private static final class ClusterRow {

		final String id;

		final Language locale;

		final int size;

		final int distinctQuestions;

		final Instant firstSeen;

		final Instant lastSeen;

		final Trend trend;

		final List<String> samples = new ArrayList<>(QuestionClusters.SAMPLES);

		ClusterRow(ResultSet rs) throws SQLException {
			this.id = rs.getString("id");
			this.locale = locale(rs);
			this.size = rs.getInt("asked");
			this.distinctQuestions = rs.getInt("distinct_questions");
			this.firstSeen = instant(rs, "first_seen");
			this.lastSeen = instant(rs, "last_seen");
			this.trend = new Trend(rs.getInt("last_seven_days"), rs.getInt("seven_days_before"));
		}

		Cluster cluster() {
			return new Cluster(this.id, this.locale, this.size, this.distinctQuestions, this.samples.get(0),
					this.samples, this.firstSeen, this.lastSeen, this.trend, null);
		}

	}

}
