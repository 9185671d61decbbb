package dev.kotae.bot.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Named leases in the {@code cluster_lease} table, so that of several nodes sharing one database one
 * at a time does a piece of work (trains the classifier, runs a scheduled check). A lease is held
 * until it is released or expires; its holder renews it by acquiring it again. Portable SQL (a
 * conditional update, then an insert for a name never used), run outside any transaction.
 */
@Component
public class Leases {

	private final String holder = UUID.randomUUID().toString();

	private final JdbcClient jdbc;

	private final Clock clock;

	Leases(JdbcClient jdbc, ObjectProvider<Clock> clock) {
		this.jdbc = jdbc;
		this.clock = clock.getIfAvailable(Clock::systemUTC);
	}

	/** This node's name as a lease holder. */
	public String holder() {
		return this.holder;
	}

	/**
	 * Takes or renews the lease {@code name} for {@code ttl}.
	 * @return whether this node holds it now
	 */
	public boolean tryAcquire(String name, Duration ttl) {
		OffsetDateTime now = now();
		int updated = this.jdbc
			.sql("UPDATE cluster_lease SET holder = ?, expires_at = ? WHERE name = ? AND (holder = ? OR holder IS NULL OR expires_at < ?)")
			.params(this.holder, now.plus(ttl), name, this.holder, now)
			.update();
		if (updated == 1) {
			return true;
		}
		try {
			return this.jdbc.sql("INSERT INTO cluster_lease (name, holder, expires_at) VALUES (?, ?, ?)")
				.params(name, this.holder, now.plus(ttl))
				.update() == 1;
		}
		catch (DataIntegrityViolationException ex) {
			return false; // another node holds it
		}
	}

	/** Gives the lease up at once, if this node holds it. */
	public void release(String name) {
		this.jdbc.sql("UPDATE cluster_lease SET holder = NULL, expires_at = ? WHERE name = ? AND holder = ?")
			.params(now(), name, this.holder)
			.update();
	}

	private OffsetDateTime now() {
		return OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC);
	}

}
