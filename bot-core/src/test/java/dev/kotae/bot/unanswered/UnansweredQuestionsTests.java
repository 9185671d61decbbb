package dev.kotae.bot.unanswered;

import java.io.IOException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import dev.kotae.bot.MigratedH2;
import dev.kotae.bot.cluster.Leases;
import dev.kotae.kb.faq.Faq;
import dev.kotae.kb.faq.FaqService;
import dev.kotae.kb.faq.FaqStatus;
import dev.kotae.kb.faq.Language;
import dev.kotae.kb.outofscope.OutOfScopePhrase;
import dev.kotae.kb.outofscope.OutOfScopePhrases;
import dev.kotae.kb.search.FaqSearch;
import dev.kotae.kb.search.SearchHit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabase;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Two "nodes" (two {@link UnansweredQuestions}, each with its own {@link Leases} holder) on one H2
 * database with the real schema: the lease holder computes the clusters and writes the snapshot, the
 * other lists the same clusters from it, an action on either removes a cluster for both, a rebuild
 * asked of the other is done by the holder, and a node that takes over keeps the ids.
 */
@SpringJUnitConfig(UnansweredQuestionsTests.Config.class)
@EnabledIf(value = "h2OnTheClassPath",
		disabledReason = "needs the H2 driver on bot-core's test class path (com.h2database:h2, scope test)")
class UnansweredQuestionsTests {

	private static final List<String> DARK_MODE = List.of("Is there a dark mode?", "How do I turn on dark mode",
			"Does the app support dark mode?", "Enable dark mode", "is there a DARK mode");

	private static final List<String> DOGS = List.of("オフィスに犬を連れて行ってもいいですか", "犬をオフィスに連れて行けますか？",
			"オフィスに犬を連れていきたい");

	private static final List<String> PARKING = List.of("Where do I park at the office",
			"Is there parking at your office?", "Free parking near the office?");

	/** No FAQ is suggested: the search is not under test here. */
	private static final FaqSearch NO_SEARCH = new FaqSearch() {

		@Override
		public List<SearchHit> search(String text, Language locale, int limit) {
			return List.of();
		}

		@Override
		public long version() {
			return 0;
		}

	};

	@Autowired
	ApplicationContext context;

	@Autowired
	DataSource dataSource;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	FaqService faqs;

	@Autowired
	OutOfScopePhrases outOfScope;

	@Autowired
	PlatformTransactionManager transactions;

	private final List<UnansweredQuestions> nodes = new ArrayList<>();

	private final List<Leases> leases = new ArrayList<>();

	private int conversations;

	static boolean h2OnTheClassPath() {
		return ClassUtils.isPresent("org.h2.Driver", UnansweredQuestionsTests.class.getClassLoader());
	}

	@BeforeEach
	void emptyTables() {
		for (String table : List.of("unanswered_member", "unanswered_cluster", "unanswered_handled", "message",
				"conversation", "site", "out_of_scope_phrase", "cluster_lease")) {
			this.jdbc.sql("DELETE FROM " + table).update();
		}
		this.faqs.all().forEach((faq) -> this.faqs.delete(faq.id()));
		this.jdbc.sql("UPDATE unanswered_snapshot SET generation = 0, computed_by = NULL, computed_at = NULL, "
				+ "rebuild_requests = 0, rebuilds_done = 0").update();
		this.jdbc.sql("INSERT INTO site (site_key, name, allowed_origins, default_locale, created_at) "
				+ "VALUES ('demo', 'demo', '', 'en', ?)").param(OffsetDateTime.now(ZoneOffset.UTC)).update();
	}

	@AfterEach
	void stopNodes() {
		this.nodes.forEach(UnansweredQuestions::destroy);
	}

	@Test
	void theLeaseHolderComputesTheClustersAndTheOtherNodeListsTheSameOnes() {
		ask(DARK_MODE);
		ask(DOGS);
		UnansweredQuestions a = node();
		UnansweredQuestions b = node();
		assertThat(a.refresh()).isTrue();
		assertThat(b.refresh()).as("a holds the lease").isFalse();
		assertThat(a.computations()).isEqualTo(1);
		assertThat(b.computations()).isZero();
		assertThat(snapshotColumn("computed_by")).isEqualTo(this.leases.get(0).holder());

		List<Cluster> onA = a.clusters(null, 50);
		assertThat(b.clusters(null, 50)).isEqualTo(onA);
		Cluster dark = clusterWith(onA, DARK_MODE.get(0));
		assertThat(dark.size()).isEqualTo(5);
		assertThat(dark.distinctQuestions()).isEqualTo(4);
		assertThat(dark.samples()).containsExactlyInAnyOrderElementsOf(DARK_MODE.subList(0, 4));
		assertThat(dark.label()).isEqualTo(dark.samples().get(0));
		assertThat(dark.trend().lastSevenDays()).isEqualTo(5);
		assertThat(clusterWith(onA, DOGS.get(0)).size()).isEqualTo(3);
		assertThat(b.clusters(Language.JA, 50)).extracting(Cluster::id)
			.containsExactly(clusterWith(onA, DOGS.get(0)).id());
		assertThat(b.clusters(null, 1)).containsExactly(onA.get(0));
		assertThat(onA).isSortedAccordingTo(QuestionClusters.ORDER);

		// the other node sees new questions once the holder has taken them in
		ask(PARKING);
		assertThat(b.refresh()).isFalse();
		assertThat(b.clusters(null, 50)).isEqualTo(onA);
		assertThat(a.refresh()).isTrue();
		assertThat(b.clusters(null, 50)).hasSize(onA.size() + 1).isEqualTo(a.clusters(null, 50));
		assertThat(clusterWith(b.clusters(null, 50), PARKING.get(0)).size()).isEqualTo(3);
		assertThat(b.computations()).isZero();
	}

	@Test
	void anActionOnTheOtherNodeRemovesTheClusterForBothAndItsQuestionsStayHandled() {
		ask(DARK_MODE);
		ask(DOGS);
		UnansweredQuestions a = node();
		UnansweredQuestions b = node();
		a.refresh();
		String dark = clusterWith(b.clusters(null, 50), DARK_MODE.get(0)).id();
		String dogs = clusterWith(b.clusters(null, 50), DOGS.get(0)).id();

		b.dismiss(dark, "eri");
		assertThat(ids(a.clusters(null, 50))).containsExactly(dogs);
		assertThat(ids(b.clusters(null, 50))).containsExactly(dogs);
		assertThat(this.outOfScope.all()).extracting(OutOfScopePhrase::text).containsAll(DARK_MODE.subList(0, 4));
		Faq draft = b.createDraft(dogs, "eri");
		assertThat(draft.status()).isEqualTo(FaqStatus.DRAFT);
		assertThat(draft.answer()).isEqualTo(UnansweredQuestions.DRAFT_ANSWER);
		assertThat(a.clusters(null, 50)).isEmpty();
		assertThatExceptionOfType(UnansweredClusterNotFoundException.class).isThrownBy(() -> a.dismiss(dark, "eri"));

		// the holder learns of the handled questions on its next round: asked again, they stay out
		ask(List.of(DARK_MODE.get(1), DOGS.get(2)));
		assertThat(a.refresh()).isTrue();
		assertThat(b.clusters(null, 50)).isEmpty();
	}

	@Test
	void theHolderDoesNotWriteBackAClusterRemovedFromTheSnapshotMeanwhile() {
		ask(DARK_MODE);
		UnansweredQuestions a = node();
		a.refresh();
		String dark = clusterWith(a.clusters(null, 50), DARK_MODE.get(0)).id();
		// as an action on another node does, before the holder has read its handled questions
		this.jdbc.sql("DELETE FROM unanswered_cluster WHERE id = ?").param(dark).update();
		ask(List.of("How can I switch to dark mode"));
		a.refresh();
		assertThat(ids(a.clusters(null, 50))).doesNotContain(dark);
	}

	@Test
	void aRebuildAskedOfTheOtherNodeIsDoneByTheHolderOnItsNextRound() {
		ask(DARK_MODE);
		ask(PARKING);
		UnansweredQuestions a = node();
		UnansweredQuestions b = node();
		a.refresh();
		List<String> before = ids(a.clusters(null, 50));

		assertThat(b.rebuild()).isEqualTo(RebuildOutcome.REQUESTED);
		assertThat(snapshotColumn("rebuild_requests")).isEqualTo("1");
		assertThat(snapshotColumn("rebuilds_done")).isEqualTo("0");
		assertThat(a.refresh()).isTrue();
		assertThat(snapshotColumn("rebuilds_done")).isEqualTo("1");
		assertThat(a.rebuild()).isEqualTo(RebuildOutcome.REBUILT);
		assertThat(ids(b.clusters(null, 50))).as("ids survive a full recompute").isEqualTo(before);
		assertThat(b.computations()).isZero();
	}

	@Test
	void aNodeThatTakesOverStartsFromTheSnapshotAndKeepsTheIds() {
		ask(DARK_MODE);
		UnansweredQuestions a = node();
		UnansweredQuestions b = node();
		a.refresh();
		// asked later: a takes them in incrementally, anchoring the new cluster at its first question
		ask(PARKING);
		ask(DOGS);
		a.refresh();
		List<Cluster> before = a.clusters(null, 50);

		a.destroy(); // a stops: it gives the lease up
		assertThat(b.refresh()).isTrue();
		assertThat(snapshotColumn("computed_by")).isEqualTo(this.leases.get(1).holder());
		assertThat(ids(b.clusters(null, 50))).isEqualTo(ids(before));
		assertThat(a.refresh()).isFalse();

		// another node wrote a snapshot behind b's back (say, after b's lease ran out): b starts afresh
		this.jdbc.sql("UPDATE unanswered_snapshot SET generation = generation + 1, computed_by = 'elsewhere'").update();
		assertThat(b.refresh()).isTrue();
		assertThat(b.computations()).isEqualTo(2);
		assertThat(snapshotColumn("computed_by")).isEqualTo(this.leases.get(1).holder());
		assertThat(ids(b.clusters(null, 50))).isEqualTo(ids(before));
	}

	private UnansweredQuestions node() {
		Leases lease = this.context.getAutowireCapableBeanFactory().createBean(Leases.class);
		UnansweredQuestions node = new UnansweredQuestions(this.dataSource, this.faqs, NO_SEARCH, this.outOfScope,
				UnansweredProperties.defaults(), lease, this.transactions, this.context.getBeanProvider(Clock.class));
		this.leases.add(lease);
		this.nodes.add(node);
		return node;
	}

	/** Each question in a conversation of its own, escalated for low confidence: unanswered. */
	private void ask(List<String> questions) {
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		for (String question : questions) {
			String id = "c" + (++this.conversations);
			this.jdbc
				.sql("INSERT INTO conversation (id, site_key, channel, locale, token_hash, created_at) "
						+ "VALUES (?, 'demo', 'web', 'en', ?, ?)")
				.params(id, UUID.randomUUID().toString().replace("-", ""), now)
				.update();
			this.jdbc
				.sql("INSERT INTO message (conversation_id, sender, kind, body, created_at) VALUES (?, 'user', 'text', ?, ?)")
				.params(id, question, now)
				.update();
			long asked = this.jdbc.sql("SELECT MAX(id) FROM message").query(Long.class).single();
			this.jdbc
				.sql("INSERT INTO message (conversation_id, sender, kind, body, reply_to, decision_reason, created_at) "
						+ "VALUES (?, 'bot', 'escalate', '…', ?, 'low_confidence', ?)")
				.params(id, asked, now)
				.update();
		}
	}

	private String snapshotColumn(String column) {
		return this.jdbc.sql("SELECT " + column + " FROM unanswered_snapshot").query(String.class).single();
	}

	private static Cluster clusterWith(List<Cluster> clusters, String question) {
		return clusters.stream()
			.filter((c) -> c.samples().contains(question))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no cluster holds " + question + ": " + clusters));
	}

	private static List<String> ids(List<Cluster> clusters) {
		return clusters.stream().map(Cluster::id).toList();
	}

	@Configuration(proxyBeanMethods = false)
	@ComponentScan(basePackageClasses = { FaqService.class, OutOfScopePhrases.class }, useDefaultFilters = false,
			includeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
					pattern = "dev\\.kotae\\.kb\\.(faq\\.Faq(Service|Repository)|outofscope\\.OutOfScopePhrases)"))
	static class Config {

		@Bean
		EmbeddedDatabase dataSource() throws IOException {
			return MigratedH2.create();
		}

		@Bean
		JdbcClient jdbcClient(DataSource dataSource) {
			return JdbcClient.create(dataSource);
		}

		@Bean
		DataSourceTransactionManager transactionManager(DataSource dataSource) {
			return new DataSourceTransactionManager(dataSource);
		}

	}

}
