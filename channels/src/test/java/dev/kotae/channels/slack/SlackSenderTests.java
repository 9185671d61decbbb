package dev.kotae.channels.slack;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.kotae.channels.slack.FakeSlack.Call;
import dev.kotae.channels.slack.SlackOutbox.Parent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbox sender against the fake Slack: a 5xx is retried after a backoff and sent once, a
 * permanent error is not retried and the calls that need its message fail too; thread replies get
 * their parent's {@code thread_ts}.
 */
class SlackSenderTests {

	private final FakeSlack slack = FakeSlack.start();

	private final SlackTestDatabase db = new SlackTestDatabase();

	private final JsonMapper json = JsonMapper.builder().build();

	private final SlackOutbox outbox = new SlackOutbox(this.db.jdbc);

	private final SlackThreads threads = new SlackThreads(this.db.jdbc);

	private final SlackWebApi api = new SlackWebApi(
			new SlackProperties(true, "xoxb-test-token", "test-secret", "C1", this.slack.apiUrl(), null, null), this.json);

	private final SlackSender sender = new SlackSender(this.outbox, this.threads, this.api, this.json,
			this.db.transactions, SlackProperties.Outbox.DEFAULTS.retryPolicy(), Clock.systemUTC());

	@AfterEach
	void stop() {
		this.api.destroy();
		this.slack.close();
	}

	@Test
	void aServerErrorIsRetriedAfterABackoffAndTheThreadReplyFollowsItsParent() {
		long handoff = this.db.handoff();
		this.slack.failNext("chat.postMessage", (body) -> true, 1, 500, null);
		long parent = this.outbox.enqueue(handoff, "chat.postMessage", Parent.CREATES,
				"{\"channel\":\"C1\",\"text\":\"parent\"}", Instant.now());
		long reply = this.outbox.enqueue(handoff, "chat.postMessage", Parent.THREAD, "{\"text\":\"reply\"}",
				Instant.now());

		this.sender.poll();
		assertThat(this.slack.calls("chat.postMessage")).extracting(Call::status).containsExactly(500);
		this.sender.poll();
		assertThat(this.slack.calls("chat.postMessage")).as("the reply waits for its parent").hasSize(1);

		await().atMost(Duration.ofSeconds(5)).until(() -> {
			this.sender.poll();
			return "sent".equals(this.db.status(reply));
		});
		List<Call> calls = this.slack.calls("chat.postMessage");
		assertThat(calls).extracting(Call::status).containsExactly(500, 200, 200);
		assertThat(Duration.between(calls.get(0).at(), calls.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(900));
		String ts = this.threads.find(handoff).orElseThrow().ts();
		assertThat(ts).isNotNull();
		assertThat(calls.get(2).json().get("thread_ts").asString()).isEqualTo(ts);
		assertThat(calls.get(2).json().get("channel").asString()).isEqualTo("C1");
		assertThat(calls.get(2).contentType()).isEqualTo("application/json; charset=utf-8");
		assertThat(this.db.status(parent)).isEqualTo("sent");
	}

	@Test
	void aPermanentErrorIsNotRetriedAndCallsThatNeedTheMessageFailToo() {
		long handoff = this.db.handoff();
		this.slack.refuseNext("chat.postMessage", 1, "channel_not_found");
		long parent = this.outbox.enqueue(handoff, "chat.postMessage", Parent.CREATES,
				"{\"channel\":\"C404\",\"text\":\"parent\"}", Instant.now());
		long update = this.outbox.enqueue(handoff, "chat.update", Parent.EDITS, "{\"text\":\"taken\"}", Instant.now());

		this.sender.poll();
		this.sender.poll();
		assertThat(this.db.status(parent)).isEqualTo("failed");
		assertThat(this.db.lastError(parent)).isEqualTo("channel_not_found");
		assertThat(this.db.status(update)).isEqualTo("failed");
		assertThat(this.db.lastError(update)).isEqualTo("no_parent_message");
		assertThat(this.slack.calls("chat.postMessage")).hasSize(1);
		assertThat(this.slack.calls("chat.update")).isEmpty();
	}

}
