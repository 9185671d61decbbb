package dev.kotae.kb.outofscope;

import java.util.List;

import dev.kotae.kb.faq.InvalidInputException;
import dev.kotae.kb.faq.Language;
import dev.kotae.kb.outofscope.OutOfScopePhrases.AddResult;
import dev.kotae.kb.outofscope.OutOfScopePhrases.NewPhrase;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase.Replace;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** {@link OutOfScopePhrases} against H2 with the Flyway schema; each test is rolled back. */
@JdbcTest(properties = "spring.datasource.url=jdbc:h2:mem:oos-tests;DB_CLOSE_DELAY=-1")
@AutoConfigureTestDatabase(replace = Replace.NONE)
@RecordApplicationEvents
class OutOfScopePhrasesTests {

	@Autowired
	private OutOfScopePhrases phrases;

	@Autowired
	private ApplicationEvents events;

	@Test
	void addedPhrasesReadBackWithDetectedOrGivenLocale() {
		AddResult result = this.phrases.add(List.of(new NewPhrase("  天気を　教えて ", null),
				new NewPhrase("Book a flight to Paris", "en")));
		assertThat(result).isEqualTo(new AddResult(2, 0));
		assertThat(this.phrases.all()).extracting(OutOfScopePhrase::locale, OutOfScopePhrase::text)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(Language.JA, "天気を 教えて"),
					org.assertj.core.groups.Tuple.tuple(Language.EN, "Book a flight to Paris"));
		assertThat(this.events.stream(OutOfScopePhrasesChanged.class)).hasSize(1);
	}

	@Test
	void duplicatesAreCountedNotStoredTwiceAndPublishNothing() {
		this.phrases.add(List.of(new NewPhrase("what's the weather", "en")));
		AddResult again = this.phrases.add(List.of(new NewPhrase("what's  the weather", "en"),
				new NewPhrase("ｗｈａｔ's the weather", "en")));
		assertThat(again).isEqualTo(new AddResult(0, 2));
		assertThat(this.phrases.all()).hasSize(1);
		assertThat(this.events.stream(OutOfScopePhrasesChanged.class)).hasSize(1);
	}

	@Test
	void oneInvalidPhraseRejectsTheWholeCallWithEveryViolation() {
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> this.phrases.add(List.of(new NewPhrase("fine", "en"), new NewPhrase(" ", "en"),
					new NewPhrase("x".repeat(OutOfScopePhrases.MAX_TEXT + 1), "en"), new NewPhrase("ok", "fr"))))
			.satisfies((ex) -> assertThat(ex.violations()).extracting(InvalidInputException.Violation::field)
				.containsExactly("phrases[1].text", "phrases[2].text", "phrases[3].locale"));
		assertThat(this.phrases.all()).isEmpty();
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> this.phrases.add(List.of()));
	}

	@Test
	void deleteRemovesOrSaysNotFound() {
		this.phrases.add(List.of(new NewPhrase("play some music", "en")));
		long id = this.phrases.all().get(0).id();
		String before = OutOfScopePhrases.digest(this.phrases.all());
		this.phrases.delete(id);
		assertThat(this.phrases.all()).isEmpty();
		assertThat(OutOfScopePhrases.digest(this.phrases.all())).isNotEqualTo(before);
		assertThatExceptionOfType(OutOfScopePhraseNotFoundException.class).isThrownBy(() -> this.phrases.delete(id));
	}

	@SpringBootConfiguration
	@Import(OutOfScopePhrases.class)
	static class Config {

	}

}
