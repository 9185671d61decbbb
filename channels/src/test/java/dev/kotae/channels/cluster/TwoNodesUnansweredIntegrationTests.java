package dev.kotae.channels.cluster;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import dev.kotae.TestHttp;
import dev.kotae.TestHttp.Response;
import dev.kotae.bot.cluster.Leases;
import dev.kotae.bot.unanswered.UnansweredQuestions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static dev.kotae.channels.cluster.ClusterNodes.port;
import static dev.kotae.channels.cluster.ClusterNodes.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two application instances on loopback ports sharing one PostgreSQL database (runs when
 * {@code KOTAE_TEST_POSTGRES_URL} names a server, as in CI's PostgreSQL pass): unanswered questions
 * asked on both nodes are clustered by exactly one node (the holder of the lease
 * {@value UnansweredQuestions#LEASE}), both nodes list the same clusters with the same ids, an action
 * on the node that does not compute removes the cluster from the other's list at once and the other
 * way round, and a recompute asked of the node that does not compute is accepted (202) and done by
 * the holder.
 */
class TwoNodesUnansweredIntegrationTests {

	private static final List<String> DARK_MODE = List.of("Is there a dark mode?", "How do I turn on dark mode",
			"Does the app support dark mode?", "Enable dark mode", "is there a DARK mode");

	private static final List<String> DOGS = List.of("オフィスに犬を連れて行ってもいいですか", "犬をオフィスに連れて行けますか？",
			"オフィスに犬を連れていきたい");

	private static final List<String> PARKING = List.of("Is there parking at your office?",
			"Where do I park at the office", "Free parking near the office?");

	private static ConfigurableApplicationContext a;

	private static ConfigurableApplicationContext b;

	private static ClusterNodes nodes;

	@BeforeAll
	static void startTwoNodes() throws IOException {
		nodes = ClusterNodes.onFreshDatabase("two-nodes-unanswered");
		a = node("a");
		b = node("b");
	}

	@AfterAll
	static void stopNodes() {
		if (nodes != null) {
			nodes.close();
		}
	}

	private static ConfigurableApplicationContext node(String name) {
		return nodes.start(name, "kotae.nlu.enabled=false", "kotae.unanswered.refresh-period=300ms",
				"kotae.security.users[0].name=hanako", "kotae.security.users[0].password=hanako-secret",
				"kotae.security.users[0].roles=editor");
	}

	@Test
	void oneNodeClustersBothListTheSameClustersAndAnActionOnEitherRemovesItForBoth() throws Exception {
		ask(a, "en", DARK_MODE.subList(0, 3));
		ask(b, "en", DARK_MODE.subList(3, 5));
		ask(b, "ja", DOGS);
		ask(a, "en", PARKING);
		waitUntil(() -> hasAll(a) && hasAll(b), Duration.ofSeconds(20));

		// exactly one node clustered: the holder of the lease, whose name the snapshot carries
		long onA = a.getBean(UnansweredQuestions.class).computations();
		long onB = b.getBean(UnansweredQuestions.class).computations();
		assertThat(onA == 0 ^ onB == 0).as("computations on a: %d, on b: %d", onA, onB).isTrue();
		ConfigurableApplicationContext holder = (onA > 0) ? a : b;
		ConfigurableApplicationContext other = (onA > 0) ? b : a;
		JdbcClient jdbc = a.getBean(JdbcClient.class);
		assertThat(jdbc.sql("SELECT computed_by FROM unanswered_snapshot").query(String.class).single())
			.isEqualTo(holder.getBean(Leases.class).holder());
		assertThat(jdbc.sql("SELECT holder FROM cluster_lease WHERE name = ?")
			.param(UnansweredQuestions.LEASE)
			.query(String.class)
			.single()).isEqualTo(holder.getBean(Leases.class).holder());

		// the same clusters, with the same ids and sizes, in the same order
		List<JsonNode> onHolder = clusters(holder);
		assertThat(summaries(clusters(other))).isEqualTo(summaries(onHolder));
		JsonNode dark = clusterWith(onHolder, DARK_MODE.get(0));
		assertThat(dark.get("size").asInt()).isEqualTo(5);
		assertThat(dark.get("distinctQuestions").asInt()).isEqualTo(4);
		assertThat(clusterWith(onHolder, DOGS.get(0)).get("size").asInt()).isEqualTo(3);
		String parkingId = clusterWith(onHolder, PARKING.get(0)).get("id").asString();

		// dismissed on the node that does not cluster: gone from the holder's list at once, for good
		assertThat(editor(other).postJson(action(dark, "dismiss"), "").status()).isEqualTo(204);
		assertThat(ids(clusters(holder))).doesNotContain(dark.get("id").asString());
		assertThat(ids(clusters(other))).doesNotContain(dark.get("id").asString());
		assertThat(editor(holder).postJson(action(dark, "dismiss"), "").status()).isEqualTo(404);
		ask(other, "en", List.of(DARK_MODE.get(1)));
		Thread.sleep(1_000); // a few holder rounds
		assertThat(clusters(holder)).noneMatch((c) -> texts(c.get("samples")).contains(DARK_MODE.get(1)));

		// made a draft on the holder: gone from the other node's list at once
		JsonNode dogs = clusterWith(clusters(other), DOGS.get(0));
		assertThat(editor(holder).postJson(action(dogs, "create-draft"), "").status()).isEqualTo(201);
		assertThat(ids(clusters(other))).doesNotContain(dogs.get("id").asString()).contains(parkingId);

		// a recompute asked of the other node is accepted, and done by the holder on its next round
		Response requested = editor(other).postJson("/api/v1/unanswered/rebuild", "");
		assertThat(requested.status()).isEqualTo(202);
		assertThat(requested.json().get("status").asString()).isEqualTo("requested");
		waitUntil(() -> jdbc.sql("SELECT rebuilds_done FROM unanswered_snapshot").query(Long.class).single() >= 1,
				Duration.ofSeconds(10));
		assertThat(editor(holder).postJson("/api/v1/unanswered/rebuild", "").status()).isEqualTo(204);
		assertThat(ids(clusters(other))).as("ids survive the recomputes").contains(parkingId);
		assertThat(other.getBean(UnansweredQuestions.class).computations()).isZero();
	}

	/** Both topics' clusters are listed in full on the node. */
	private static boolean hasAll(ConfigurableApplicationContext node) {
		List<JsonNode> clusters = clusters(node);
		return size(clusters, DARK_MODE.get(0)) == 5 && size(clusters, DOGS.get(0)) == 3
				&& size(clusters, PARKING.get(0)) == 3;
	}

	private static int size(List<JsonNode> clusters, String question) {
		return clusters.stream()
			.filter((c) -> texts(c.get("samples")).contains(question))
			.mapToInt((c) -> c.get("size").asInt())
			.findFirst()
			.orElse(0);
	}

	/** Asks each question in a conversation of its own on the node. */
	private static void ask(ConfigurableApplicationContext node, String locale, List<String> questions) {
		for (String question : questions) {
			Response started = new TestHttp(port(node)).postJson("/api/v1/conversations",
					"{\"siteKey\":\"demo\",\"locale\":\"" + locale + "\"}");
			assertThat(started.status()).isEqualTo(201);
			String id = started.json().get("id").asString();
			Response posted = new TestHttp(port(node)).bearer(started.json().get("token").asString())
				.postJson("/api/v1/conversations/" + id + "/messages", "{\"clientMessageId\":\"" + UUID.randomUUID()
						+ "\",\"text\":" + TestHttp.quote(question) + "}");
			assertThat(posted.status()).isEqualTo(201);
			assertThat(posted.json().get("reply").get("kind").asString()).as("the demo bot's reply to %s", question)
				.isIn("choices", "escalate");
		}
	}

	private static List<JsonNode> clusters(ConfigurableApplicationContext node) {
		Response response = editor(node).get("/api/v1/unanswered/clusters?limit=500");
		assertThat(response.status()).isEqualTo(200);
		List<JsonNode> clusters = new ArrayList<>();
		response.json().forEach(clusters::add);
		return clusters;
	}

	private static JsonNode clusterWith(List<JsonNode> clusters, String question) {
		return clusters.stream()
			.filter((c) -> texts(c.get("samples")).contains(question))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no cluster holds " + question + ": " + clusters));
	}

	/** What both nodes must agree on: id, size, label and samples of each cluster, in order. */
	private static List<String> summaries(List<JsonNode> clusters) {
		return clusters.stream()
			.map((c) -> c.get("id").asString() + " " + c.get("size").asInt() + " " + c.get("label").asString() + " "
					+ texts(c.get("samples")))
			.toList();
	}

	private static List<String> ids(List<JsonNode> clusters) {
		return clusters.stream().map((c) -> c.get("id").asString()).toList();
	}

	private static TestHttp editor(ConfigurableApplicationContext node) {
		return new TestHttp(port(node)).as("hanako", "hanako-secret");
	}

	private static String action(JsonNode cluster, String action) {
		return "/api/v1/unanswered/clusters/" + cluster.get("id").asString() + "/" + action;
	}

	private static List<String> texts(JsonNode array) {
		List<String> texts = new ArrayList<>();
		array.forEach((t) -> texts.add(t.asString()));
		return texts;
	}

}
