package dev.kotae.channels.slack;

import java.time.Duration;
import java.time.Instant;

import dev.kotae.channels.delivery.RetryPolicy;
import dev.kotae.channels.slack.SlackOutbox.Call;
import dev.kotae.channels.slack.SlackOutbox.Parent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox table on H2 with the real migrations: calls go out one at a time and in order per
 * hand-off, a claim is exclusive across nodes and waits for the call's back-off, abandoned claims come
 * back, backoff doubles up to five minutes.
 */
class SlackOutboxTests {

	private final SlackTestDatabase db = new SlackTestDatabase();

	private final Instant now = Instant.parse("2026-11-24T01:00:00Z");

	@Test
	void onlyTheFirstOpenCallOfEachHandOffIsDueAndTheNextOnlyOnceItIsSent() {
		SlackOutbox outbox = new SlackOutbox(this.db.jdbc);
		long a = this.db.handoff();
		long b = this.db.handoff();
		long a1 = outbox.enqueue(a, "chat.postMessage", Parent.CREATES, "{}", this.now);
		long a2 = outbox.enqueue(a, "chat.postMessage", Parent.THREAD, "{}", this.now);
		long b1 = outbox.enqueue(b, "chat.postMessage", Parent.CREATES, "{}", this.now);

		assertThat(outbox.due(this.now)).extracting(Call::id).containsExactly(a1, b1);
		assertThat(outbox.claim(a1, this.now)).isTrue();
		assertThat(outbox.due(this.now)).as("a2 waits while a1 is being sent").extracting(Call::id).containsExactly(b1);

		outbox.retry(a1, this.now.plusSeconds(2), "chat.postMessage: HTTP 500");
		assertThat(outbox.due(this.now)).extracting(Call::id).containsExactly(b1);
		assertThat(outbox.due(this.now.plusSeconds(2))).extracting(Call::id).containsExactly(a1, b1);
		assertThat(outbox.due(this.now.plusSeconds(2)).get(0).attempts()).isEqualTo(1);

		outbox.claim(a1, this.now.plusSeconds(2));
		outbox.sent(a1, "1700000000.000100", this.now.plusSeconds(2));
		assertThat(outbox.due(this.now.plusSeconds(2))).extracting(Call::id).containsExactly(a2, b1);
		outbox.claim(b1, this.now);
		outbox.fail(b1, "channel_not_found");
		assertThat(this.db.status(b1)).isEqualTo("failed");
	}

	@Test
	void ofTwoNodesClaimingACallExactlyOneGetsItAndAnAbandonedClaimComesBack() {
		SlackOutbox node1 = new SlackOutbox(this.db.jdbc);
		SlackOutbox node2 = new SlackOutbox(this.db.jdbc);
		long call = node1.enqueue(this.db.handoff(), "chat.update", Parent.EDITS, "{}", this.now);

		assertThat(node1.claim(call, this.now)).isTrue();
		assertThat(node2.claim(call, this.now)).isFalse();
		assertThat(node2.due(this.now)).isEmpty();

		assertThat(node2.recover(this.now.minus(SlackSender.LEASE))).as("still within the lease").isZero();
		assertThat(node2.recover(this.now.plus(Duration.ofSeconds(1)))).isEqualTo(1);
		assertThat(node2.claim(call, this.now)).isTrue();
		assertThat(this.db.status(call)).isEqualTo("sending");
	}

	@Test
	void aCallAnotherNodePutBackForLaterIsNotClaimedFromAnOlderListOfDueCalls() {
		SlackOutbox node1 = new SlackOutbox(this.db.jdbc);
		SlackOutbox node2 = new SlackOutbox(this.db.jdbc);
		node1.enqueue(this.db.handoff(), "chat.postMessage", Parent.CREATES, "{}", this.now);
		Call seenByNode2 = node2.due(this.now).get(0);

		assertThat(node1.claim(seenByNode2.id(), this.now)).isTrue();
		node1.retry(seenByNode2.id(), this.now.plusSeconds(30), "chat.postMessage: HTTP 429");
		// node 2 goes on with the list it read before: the call waits for Slack's Retry-After
		assertThat(node2.claim(seenByNode2.id(), this.now)).isFalse();
		assertThat(this.db.status(seenByNode2.id())).isEqualTo("pending");
		assertThat(node2.claim(seenByNode2.id(), this.now.plusSeconds(30))).isTrue();
	}

	@Test
	void backoffDoublesFromOneSecondUpToFiveMinutes() {
		RetryPolicy retry = SlackProperties.Outbox.DEFAULTS.retryPolicy();
		assertThat(retry.backoff(1)).isEqualTo(Duration.ofSeconds(1));
		assertThat(retry.backoff(2)).isEqualTo(Duration.ofSeconds(2));
		assertThat(retry.backoff(3)).isEqualTo(Duration.ofSeconds(4));
		assertThat(retry.backoff(9)).isEqualTo(Duration.ofSeconds(256));
		assertThat(retry.backoff(10)).isEqualTo(Duration.ofMinutes(5));
		assertThat(retry.backoff(retry.maxAttempts())).isEqualTo(Duration.ofMinutes(5));
		// an outage of an hour loses nothing
		assertThat(retry.patience()).isGreaterThan(Duration.ofHours(1));
	}

}
