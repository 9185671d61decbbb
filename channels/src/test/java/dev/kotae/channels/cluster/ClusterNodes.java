package dev.kotae.channels.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import dev.kotae.KotaeApplication;
import dev.kotae.MutableClock;
import dev.kotae.PostgresTestDatabases;
import dev.kotae.TestHttp;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Application instances ("nodes") on loopback ports sharing one fresh PostgreSQL database, for the
 * two-node tests. Every node runs without rate limits, with the test admin password and its own data
 * directory; a test adds its own properties. Closing stops the nodes, the last started first.
 */
final class ClusterNodes implements AutoCloseable {

	private final String url;

	private final Path dataDir;

	private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

	private ClusterNodes(String url, Path dataDir) {
		this.url = url;
		this.dataDir = dataDir;
	}

	/**
	 * A fresh database named after {@code label} on {@code KOTAE_TEST_POSTGRES_URL}'s server; skips the
	 * calling tests when that is not set.
	 */
	static ClusterNodes onFreshDatabase(String label) throws IOException {
		assumeTrue(PostgresTestDatabases.server() != null, "KOTAE_TEST_POSTGRES_URL is not set");
		return new ClusterNodes(PostgresTestDatabases.create(label), Files.createTempDirectory("kotae-" + label));
	}

	/** Starts a node; {@code properties} ({@code name=value}) override application.yml. */
	ConfigurableApplicationContext start(String name, String... properties) {
		// command-line arguments: they override application.yml (builder properties are only defaults)
		String[] arguments = Stream.concat(Stream.of("server.port=0", "spring.datasource.url=" + this.url,
				"spring.datasource.username=" + PostgresTestDatabases.user(),
				"spring.datasource.password=" + PostgresTestDatabases.password(),
				"spring.datasource.hikari.maximum-pool-size=8", "kotae.data-dir=" + this.dataDir.resolve(name),
				"kotae.security.admin-password=" + TestHttp.ADMIN_PASSWORD, "kotae.web.rate-limit.enabled=false"),
				Stream.of(properties))
			.map((argument) -> "--" + argument)
			.toArray(String[]::new);
		ConfigurableApplicationContext node = new SpringApplicationBuilder(KotaeApplication.class,
				MutableClock.Config.class)
			.run(arguments);
		this.nodes.add(node);
		return node;
	}

	static int port(ConfigurableApplicationContext node) {
		return Integer.parseInt(node.getEnvironment().getProperty("local.server.port"));
	}

	/** Polls {@code condition} until it holds; fails the test after {@code limit}. */
	static void waitUntil(BooleanSupplier condition, Duration limit) throws InterruptedException {
		long deadline = System.nanoTime() + limit.toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("not within %s", limit).isLessThan(deadline);
			Thread.sleep(20);
		}
	}

	@Override
	public void close() {
		for (int i = this.nodes.size() - 1; i >= 0; i--) {
			this.nodes.get(i).close();
		}
	}

}
