package dev.kotae.bot.unanswered;

import dev.kotae.kb.faq.Language;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What questions are clustered on: the language's terms, and when two questions are the same one. */
class UnansweredQuestionTermsTests {

	@Test
	void questionsThatDifferOnlyInWidthCasePunctuationAndSpacingHaveOneKey() {
		assertThat(QuestionTerms.key("Ｉｓ　there a DARK mode？？")).isEqualTo("is there a dark mode");
		assertThat(QuestionTerms.key("ダークモードはありますか？")).isEqualTo(QuestionTerms.key("ﾀﾞｰｸﾓｰﾄﾞはありますか"));
		assertThat(QuestionTerms.key("？！…")).isEmpty();
	}

	@Test
	void englishTermsAreStemmedContentWords() {
		assertThat(QuestionTerms.of(QuestionTerms.key("How can I export my Gantt charts?"), Language.EN))
			.containsOnlyKeys("w:export", "w:gantt", "w:chart");
	}

	@Test
	void japaneseTermsAreKuromojiWordsAndBigramsOfKanjiAndKatakana() {
		assertThat(QuestionTerms.of(QuestionTerms.key("学生割引を使いたい"), Language.JA)).containsKeys("w:学生", "w:割引",
				"b:学生", "b:生割", "b:割引")
			.doesNotContainKeys("w:を", "w:たい", "w:使う");
		assertThat(QuestionTerms.of(QuestionTerms.key("ダークモードの設定方法"), Language.JA)).containsKeys("b:ダー", "b:モー",
				"w:設定");
	}

}
