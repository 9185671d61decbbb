package dev.kotae.channels.line;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import javax.sql.DataSource;

import dev.kotae.channels.delivery.RetryPolicy;
import dev.kotae.channels.line.LineOutbox.Origin;
import dev.kotae.channels.line.LineOutbox.Push;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The push outbox and the event log on a fresh H2 database with all migrations: a retry key is queued
 * once, a user's pushes go one at a time in order, a row is claimed by one node only and not before it
 * is due, and an event id is stored once.
 */
class LineOutboxTests {

	private static final Instant NOW = Instant.parse("2026-11-24T01:00:00Z");

	private final JdbcClient jdbc = database();

	private final LineOutbox outbox = new LineOutbox(this.jdbc);

	private final LineEventLog events = new LineEventLog(this.jdbc);

	@Test
	void theSameRetryKeyIsQueuedOnce() {
		UUID key = LineRelay.retryKey("reply:01ABC");
		assertThat(this.outbox.enqueue("U1", key, Origin.REPLY_FALLBACK, "{}", NOW)).isTrue();
		assertThat(this.outbox.enqueue("U1", key, Origin.REPLY_FALLBACK, "{}", NOW)).isFalse();
		assertThat(this.outbox.due(NOW)).singleElement().satisfies((p) -> assertThat(p.retryKey()).isEqualTo(key));
		assertThat(LineRelay.retryKey("reply:01ABC")).isEqualTo(key).isNotEqualTo(LineRelay.retryKey("reply:01ABD"));
	}

	@Test
	void aUsersPushesGoOneAtATimeInOrderWhileOtherUsersAreNotHeldUp() {
		this.outbox.enqueue("U1", UUID.randomUUID(), Origin.AGENT, "{\"n\":1}", NOW);
		this.outbox.enqueue("U1", UUID.randomUUID(), Origin.AGENT, "{\"n\":2}", NOW);
		this.outbox.enqueue("U2", UUID.randomUUID(), Origin.AGENT, "{\"n\":3}", NOW);
		assertThat(this.outbox.due(NOW)).extracting(Push::body).containsExactly("{\"n\":1}", "{\"n\":3}");

		Push first = this.outbox.due(NOW).get(0);
		assertThat(this.outbox.claim(first.id(), NOW)).isTrue();
		assertThat(this.outbox.claim(first.id(), NOW)).as("a second node").isFalse();
		this.outbox.retry(first.id(), NOW.plusSeconds(1), "push: HTTP 500");
		// not due yet, and the user's next push waits behind it
		assertThat(this.outbox.due(NOW)).extracting(Push::body).containsExactly("{\"n\":3}");
		assertThat(this.outbox.due(NOW.plusSeconds(1))).extracting(Push::body).contains("{\"n\":1}")
			.doesNotContain("{\"n\":2}");
		assertThat(this.outbox.claim(first.id(), NOW.plusSeconds(1))).isTrue();
		this.outbox.sent(first.id(), NOW.plusSeconds(1));
		assertThat(this.outbox.due(NOW.plusSeconds(1))).extracting(Push::body).containsExactly("{\"n\":2}", "{\"n\":3}");
		assertThat(this.outbox.due(NOW.plusSeconds(1)).get(0).attempts()).isZero();
	}

	@Test
	void aPushAnotherNodePutBackForLaterIsNotClaimedFromAnOlderListOfDuePushes() {
		this.outbox.enqueue("U1", UUID.randomUUID(), Origin.AGENT, "{}", NOW);
		Push seenByNode2 = this.outbox.due(NOW).get(0);
		assertThat(this.outbox.claim(seenByNode2.id(), NOW)).as("node 1").isTrue();
		this.outbox.retry(seenByNode2.id(), NOW.plusSeconds(1), "push: HTTP 429");
		// node 2 goes on with the list it read before: the push waits for its back-off (or Retry-After)
		assertThat(this.outbox.claim(seenByNode2.id(), NOW)).as("node 2, before the back-off is over").isFalse();
		assertThat(this.outbox.claim(seenByNode2.id(), NOW.plusSeconds(1))).isTrue();
	}

	@Test
	void anEventAnotherNodePutBackForLaterIsNotClaimedFromAnOlderListOfDueEvents() {
		this.events.receive("01EVENT", "message", "U1", "{}", NOW);
		this.events.retry("01EVENT", NOW.plusSeconds(5), "DataAccessResourceFailureException");
		assertThat(this.events.due(NOW.plusSeconds(5))).hasSize(1);
		assertThat(this.events.claim("01EVENT", NOW.plusSeconds(5))).as("node 1").isTrue();
		this.events.retry("01EVENT", NOW.plusSeconds(15), "DataAccessResourceFailureException");
		assertThat(this.events.claim("01EVENT", NOW.plusSeconds(5))).as("node 2, from the same list").isFalse();
		assertThat(this.events.claim("01EVENT", NOW.plusSeconds(15))).isTrue();
	}

	@Test
	void abandonedClaimsComeBackAndAnUnfollowCancelsWhatWaits() {
		this.outbox.enqueue("U1", UUID.randomUUID(), Origin.AGENT, "{}", NOW);
		Push push = this.outbox.due(NOW).get(0);
		this.outbox.claim(push.id(), NOW);
		assertThat(this.outbox.recover(NOW.minus(LineSender.LEASE))).isZero();
		assertThat(this.outbox.recover(NOW.plusSeconds(1))).isOne();
		assertThat(this.outbox.due(NOW)).singleElement().satisfies((p) -> assertThat(p.attempts()).isOne());
		assertThat(this.outbox.cancel("U1", "unfollowed")).isOne();
		assertThat(this.outbox.due(NOW)).isEmpty();
	}

	@Test
	void backoffDoublesFromOneSecondUpToFiveMinutes() {
		RetryPolicy retry = LineProperties.Outbox.DEFAULTS.retryPolicy();
		assertThat(retry.backoff(1)).isEqualTo(Duration.ofSeconds(1));
		assertThat(retry.backoff(2)).isEqualTo(Duration.ofSeconds(2));
		assertThat(retry.backoff(3)).isEqualTo(Duration.ofSeconds(4));
		assertThat(retry.backoff(30)).isEqualTo(Duration.ofMinutes(5));
		// over two hours of trying, within the 24 hours LINE keeps a retry key
		assertThat(retry.patience()).isBetween(Duration.ofHours(2), Duration.ofHours(24));
		assertThat(LineEventWorker.backoff(1)).isEqualTo(Duration.ofSeconds(5));
		assertThat(LineEventWorker.backoff(3)).isEqualTo(Duration.ofSeconds(20));
	}

	@Test
	void anEventIdIsStoredOnceAndItsPayloadIsForgottenWhenDone() {
		assertThat(this.events.receive("01EVENT", "message", "U1", "{\"text\":\"secret\"}", NOW)).isTrue();
		assertThat(this.events.receive("01EVENT", "message", "U1", "{\"text\":\"secret\"}", NOW)).isFalse();
		this.events.retry("01EVENT", NOW.plusSeconds(5), "DataAccessResourceFailureException");
		assertThat(this.events.due(NOW)).isEmpty();
		assertThat(this.events.due(NOW.plusSeconds(5))).extracting(LineEventLog.Due::webhookEventId)
			.containsExactly("01EVENT");
		assertThat(this.events.claim("01EVENT", NOW.plusSeconds(5))).isTrue();
		assertThat(this.events.claim("01EVENT", NOW.plusSeconds(5))).isFalse();
		assertThat(this.events.find("01EVENT").orElseThrow().attempts()).isEqualTo(2);
		this.events.done("01EVENT", NOW.plusSeconds(6));
		assertThat(this.events.find("01EVENT").orElseThrow().payload()).isNull();
		assertThat(this.events.receive("01EVENT", "message", "U1", "{}", NOW.plusSeconds(7))).as("a redelivery")
			.isFalse();
		assertThat(this.events.purge(NOW.plusSeconds(7))).isOne();
	}

	private static JdbcClient database() {
		DataSource dataSource = new DriverManagerDataSource(
				"jdbc:h2:mem:line-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
		return JdbcClient.create(dataSource);
	}

}
