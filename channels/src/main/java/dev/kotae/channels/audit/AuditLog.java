package dev.kotae.channels.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The {@code audit_log} table: appends {@link Audited} events, lists the newest first. */
@Component
public class AuditLog {

	/** The most entries one read returns. */
	public static final int MAX_LIMIT = 500;

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Clock clock;

	AuditLog(JdbcClient jdbc, JsonMapper json, ObjectProvider<Clock> clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock.getIfAvailable(Clock::systemUTC);
	}

	@EventListener
	void on(Audited event) {
		this.jdbc
			.sql("INSERT INTO audit_log (at, actor, action, target_type, target_id, before_json, after_json) "
					+ "VALUES (?, ?, ?, ?, ?, ?, ?)")
			.params(OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC), event.actor(), event.action(),
					event.targetType(), event.targetId(), write(event.before()), write(event.after()))
			.update();
	}

	/** The newest entries first, optionally only those about one type or one target. */
	public List<AuditEntry> list(int limit, String targetType, String targetId) {
		StringBuilder sql = new StringBuilder(
				"SELECT id, at, actor, action, target_type, target_id, before_json, after_json FROM audit_log WHERE 1 = 1");
		List<Object> params = new ArrayList<>();
		if (targetType != null && !targetType.isBlank()) {
			sql.append(" AND target_type = ?");
			params.add(targetType);
		}
		if (targetId != null && !targetId.isBlank()) {
			sql.append(" AND target_id = ?");
			params.add(targetId);
		}
		sql.append(" ORDER BY id DESC FETCH FIRST ").append(Math.clamp(limit, 1, MAX_LIMIT)).append(" ROWS ONLY");
		return this.jdbc.sql(sql.toString()).params(params).query(this::entry).list();
	}

	private AuditEntry entry(ResultSet rs, int row) throws SQLException {
		Timestamp at = rs.getTimestamp("at");
		return new AuditEntry(rs.getLong("id"), (at != null) ? at.toInstant() : Instant.EPOCH, rs.getString("actor"),
				rs.getString("action"), rs.getString("target_type"), rs.getString("target_id"),
				read(rs.getString("before_json")), read(rs.getString("after_json")));
	}

	private String write(Object value) {
		return (value != null) ? this.json.writeValueAsString(value) : null;
	}

	private JsonNode read(String value) {
		return (value != null) ? this.json.readTree(value) : null;
	}

}
