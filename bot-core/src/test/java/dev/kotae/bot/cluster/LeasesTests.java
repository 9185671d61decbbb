package dev.kotae.bot.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabase;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Leases} of several "nodes" (instances with their own holder id) on one H2 database with the
 * real {@code cluster_lease} table: one holds a lease at a time, renews it, gives it up, and loses it
 * when it expires; under a race exactly one wins.
 */
@EnabledIf(value = "h2OnTheClassPath", disabledReason = "needs the H2 driver on bot-core's test class path")
class LeasesTests {

	private EmbeddedDatabase database;

	private JdbcClient jdbc;

	private Instant now = Instant.parse("2026-11-24T01:00:00Z");

	static boolean h2OnTheClassPath() {
		return ClassUtils.isPresent("org.h2.Driver", LeasesTests.class.getClassLoader());
	}

	@BeforeEach
	void createTable() {
		this.database = new EmbeddedDatabaseBuilder().setType(EmbeddedDatabaseType.H2)
			.generateUniqueName(true)
			.addScript(new ClassPathResource("db/migration/V15__cluster.sql").getPath())
			.build();
		this.jdbc = JdbcClient.create(this.database);
	}

	@AfterEach
	void dropDatabase() {
		this.database.shutdown();
	}

	private Leases node() {
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean("clock", new Clock() {
			@Override
			public ZoneOffset getZone() {
				return ZoneOffset.UTC;
			}

			@Override
			public Clock withZone(java.time.ZoneId zone) {
				return this;
			}

			@Override
			public Instant instant() {
				return LeasesTests.this.now;
			}
		});
		ObjectProvider<Clock> clock = beans.getBeanProvider(Clock.class);
		return new Leases(this.jdbc, clock);
	}

	@Test
	void oneNodeHoldsALeaseUntilItReleasesIt() {
		Leases a = node();
		Leases b = node();
		assertThat(a.tryAcquire("job", Duration.ofMinutes(1))).isTrue();
		assertThat(b.tryAcquire("job", Duration.ofMinutes(1))).isFalse();
		assertThat(a.tryAcquire("job", Duration.ofMinutes(1))).as("the holder renews").isTrue();
		assertThat(b.tryAcquire("other-job", Duration.ofMinutes(1))).as("leases are per name").isTrue();
		a.release("job");
		assertThat(b.tryAcquire("job", Duration.ofMinutes(1))).isTrue();
		assertThat(a.tryAcquire("job", Duration.ofMinutes(1))).isFalse();
	}

	@Test
	void anExpiredLeaseGoesToTheNextNodeThatAsks() {
		Leases a = node();
		Leases b = node();
		assertThat(a.tryAcquire("job", Duration.ofSeconds(15))).isTrue();
		this.now = this.now.plusSeconds(14);
		assertThat(b.tryAcquire("job", Duration.ofSeconds(15))).isFalse();
		this.now = this.now.plusSeconds(2);
		assertThat(b.tryAcquire("job", Duration.ofSeconds(15))).as("a's lease ran out").isTrue();
		assertThat(a.tryAcquire("job", Duration.ofSeconds(15))).isFalse();
		b.release("not-held");
		a.release("job");
		assertThat(a.tryAcquire("job", Duration.ofSeconds(15))).as("a cannot release b's lease").isFalse();
	}

	@Test
	void ofManyNodesAskingAtOnceExactlyOneGetsANewLease() throws Exception {
		List<Leases> nodes = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			nodes.add(node());
		}
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Callable<Boolean>> asks = new ArrayList<>();
			nodes.forEach((node) -> asks.add(() -> node.tryAcquire("race", Duration.ofMinutes(1))));
			int winners = 0;
			for (Future<Boolean> result : pool.invokeAll(asks)) {
				winners += result.get() ? 1 : 0;
			}
			assertThat(winners).isEqualTo(1);
		}
		finally {
			pool.shutdownNow();
		}
	}

}
