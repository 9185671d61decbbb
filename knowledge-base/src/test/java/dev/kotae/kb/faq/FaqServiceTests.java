package dev.kotae.kb.faq;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import dev.kotae.kb.faq.FaqService.UpsertOutcome;
import dev.kotae.kb.faq.FaqService.UpsertOutcome.Kind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase.Replace;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** {@link FaqService} against H2 with the Flyway schema; every test runs in a transaction that is rolled back. */
@JdbcTest(properties = "spring.datasource.url=jdbc:h2:mem:faq-service-tests;DB_CLOSE_DELAY=-1")
@AutoConfigureTestDatabase(replace = Replace.NONE)
@RecordApplicationEvents
class FaqServiceTests {

	/** Has nanoseconds, which neither H2 nor PostgreSQL keep. */
	private static final Instant START = Instant.parse("2026-05-01T09:00:00.123456789Z");

	@Autowired
	private FaqService faqs;

	@Autowired
	private TestClock clock;

	@Autowired
	private ApplicationEvents events;

	@BeforeEach
	void startClock() {
		this.clock.set(START);
	}

	@Test
	void createGeneratesAnIdAndStartsAtVersion1() {
		Faq faq = this.faqs.create(draft(null, null, "パスワードを忘れた場合は？", null), "editor");
		assertThat(faq.id()).matches("ja-[0-9a-f]{12}");
		assertThat(faq.locale()).isEqualTo(Language.JA);
		assertThat(faq.version()).isEqualTo(1);
		assertThat(faq.status()).isEqualTo(FaqStatus.DRAFT);
		assertThat(faq.createdAt()).isEqualTo(Instant.parse("2026-05-01T09:00:00.123456Z"));
		assertThat(faq.updatedAt()).isEqualTo(faq.createdAt());
		assertThat(faq.author()).isEqualTo("editor");
	}

	@Test
	void createdFaqReadsBackEqual() {
		Faq faq = this.faqs.create(new FaqDraft("en-1", "en", "How do I log in?", List.of("Sign in", "Log on"),
				"Use **Sign in**.", "account", List.of("login", "sso"), "published", null), "editor");
		assertThat(this.faqs.get("en-1")).isEqualTo(faq);
		assertThat(this.faqs.find("en-1")).contains(faq);
		assertThat(this.faqs.findByIds(List.of("en-1", "nope"))).containsExactly(faq);
		assertThat(this.faqs.published()).containsExactly(faq);
	}

	@Test
	void createWithAnIdThatExistsThrowsDuplicate() {
		this.faqs.create(draft("en-1", "en", "How do I log in?", null), "editor");
		assertThatExceptionOfType(DuplicateFaqException.class)
			.isThrownBy(() -> this.faqs.create(draft("en-1", "en", "Something else?", null), "other"))
			.withMessageContaining("'en-1'");
		assertThat(this.faqs.get("en-1").question()).isEqualTo("How do I log in?");
		assertThat(this.faqs.count()).isEqualTo(1);
	}

	@Test
	void createWithABrokenRuleStoresNothing() {
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> this.faqs.create(draft("en-1", "en", "", null), "editor"));
		assertThat(this.faqs.count()).isZero();
	}

	@Test
	void updateIncrementsTheVersionAndKeepsCreatedAt() {
		Faq created = this.faqs.create(draft("en-1", "en", "How do I log in?", "published"), "alice");
		this.clock.set(START.plus(Duration.ofHours(2)));
		Faq updated = this.faqs.update("en-1",
				new FaqDraft(null, "en", "How do I sign in?", List.of("Log in"), "Click Sign in.", "account", null, null,
						null),
				"bob");
		assertThat(updated.version()).isEqualTo(2);
		assertThat(updated.createdAt()).isEqualTo(created.createdAt());
		assertThat(updated.updatedAt()).isEqualTo(Instant.parse("2026-05-01T11:00:00.123456Z"));
		assertThat(updated.author()).isEqualTo("bob");
		assertThat(updated.question()).isEqualTo("How do I sign in?");
		assertThat(updated.status()).as("a draft without status keeps the current one").isEqualTo(FaqStatus.PUBLISHED);
		assertThat(this.faqs.get("en-1")).isEqualTo(updated);
	}

	@Test
	void updateKeepsThePathIdWhateverTheDraftSays() {
		this.faqs.create(draft("en-1", "en", "How do I log in?", null), "alice");
		Faq updated = this.faqs.update("en-1", draft("en-2", "en", "How do I sign in?", null), "bob");
		assertThat(updated.id()).isEqualTo("en-1");
		assertThat(this.faqs.find("en-2")).isEmpty();
	}

	@Test
	void updateWithTheExpectedVersionSucceeds() {
		this.faqs.create(draft("en-1", "en", "How do I log in?", null), "alice");
		Faq updated = this.faqs.update("en-1", withExpectedVersion(draft(null, "en", "How do I sign in?", null), 1L),
				"bob");
		assertThat(updated.version()).isEqualTo(2);
	}

	@Test
	void updateWithAnotherExpectedVersionThrowsConflictAndChangesNothing() {
		Faq created = this.faqs.create(draft("en-1", "en", "How do I log in?", null), "alice");
		this.faqs.update("en-1", draft(null, "en", "How do I sign in?", null), "bob");
		assertThatExceptionOfType(FaqVersionConflictException.class)
			.isThrownBy(() -> this.faqs.update("en-1",
					withExpectedVersion(draft(null, "en", "How do I log on?", null), created.version()), "carol"))
			.withMessageContaining("version 2, not 1");
		Faq current = this.faqs.get("en-1");
		assertThat(current.version()).isEqualTo(2);
		assertThat(current.question()).isEqualTo("How do I sign in?");
	}

	@Test
	void updateOfAnUnknownIdThrowsNotFound() {
		assertThatExceptionOfType(FaqNotFoundException.class)
			.isThrownBy(() -> this.faqs.update("nope", draft(null, "en", "Q?", null), "bob"))
			.withMessageContaining("'nope'");
	}

	@Test
	void deleteRemovesTheFaq() {
		this.faqs.create(draft("en-1", "en", "How do I log in?", null), "alice");
		this.faqs.delete("en-1");
		assertThat(this.faqs.find("en-1")).isEmpty();
		assertThatExceptionOfType(FaqNotFoundException.class).isThrownBy(() -> this.faqs.get("en-1"));
	}

	@Test
	void deleteOfAnUnknownIdThrowsNotFound() {
		assertThatExceptionOfType(FaqNotFoundException.class).isThrownBy(() -> this.faqs.delete("nope"))
			.withMessageContaining("'nope'");
	}

	@Test
	void listFiltersByLocaleCategoryStatusAndText() {
		createListFixture();
		assertThat(ids(new FaqFilter(Language.JA, null, null, null))).containsExactly("ja-1", "ja-2", "ja-3");
		assertThat(ids(new FaqFilter(null, " billing ", null, null))).containsExactly("en-2", "en-3", "ja-2");
		assertThat(ids(new FaqFilter(null, null, FaqStatus.DRAFT, null))).containsExactly("en-4", "ja-3");
		assertThat(ids(new FaqFilter(Language.EN, "billing", FaqStatus.PUBLISHED, null))).containsExactly("en-2");
		assertThat(ids(new FaqFilter(null, null, null, "  "))).hasSize(7);
	}

	@Test
	void listAndExportFilterByAudience() {
		createListFixture();
		this.faqs.create(new FaqDraft("en-pro", "en", "Pro plan seats?", null, "Ten.", "plans", null, "published", null,
				"plan=pro|team;region=eu"), "test");
		assertThat(ids(audience("everyone"))).hasSize(7).doesNotContain("en-pro");
		assertThat(ids(audience(" PLAN=PRO "))).containsExactly("en-pro");
		assertThat(ids(audience("team"))).containsExactly("en-pro");
		assertThat(ids(audience("plan=free"))).isEmpty();
		assertThat(this.faqs.all(new FaqFilter(Language.EN, "plans", null, null, "region")))
			.extracting(Faq::id)
			.containsExactly("en-pro");
		assertThat(this.faqs.all(FaqFilter.ALL)).hasSize(8);
	}

	@Test
	void listTextFilterIsACaseInsensitiveSubstringOfIdQuestionAlternativesOrAnswer() {
		createListFixture();
		assertThat(ids(text("INVOICE"))).containsExactly("en-2", "en-3");
		assertThat(ids(text("lost my"))).as("alternative question").containsExactly("en-1");
		assertThat(ids(text("profile settings"))).as("answer").containsExactly("en-1");
		assertThat(ids(text("ja-"))).as("id").containsExactly("ja-1", "ja-2", "ja-3");
		assertThat(ids(text("領収書"))).containsExactly("ja-2");
	}

	@Test
	void listTextFilterTakesWildcardsLiterally() {
		createListFixture();
		assertThat(ids(text("%"))).containsExactly("en-3");
		assertThat(ids(text("50%"))).containsExactly("en-3");
		assertThat(ids(text("_"))).containsExactly("en-4");
		assertThat(ids(text("\\"))).containsExactly("en-4");
	}

	@Test
	void listPagesInIdOrderWithTheTotalCount() {
		createListFixture();
		FaqPage first = this.faqs.list(new FaqFilter(null, null, null, null), 0, 3);
		assertThat(first.items()).extracting(Faq::id).containsExactly("en-1", "en-2", "en-3");
		assertThat(first.total()).isEqualTo(7);
		assertThat(first.page()).isZero();
		assertThat(first.size()).isEqualTo(3);
		FaqPage last = this.faqs.list(new FaqFilter(null, null, null, null), 2, 3);
		assertThat(last.items()).extracting(Faq::id).containsExactly("ja-3");
		assertThat(last.total()).isEqualTo(7);
		FaqPage beyond = this.faqs.list(new FaqFilter(null, null, null, null), 5, 3);
		assertThat(beyond.items()).isEmpty();
		assertThat(beyond.total()).isEqualTo(7);
		FaqPage filtered = this.faqs.list(new FaqFilter(Language.EN, null, null, null), 1, 2);
		assertThat(filtered.items()).extracting(Faq::id).containsExactly("en-3", "en-4");
		assertThat(filtered.total()).isEqualTo(4);
	}

	@Test
	void upsertAllKeepsTheGoodDraftsAndRejectsTheBadOnes() {
		this.faqs.create(draft("en-1", "en", "How do I log in?", "draft"), "alice");
		List<UpsertOutcome> outcomes = this.faqs.upsertAll(List.of(draft("en-2", "en", "How do I pay?", null),
				draft("en-3", "en", "", null), draft("en-1", "en", "How do I sign in?", "published"),
				draft(null, "ja", "領収書は？", null), draft("en-4", "fr", "Comment?", null)), FaqStatus.PUBLISHED, "importer");
		assertThat(outcomes).extracting(UpsertOutcome::kind)
			.containsExactly(Kind.CREATED, Kind.REJECTED, Kind.UPDATED, Kind.CREATED, Kind.REJECTED);
		assertThat(outcomes.get(1).reason()).contains("question");
		assertThat(outcomes.get(1).faq()).isNull();
		assertThat(outcomes.get(4).reason()).contains("locale");
		assertThat(outcomes.get(0).faq().status()).isEqualTo(FaqStatus.PUBLISHED);
		assertThat(outcomes.get(2).faq().version()).isEqualTo(2);
		assertThat(outcomes.get(3).faq().id()).startsWith("ja-");
		assertThat(this.faqs.count()).isEqualTo(3);
		assertThat(this.faqs.get("en-1").question()).isEqualTo("How do I sign in?");
		assertThat(this.faqs.find("en-3")).isEmpty();
		assertThat(this.faqs.find("en-4")).isEmpty();
		assertThat(this.faqs.get(outcomes.get(3).faq().id())).isEqualTo(outcomes.get(3).faq());
	}

	@Test
	void upsertAllLeavesAnFaqEqualToItsDraftAloneWithoutANewVersionOrEvent() {
		Faq created = this.faqs.create(draft("en-1", "en", "How do I log in?", "published"), "alice");
		this.events.clear();
		List<UpsertOutcome> outcomes = this.faqs.upsertAll(List.of(draft("en-1", "en", " How do I log in? ", null)),
				FaqStatus.PUBLISHED, "importer");
		assertThat(outcomes).extracting(UpsertOutcome::kind).containsExactly(Kind.UNCHANGED);
		assertThat(this.faqs.get("en-1")).isEqualTo(created);
		assertThat(this.faqs.versions("en-1")).hasSize(1);
		assertThat(changes()).isEmpty();
	}

	@Test
	void previewOfUpsertAllTellsEveryOutcomeAndWritesNothing() {
		this.faqs.create(draft("en-1", "en", "How do I log in?", "published"), "alice");
		this.faqs.create(draft("en-2", "en", "How do I pay?", "draft"), "alice");
		this.events.clear();
		List<UpsertOutcome> outcomes = this.faqs.previewUpsertAll(List.of(draft("en-1", "en", "How do I log in?", null),
				draft("en-2", "en", "How do I pay by card?", null), draft("en-3", "en", "", null),
				draft("en-4", "en", "New?", null), draft("en-4", "en", "New?", null),
				draft("en-4", "en", "Newer?", null), draft(null, "ja", "領収書は？", null)), FaqStatus.PUBLISHED);
		assertThat(outcomes).extracting(UpsertOutcome::kind)
			.containsExactly(Kind.UNCHANGED, Kind.UPDATED, Kind.REJECTED, Kind.CREATED, Kind.UNCHANGED, Kind.UPDATED,
					Kind.CREATED);
		assertThat(outcomes.get(2).reason()).contains("question");
		assertThat(this.faqs.count()).isEqualTo(2);
		assertThat(this.faqs.get("en-2").question()).isEqualTo("How do I pay?");
		assertThat(this.faqs.versions("en-2")).hasSize(1);
		assertThat(changes()).isEmpty();
	}

	@Test
	void upsertAllKeepsTheStatusOfAnExistingFaqWhenTheDraftNamesNone() {
		this.faqs.create(draft("en-1", "en", "How do I log in?", "draft"), "alice");
		this.faqs.upsertAll(List.of(draft("en-1", "en", "How do I sign in?", null)), FaqStatus.PUBLISHED, "importer");
		assertThat(this.faqs.get("en-1").status()).isEqualTo(FaqStatus.DRAFT);
	}

	@Test
	void eachChangePublishesOneEvent() {
		Faq created = this.faqs.create(draft("en-1", "en", "How do I log in?", null), "alice");
		assertThat(changes()).containsExactly(new KnowledgeBaseChanged(List.of(created), List.of()));
		this.events.clear();

		Faq updated = this.faqs.update("en-1", draft(null, "en", "How do I sign in?", "published"), "bob");
		assertThat(changes()).containsExactly(new KnowledgeBaseChanged(List.of(updated), List.of()));
		this.events.clear();

		this.faqs.delete("en-1");
		assertThat(changes()).containsExactly(new KnowledgeBaseChanged(List.of(), List.of("en-1")));
	}

	@Test
	void upsertAllPublishesOneEventWithEverySavedFaq() {
		this.faqs.create(draft("en-1", "en", "How do I log in?", null), "alice");
		this.events.clear();
		List<UpsertOutcome> outcomes = this.faqs.upsertAll(List.of(draft("en-1", "en", "How do I sign in?", null),
				draft("en-2", "en", "", null), draft("en-3", "en", "How do I pay?", null)), FaqStatus.PUBLISHED,
				"importer");
		assertThat(changes()).containsExactly(
				new KnowledgeBaseChanged(List.of(outcomes.get(0).faq(), outcomes.get(2).faq()), List.of()));
	}

	@Test
	void failedChangesPublishNoEvent() {
		this.faqs.create(draft("en-1", "en", "How do I log in?", null), "alice");
		this.events.clear();
		assertThatExceptionOfType(DuplicateFaqException.class)
			.isThrownBy(() -> this.faqs.create(draft("en-1", "en", "Again?", null), "bob"));
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> this.faqs.update("en-1", draft(null, "en", " ", null), "bob"));
		assertThatExceptionOfType(FaqVersionConflictException.class).isThrownBy(
				() -> this.faqs.update("en-1", withExpectedVersion(draft(null, "en", "Q?", null), 7L), "bob"));
		assertThatExceptionOfType(FaqNotFoundException.class).isThrownBy(() -> this.faqs.delete("nope"));
		assertThat(this.faqs.upsertAll(List.of(draft("en-2", "en", "", null)), FaqStatus.PUBLISHED, "importer"))
			.extracting(UpsertOutcome::kind)
			.containsExactly(Kind.REJECTED);
		assertThat(changes()).isEmpty();
	}

	private void createListFixture() {
		create("en-1", "en", "account", "published", "How do I reset my password?", List.of("I lost my password"),
				"Open your Profile Settings.");
		create("en-2", "en", "billing", "published", "Where are my invoices?", List.of(), "Under Billing > Invoices.");
		create("en-3", "en", "billing", "archived", "Is there a 50% discount?", List.of(),
				"Not any more; see the invoice.");
		create("en-4", "en", "plans", "draft", "What is a seat_count?", List.of(), "The number of seats \\ users.");
		create("ja-1", "ja", "account", "published", "パスワードを忘れた", List.of(), "再設定してください。");
		create("ja-2", "ja", "billing", "published", "領収書がほしい", List.of(), "請求画面から。");
		create("ja-3", "ja", "plans", "draft", "プランを変更したい", List.of(), "設定から。");
	}

	private void create(String id, String locale, String category, String status, String question,
			List<String> alternatives, String answer) {
		this.faqs.create(new FaqDraft(id, locale, question, alternatives, answer, category, null, status, null), "test");
	}

	private List<String> ids(FaqFilter filter) {
		return this.faqs.list(filter, 0, 100).items().stream().map(Faq::id).toList();
	}

	private List<KnowledgeBaseChanged> changes() {
		return this.events.stream(KnowledgeBaseChanged.class).toList();
	}

	private static FaqFilter audience(String audience) {
		return new FaqFilter(null, null, null, null, audience);
	}

	private static FaqFilter text(String text) {
		return new FaqFilter(null, null, null, text);
	}

	private static FaqDraft draft(String id, String locale, String question, String status) {
		return new FaqDraft(id, locale, question, null, "An answer.", null, null, status, null);
	}

	private static FaqDraft withExpectedVersion(FaqDraft draft, Long version) {
		return new FaqDraft(draft.id(), draft.locale(), draft.question(), draft.alternativeQuestions(), draft.answer(),
				draft.category(), draft.tags(), draft.status(), version);
	}

	@SpringBootConfiguration
	@Import({ FaqService.class, FaqRepository.class })
	static class Config {

		@Bean
		TestClock clock() {
			return new TestClock();
		}

	}

	/** A clock the test sets. */
	static final class TestClock extends Clock {

		private volatile Instant now = Instant.EPOCH;

		void set(Instant instant) {
			this.now = instant;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			throw new UnsupportedOperationException();
		}

	}

}
