package dev.kotae.channels.slack;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/** A fresh in-memory H2 database with all of Kotae's migrations, for the outbox's own tests. */
final class SlackTestDatabase {

	final DataSource dataSource;

	final JdbcClient jdbc;

	final DataSourceTransactionManager transactions;

	SlackTestDatabase() {
		this.dataSource = new DriverManagerDataSource("jdbc:h2:mem:slack-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
				"sa", "");
		Flyway.configure().dataSource(this.dataSource).locations("classpath:db/migration").load().migrate();
		this.jdbc = JdbcClient.create(this.dataSource);
		this.transactions = new DataSourceTransactionManager(this.dataSource);
		this.jdbc.sql("INSERT INTO site (site_key, name, allowed_origins, default_locale, created_at) "
				+ "VALUES ('test', 'Test', '', 'en', ?)").param(Instant.EPOCH.atOffset(ZoneOffset.UTC)).update();
	}

	/** A conversation waiting for a person; returns the hand-off's id. */
	long handoff() {
		String conversationId = UUID.randomUUID().toString();
		this.jdbc.sql("INSERT INTO conversation (id, site_key, channel, locale, token_hash, created_at) "
				+ "VALUES (?, 'test', 'web', 'en', 'x', ?)")
			.params(conversationId, Instant.EPOCH.atOffset(ZoneOffset.UTC))
			.update();
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("INSERT INTO handoff (conversation_id, status, reason, requested_at) VALUES (?, 'waiting', "
				+ "'requested_human', ?)").params(conversationId, Instant.EPOCH.atOffset(ZoneOffset.UTC)).update(keys, "id");
		long id = keys.getKeyAs(Number.class).longValue();
		new SlackThreads(this.jdbc).create(id, conversationId, "C1", 0, "[]", Instant.EPOCH);
		return id;
	}

	String status(long callId) {
		return this.jdbc.sql("SELECT status FROM slack_outbox WHERE id = ?").param(callId).query(String.class).single();
	}

	String lastError(long callId) {
		return this.jdbc.sql("SELECT last_error FROM slack_outbox WHERE id = ?").param(callId).query(String.class).single();
	}

}
