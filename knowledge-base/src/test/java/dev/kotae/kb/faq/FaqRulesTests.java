package dev.kotae.kb.faq;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.kotae.kb.faq.InvalidInputException.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class FaqRulesTests {

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "   ", "\n\t" })
	void questionMustNotBeEmpty(String question) {
		assertThat(violations(draft(null, "en", question, null, "An answer.", null))).extracting(Violation::field)
			.containsExactly("question");
	}

	@Test
	void questionIsAtMost1000Characters() {
		assertThat(violations(draft(null, "en", "q".repeat(1_001), null, "An answer.", null)))
			.containsExactly(new Violation("question", "must be at most 1000 characters"));
		assertThat(check(draft(null, "en", "q".repeat(1_000), null, "An answer.", null)).question()).hasSize(1_000);
	}

	@Test
	void questionIsOneLine() {
		assertThat(check(draft(null, "en", "  How do I\r\n   reset\nmy password?  ", null, "A.", null)).question())
			.isEqualTo("How do I reset my password?");
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "  \n " })
	void answerMustNotBeEmpty(String answer) {
		assertThat(violations(draft(null, "en", "Question?", null, answer, null))).extracting(Violation::field)
			.containsExactly("answer");
	}

	@Test
	void answerIsAtMost20000Characters() {
		assertThat(violations(draft(null, "en", "Question?", null, "a".repeat(20_001), null)))
			.containsExactly(new Violation("answer", "must be at most 20000 characters"));
		assertThat(check(draft(null, "en", "Question?", null, "a".repeat(20_000), null)).answer()).hasSize(20_000);
	}

	@Test
	void answerKeepsItsLineBreaksButNotSurroundingSpace() {
		assertThat(check(draft(null, "en", "Question?", null, "\n  - one\n  - two\n\n", null)).answer())
			.isEqualTo("- one\n  - two");
	}

	@ParameterizedTest
	@ValueSource(strings = { "fr", "jp", "english", "xx-JA" })
	void unknownLocaleIsAViolationOnLocale(String locale) {
		assertThat(violations(draft(null, locale, "Question?", null, "Answer.", null)))
			.containsExactly(new Violation("locale", "unknown locale '" + locale + "'; use 'ja' or 'en'"));
	}

	@Test
	void localeCodesAreReadLeniently() {
		assertThat(check(draft(null, "ja-JP", "Question?", null, "Answer.", null)).locale()).isEqualTo(Language.JA);
		assertThat(check(draft(null, " EN_us ", "質問", null, "答え", null)).locale()).isEqualTo(Language.EN);
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "  " })
	void localeIsDetectedFromTheQuestionWhenMissing(String locale) {
		assertThat(check(draft(null, locale, "パスワードを忘れた", null, "Answer.", null)).locale()).isEqualTo(Language.JA);
		assertThat(check(draft(null, locale, "TaskHarborの料金", null, "Answer.", null)).locale()).isEqualTo(Language.JA);
		assertThat(check(draft(null, locale, "漢字", null, "Answer.", null)).locale()).isEqualTo(Language.JA);
		assertThat(check(draft(null, locale, "How do I log in?", null, "答え", null)).locale()).isEqualTo(Language.EN);
	}

	@ParameterizedTest
	@ValueSource(strings = { "-abc", ".abc", "_abc", "a b", "a/b", "a:b", "ａｂｃ", "日本語", "ja-ログイン", "a\nb" })
	void idWithBadCharactersIsAViolationOnId(String id) {
		assertThat(violations(draft(id, "en", "Question?", null, "Answer.", null))).extracting(Violation::field)
			.containsExactly("id");
	}

	@Test
	void idIsAtMost100Characters() {
		assertThat(violations(draft("a".repeat(101), "en", "Question?", null, "Answer.", null)))
			.extracting(Violation::field)
			.containsExactly("id");
		assertThat(check(draft("a".repeat(100), "en", "Question?", null, "Answer.", null)).id()).hasSize(100);
	}

	@ParameterizedTest
	@ValueSource(strings = { "a", "0", "ja-account-password-reset", "FAQ_1.2-b", "EN.x_y-z" })
	void idOfLettersDigitsDotsUnderscoresAndDashesIsAccepted(String id) {
		assertThat(check(draft(id, "en", "Question?", null, "Answer.", null)).id()).isEqualTo(id);
	}

	@Test
	void blankIdMeansNone() {
		assertThat(check(draft("  ", "en", "Question?", null, "Answer.", null)).id()).isNull();
		assertThat(check(draft(" en-1 ", "en", "Question?", null, "Answer.", null)).id()).isEqualTo("en-1");
	}

	@Test
	void duplicateAndBlankAlternativesAreDroppedInOrder() {
		List<String> alternatives = Arrays.asList(" b ", "a", "", null, "b", "  ", "a\nc", "c");
		assertThat(check(draft(null, "en", "Question?", alternatives, "Answer.", null)).alternativeQuestions())
			.containsExactly("b", "a", "c");
	}

	@Test
	void questionIsRemovedFromItsOwnAlternatives() {
		List<String> alternatives = List.of("Other phrasing", "  How do I log in?  ", "How do I log in?");
		assertThat(check(draft(null, "en", "How do I log in?", alternatives, "Answer.", null)).alternativeQuestions())
			.containsExactly("Other phrasing");
	}

	@Test
	void noAlternativesIsAnEmptyList() {
		assertThat(check(draft(null, "en", "Question?", null, "Answer.", null)).alternativeQuestions()).isEmpty();
	}

	@Test
	void atMost300Alternatives() {
		List<String> alternatives = new ArrayList<>();
		for (int i = 0; i < 301; i++) {
			alternatives.add("Phrasing " + i);
		}
		assertThat(violations(draft(null, "en", "Question?", alternatives, "Answer.", null)))
			.extracting(Violation::field)
			.containsExactly("alternativeQuestions");
		assertThat(check(draft(null, "en", "Question?", alternatives.subList(0, 300), "Answer.", null))
			.alternativeQuestions()).hasSize(300);
	}

	@Test
	void eachAlternativeIsAtMost1000Characters() {
		assertThat(violations(draft(null, "en", "Question?", List.of("a".repeat(1_001)), "Answer.", null)))
			.extracting(Violation::field)
			.containsExactly("alternativeQuestions");
	}

	@Test
	void defaultStatusIsUsedWhenNoneIsGiven() {
		assertThat(FaqRules.check(draft(null, "en", "Question?", null, "Answer.", null), FaqStatus.DRAFT).status())
			.isEqualTo(FaqStatus.DRAFT);
		assertThat(FaqRules.check(draft(null, "en", "Question?", null, "Answer.", " "), FaqStatus.PUBLISHED).status())
			.isEqualTo(FaqStatus.PUBLISHED);
	}

	@Test
	void givenStatusWinsOverTheDefault() {
		assertThat(FaqRules.check(draft(null, "en", "Question?", null, "Answer.", " Archived "), FaqStatus.PUBLISHED)
			.status()).isEqualTo(FaqStatus.ARCHIVED);
	}

	@ParameterizedTest
	@ValueSource(strings = { "live", "deleted", "公開" })
	void unknownStatusIsAViolationOnStatus(String status) {
		assertThat(violations(draft(null, "en", "Question?", null, "Answer.", status))).containsExactly(
				new Violation("status", "unknown status '" + status + "'; use 'draft', 'published' or 'archived'"));
	}

	@Test
	void categoryIsStrippedAndAtMost100Characters() {
		assertThat(FaqRules.check(new FaqDraft(null, "en", "Q?", null, "A.", "  billing ", null, null, null),
				FaqStatus.DRAFT).category()).isEqualTo("billing");
		assertThat(FaqRules.check(new FaqDraft(null, "en", "Q?", null, "A.", "  ", null, null, null), FaqStatus.DRAFT)
			.category()).isNull();
		assertThat(violations(new FaqDraft(null, "en", "Q?", null, "A.", "c".repeat(101), null, null, null)))
			.extracting(Violation::field)
			.containsExactly("category");
	}

	@Test
	void tagsAreStrippedAndDistinct() {
		FaqDraft draft = new FaqDraft(null, "en", "Q?", null, "A.", null, Arrays.asList(" billing", "pdf ", "billing", "",
				null), null, null);
		assertThat(FaqRules.check(draft, FaqStatus.DRAFT).tags()).containsExactly("billing", "pdf");
	}

	@Test
	void tagsAreLimitedInNumberAndLengthAndHaveNoCommas() {
		assertThat(violations(tags(List.of("a,b")))).extracting(Violation::field).containsExactly("tags");
		assertThat(violations(tags(List.of("t".repeat(51))))).extracting(Violation::field).containsExactly("tags");
		List<String> many = new ArrayList<>();
		for (int i = 0; i < 31; i++) {
			many.add("tag" + i);
		}
		assertThat(violations(tags(many))).extracting(Violation::field).containsExactly("tags");
		assertThatNoException().isThrownBy(() -> FaqRules.check(tags(many.subList(0, 30)), FaqStatus.DRAFT));
	}

	@Test
	void everyBrokenRuleIsListedAtOnce() {
		InvalidInputException ex = invalid(new FaqDraft("/bad", "fr", " ", null, "", null, null, "gone", null));
		assertThat(ex.violations()).extracting(Violation::field)
			.containsExactlyInAnyOrder("id", "question", "answer", "locale", "status");
		assertThat(ex.getMessage()).contains("question: must not be empty").contains("answer: must not be empty");
	}

	@Test
	void toFaqGeneratesAnIdWithTheLocaleAndStartsAtVersion1() {
		Instant now = Instant.parse("2026-03-04T05:06:07Z");
		Faq faq = FaqRules.toFaq(draft(null, null, "パスワードを忘れた", List.of("PW忘れた"), "再設定してください。", null),
				FaqStatus.PUBLISHED, now, "importer");
		assertThat(faq.id()).matches("ja-[0-9a-f]{12}");
		assertThat(faq.locale()).isEqualTo(Language.JA);
		assertThat(faq.version()).isEqualTo(1);
		assertThat(faq.status()).isEqualTo(FaqStatus.PUBLISHED);
		assertThat(faq.createdAt()).isEqualTo(now);
		assertThat(faq.updatedAt()).isEqualTo(now);
		assertThat(faq.author()).isEqualTo("importer");
		assertThat(faq.alternativeQuestions()).containsExactly("PW忘れた");
	}

	@Test
	void toFaqKeepsAGivenIdAndGeneratesDistinctOnes() {
		Instant now = Instant.now();
		assertThat(FaqRules.toFaq(draft("en-1", "en", "Q?", null, "A.", null), FaqStatus.DRAFT, now, "a").id())
			.isEqualTo("en-1");
		String first = FaqRules.toFaq(draft(null, "en", "Q?", null, "A.", null), FaqStatus.DRAFT, now, "a").id();
		String second = FaqRules.toFaq(draft(null, "en", "Q?", null, "A.", null), FaqStatus.DRAFT, now, "a").id();
		assertThat(first).startsWith("en-").isNotEqualTo(second);
	}

	@Test
	void toFaqThrowsOnABrokenRule() {
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> FaqRules.toFaq(draft(null, "en", "", null, "A.", null), FaqStatus.DRAFT, Instant.now(), "a"))
			.satisfies((ex) -> assertThat(ex.violations()).extracting(Violation::field).containsExactly("question"));
	}

	private static FaqDraft draft(String id, String locale, String question, List<String> alternatives, String answer,
			String status) {
		return new FaqDraft(id, locale, question, alternatives, answer, null, null, status, null);
	}

	private static FaqDraft tags(List<String> tags) {
		return new FaqDraft(null, "en", "Q?", null, "A.", null, tags, null, null);
	}

	private static FaqRules.Clean check(FaqDraft draft) {
		return FaqRules.check(draft, FaqStatus.DRAFT);
	}

	private static List<Violation> violations(FaqDraft draft) {
		return invalid(draft).violations();
	}

	private static InvalidInputException invalid(FaqDraft draft) {
		InvalidInputException ex = catchThrowableOfType(InvalidInputException.class,
				() -> FaqRules.check(draft, FaqStatus.DRAFT));
		assertThat(ex).as("the draft breaks a rule").isNotNull();
		return ex;
	}

}
