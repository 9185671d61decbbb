package dev.kotae.kb.faq;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.kotae.kb.faq.FaqDiff.FieldChange;
import dev.kotae.kb.faq.FaqServiceTests.TestClock;
import dev.kotae.kb.faq.LineDiff.Line;
import dev.kotae.kb.faq.LineDiff.Op;
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

/** FAQ history, diff, revert and status changes of {@link FaqService} against H2 with the Flyway schema. */
@JdbcTest(properties = "spring.datasource.url=jdbc:h2:mem:faq-history-tests;DB_CLOSE_DELAY=-1")
@AutoConfigureTestDatabase(replace = Replace.NONE)
@RecordApplicationEvents
class FaqHistoryTests {

	private static final Instant START = Instant.parse("2026-05-01T09:00:00Z");

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
	void everySavedVersionIsKeptNewestFirst() {
		this.faqs.create(new FaqDraft("en-1", "en", "How do I log in?", List.of("Sign in"), "Click Log in.", "account",
				List.of("login"), null, null, "plan=pro"), "alice");
		this.clock.set(START.plus(Duration.ofMinutes(5)));
		this.faqs.update("en-1", draft("How do I sign in?", "Click Sign in."), "bob");
		this.faqs.changeStatus("en-1", FaqStatus.PUBLISHED, 2L, "carol");

		List<FaqVersion> versions = this.faqs.versions("en-1");
		assertThat(versions).extracting(FaqVersion::version).containsExactly(3L, 2L, 1L);
		assertThat(versions).extracting(FaqVersion::status)
			.containsExactly(FaqStatus.PUBLISHED, FaqStatus.DRAFT, FaqStatus.DRAFT);
		assertThat(versions).extracting(FaqVersion::author).containsExactly("carol", "bob", "alice");
		FaqVersion first = this.faqs.version("en-1", 1);
		assertThat(first).isEqualTo(new FaqVersion("en-1", 1, Language.EN, "How do I log in?", List.of("Sign in"),
				"Click Log in.", "account", List.of("login"), FaqStatus.DRAFT, Audience.parse("plan=pro"), "alice",
				START));
		assertThat(this.faqs.version("en-1", 3).savedAt()).isEqualTo(START.plus(Duration.ofMinutes(5)));
	}

	@Test
	void importedFaqsGetHistoryToo() {
		this.faqs.upsertAll(List.of(draftWithId("en-1", "Q1?"), draftWithId("en-1", "Q2?")), FaqStatus.PUBLISHED,
				"importer");
		assertThat(this.faqs.versions("en-1")).extracting(FaqVersion::question).containsExactly("Q2?", "Q1?");
	}

	@Test
	void historyOutlivesTheFaqAndARecreatedFaqContinuesIt() {
		this.faqs.create(draftWithId("en-1", "How do I log in?"), "alice");
		this.faqs.update("en-1", draft("How do I sign in?", "An answer."), "alice");
		this.faqs.delete("en-1");
		assertThat(this.faqs.versions("en-1")).hasSize(2);
		assertThat(this.faqs.version("en-1", 1).question()).isEqualTo("How do I log in?");

		Faq again = this.faqs.create(draftWithId("en-1", "Where is the login page?"), "bob");
		assertThat(again.version()).isEqualTo(3);
		assertThat(this.faqs.versions("en-1")).extracting(FaqVersion::version).containsExactly(3L, 2L, 1L);
	}

	@Test
	void unknownFaqsAndVersionsAreNotFound() {
		assertThatExceptionOfType(FaqNotFoundException.class).isThrownBy(() -> this.faqs.versions("nope"));
		assertThatExceptionOfType(FaqNotFoundException.class).isThrownBy(() -> this.faqs.version("nope", 1));
		this.faqs.create(draftWithId("en-1", "Q?"), "alice");
		assertThatExceptionOfType(FaqVersionNotFoundException.class).isThrownBy(() -> this.faqs.version("en-1", 2))
			.withMessageContaining("no version 2");
		assertThatExceptionOfType(FaqVersionNotFoundException.class)
			.isThrownBy(() -> this.faqs.revert("en-1", 7, null, "bob"));
	}

	@Test
	void diffListsTheChangedFieldsAndTheAnswerLineByLine() {
		this.faqs.create(new FaqDraft("en-1", "en", "How do I log in?", List.of("Sign in"),
				"Open the app.\nClick Log in.\nDone.", "account", List.of("login"), null, null), "alice");
		this.faqs.update("en-1", new FaqDraft(null, "en", "How do I log in?", List.of("Sign in", "Log on"),
				"Open the app.\nClick Sign in.\nDone.", "account", List.of("login"), "published", null), "bob");

		FaqDiff diff = this.faqs.diff("en-1", 1, 2);
		assertThat(diff.from()).isEqualTo(1);
		assertThat(diff.to()).isEqualTo(2);
		assertThat(diff.changes()).containsExactly(
				new FieldChange("alternativeQuestions", List.of("Sign in"), List.of("Sign in", "Log on")),
				new FieldChange("answer", "Open the app.\nClick Log in.\nDone.", "Open the app.\nClick Sign in.\nDone."),
				new FieldChange("status", "draft", "published"));
		assertThat(diff.answerLines()).containsExactly(new Line(Op.SAME, "Open the app."),
				new Line(Op.REMOVED, "Click Log in."), new Line(Op.ADDED, "Click Sign in."), new Line(Op.SAME, "Done."));

		FaqDiff backwards = this.faqs.diff("en-1", 2, 1);
		assertThat(backwards.changes().get(2)).isEqualTo(new FieldChange("status", "published", "draft"));
		assertThat(this.faqs.diff("en-1", 2, 2).changes()).isEmpty();
		assertThat(this.faqs.diff("en-1", 2, 2).answerLines()).isEmpty();
	}

	@Test
	void revertSavesTheOldContentAsANewVersion() {
		Faq first = this.faqs.create(new FaqDraft("en-1", "en", "How do I log in?", List.of("Sign in"), "Click Log in.",
				"account", List.of("login"), null, null, "plan=pro"), "alice");
		this.faqs.update("en-1", new FaqDraft(null, "en", "How do I sign in?", null, "Click Sign in.", null, null,
				"published", null), "bob");
		this.events.clear();

		Faq reverted = this.faqs.revert("en-1", 1, 2L, "carol");
		assertThat(reverted.version()).isEqualTo(3);
		assertThat(reverted.author()).isEqualTo("carol");
		assertThat(reverted).usingRecursiveComparison()
			.ignoringFields("version", "updatedAt", "author")
			.isEqualTo(first);
		assertThat(this.faqs.get("en-1")).isEqualTo(reverted);
		assertThat(this.faqs.diff("en-1", 1, 3).changes()).isEmpty();
		assertThat(this.events.stream(KnowledgeBaseChanged.class))
			.containsExactly(new KnowledgeBaseChanged(List.of(reverted), List.of()));
	}

	@Test
	void revertWithAStaleExpectedVersionThrowsConflictAndChangesNothing() {
		this.faqs.create(draftWithId("en-1", "How do I log in?"), "alice");
		this.faqs.update("en-1", draft("How do I sign in?", "An answer."), "bob");
		this.events.clear();
		assertThatExceptionOfType(FaqVersionConflictException.class)
			.isThrownBy(() -> this.faqs.revert("en-1", 1, 1L, "carol"))
			.withMessageContaining("version 2, not 1");
		assertThat(this.faqs.get("en-1").version()).isEqualTo(2);
		assertThat(this.faqs.versions("en-1")).hasSize(2);
		assertThat(this.events.stream(KnowledgeBaseChanged.class)).isEmpty();
	}

	@Test
	void revertOfADeletedFaqIsNotFound() {
		this.faqs.create(draftWithId("en-1", "How do I log in?"), "alice");
		this.faqs.delete("en-1");
		assertThatExceptionOfType(FaqNotFoundException.class).isThrownBy(() -> this.faqs.revert("en-1", 1, null, "bob"));
	}

	@Test
	void statusChangesAreVersionedUpdatesThatPublishEvents() {
		this.faqs.create(draftWithId("en-1", "How do I log in?"), "alice");
		this.events.clear();
		Faq published = this.faqs.changeStatus("en-1", FaqStatus.PUBLISHED, 1L, "bob");
		assertThat(published.status()).isEqualTo(FaqStatus.PUBLISHED);
		assertThat(published.version()).isEqualTo(2);
		assertThat(published.question()).isEqualTo("How do I log in?");
		assertThat(this.faqs.published()).containsExactly(published);
		Faq archived = this.faqs.changeStatus("en-1", FaqStatus.ARCHIVED, null, "bob");
		assertThat(archived.version()).isEqualTo(3);
		assertThat(this.faqs.published()).isEmpty();
		assertThat(this.events.stream(KnowledgeBaseChanged.class))
			.containsExactly(new KnowledgeBaseChanged(List.of(published), List.of()),
					new KnowledgeBaseChanged(List.of(archived), List.of()));
	}

	@Test
	void aStatusChangeToTheCurrentStatusChangesNothing() {
		Faq created = this.faqs.create(draftWithId("en-1", "How do I log in?"), "alice");
		this.events.clear();
		assertThat(this.faqs.changeStatus("en-1", FaqStatus.DRAFT, 1L, "bob")).isEqualTo(created);
		assertThat(this.faqs.versions("en-1")).hasSize(1);
		assertThat(this.events.stream(KnowledgeBaseChanged.class)).isEmpty();
	}

	@Test
	void aStatusChangeWithAStaleExpectedVersionThrowsConflict() {
		this.faqs.create(draftWithId("en-1", "How do I log in?"), "alice");
		this.faqs.update("en-1", draft("How do I sign in?", "An answer."), "bob");
		assertThatExceptionOfType(FaqVersionConflictException.class)
			.isThrownBy(() -> this.faqs.changeStatus("en-1", FaqStatus.PUBLISHED, 1L, "carol"));
		assertThatExceptionOfType(FaqVersionConflictException.class)
			.isThrownBy(() -> this.faqs.changeStatus("en-1", FaqStatus.DRAFT, 1L, "carol"));
		assertThat(this.faqs.get("en-1").status()).isEqualTo(FaqStatus.DRAFT);
		assertThatExceptionOfType(FaqNotFoundException.class)
			.isThrownBy(() -> this.faqs.changeStatus("nope", FaqStatus.PUBLISHED, null, "carol"));
	}

	private static FaqDraft draftWithId(String id, String question) {
		return new FaqDraft(id, "en", question, null, "An answer.", null, null, null, null);
	}

	private static FaqDraft draft(String question, String answer) {
		return new FaqDraft(null, "en", question, null, answer, null, null, null, null);
	}

	@SpringBootConfiguration
	@Import({ FaqService.class, FaqRepository.class })
	static class Config {

		@Bean
		TestClock clock() {
			return new TestClock();
		}

	}

}
