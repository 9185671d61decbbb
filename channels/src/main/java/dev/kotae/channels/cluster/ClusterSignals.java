package dev.kotae.channels.cluster;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Sends and receives {@link ClusterSignal}s through PostgreSQL's {@code NOTIFY}/{@code LISTEN} on the
 * channel {@value #CHANNEL}. Each node has a random id; a node ignores its own signals and publishes
 * the others' as {@link ClusterSignal} events. One pooled connection per node listens; when it is
 * lost the node reconnects with backoff and publishes {@link ClusterSignal#RESYNC}, since signals sent
 * meanwhile are gone. On any other database (H2: one node) sending does nothing.
 */
@Component
public class ClusterSignals implements SmartLifecycle {

	static final String CHANNEL = "kotae_cluster";

	/** PostgreSQL's limit for a payload is 8,000 bytes; longer keys are sent as {@code *}. */
	static final int MAX_PAYLOAD = 7_000;

	private static final Duration POLL = Duration.ofMillis(500);

	private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

	private static final Logger log = LoggerFactory.getLogger(ClusterSignals.class);

	private final String node = UUID.randomUUID().toString().substring(0, 8);

	private final DataSource dataSource;

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final ExecutorService dispatch = Executors.newSingleThreadExecutor((r) -> {
		Thread thread = new Thread(r, "kotae-cluster-dispatch");
		thread.setDaemon(true);
		return thread;
	});

	private volatile boolean postgres;

	private volatile boolean running;

	private volatile boolean listening;

	private Thread listener;

	ClusterSignals(DataSource dataSource, JdbcClient jdbc, ApplicationEventPublisher events) {
		this.dataSource = dataSource;
		this.jdbc = jdbc;
		this.events = events;
	}

	/** This node's id in signals and logs. */
	public String node() {
		return this.node;
	}

	/** Whether signals travel between nodes (the database is PostgreSQL). */
	public boolean enabled() {
		return this.postgres;
	}

	/** Whether this node is listening right now (for health and tests). */
	public boolean listening() {
		return this.listening;
	}

	/**
	 * Tells every other node. Called inside the changing transaction, PostgreSQL delivers the signal
	 * when (and only if) it commits; called outside one, at once.
	 */
	public void send(String topic, String key) {
		if (!this.postgres) {
			return;
		}
		String payload = this.node + "|" + topic + "|" + key;
		if (payload.length() > MAX_PAYLOAD) {
			payload = this.node + "|" + topic + "|*";
		}
		try {
			this.jdbc.sql("SELECT pg_notify(?, ?)").params(CHANNEL, payload).query().singleValue();
		}
		catch (RuntimeException ex) {
			// the database is away: the other nodes resync when their own connection comes back
			log.warn("Cannot signal {} to the other nodes: {}", topic, ex.getMessage());
		}
	}

	@Override
	public void start() {
		this.postgres = isPostgres();
		this.running = true;
		if (this.postgres) {
			this.listener = Thread.ofPlatform().daemon().name("kotae-cluster-listen").start(this::listen);
			log.info("Cluster signals on PostgreSQL channel {}, node {}", CHANNEL, this.node);
		}
	}

	@Override
	public void stop() {
		this.running = false;
		if (this.listener != null) {
			this.listener.interrupt();
		}
		this.dispatch.shutdown();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private boolean isPostgres() {
		try (Connection connection = this.dataSource.getConnection()) {
			DatabaseMetaData meta = connection.getMetaData();
			return meta.getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
		}
		catch (SQLException ex) {
			log.warn("Cannot tell the database product; cluster signals are off: {}", ex.getMessage());
			return false;
		}
	}

	private void listen() {
		long backoff = 200;
		boolean first = true;
		while (this.running) {
			try (Connection connection = this.dataSource.getConnection()) {
				try (Statement statement = connection.createStatement()) {
					statement.execute("LISTEN " + CHANNEL);
				}
				PGConnection pg = connection.unwrap(PGConnection.class);
				this.listening = true;
				if (!first) {
					log.info("Cluster signals are back; resynchronising");
					publish(new ClusterSignal(ClusterSignal.RESYNC, ""));
				}
				first = false;
				backoff = 200;
				while (this.running) {
					PGNotification[] notifications = pg.getNotifications((int) POLL.toMillis());
					if (notifications != null) {
						for (PGNotification notification : notifications) {
							receive(notification.getParameter());
						}
					}
				}
			}
			catch (SQLException | RuntimeException ex) {
				this.listening = false;
				if (!this.running) {
					return;
				}
				log.warn("Cluster signal connection lost ({}); retrying in {} ms", ex.getMessage(), backoff);
				first = false;
				try {
					Thread.sleep(backoff);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					return;
				}
				backoff = Math.min(backoff * 2, MAX_BACKOFF.toMillis());
			}
		}
		this.listening = false;
	}

	private void receive(String payload) {
		String[] parts = payload.split("\\|", 3);
		if (parts.length == 3 && !parts[0].equals(this.node)) {
			publish(new ClusterSignal(parts[1], parts[2]));
		}
	}

	private void publish(ClusterSignal signal) {
		try {
			this.dispatch.execute(() -> {
				try {
					this.events.publishEvent(signal);
				}
				catch (RuntimeException ex) {
					log.warn("Handling the cluster signal {} failed", signal, ex);
				}
			});
		}
		catch (java.util.concurrent.RejectedExecutionException ex) {
			// shutting down
		}
	}

}
