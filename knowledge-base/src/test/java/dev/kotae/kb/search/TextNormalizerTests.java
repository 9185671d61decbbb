package dev.kotae.kb.search;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class TextNormalizerTests {

	@Test
	void fullWidthAsciiIsFoldedToHalfWidthLowerCase() {
		assertThat(TextNormalizer.normalize("ＰＷ")).isEqualTo("pw");
		assertThat(TextNormalizer.normalize("Ｌｏｇｉｎ　ＩＤ１２３")).isEqualTo("login id123");
	}

	@Test
	void halfWidthKatakanaBecomesFullWidth() {
		assertThat(TextNormalizer.normalize("ﾛｸﾞｲﾝ")).isEqualTo("ログイン");
		assertThat(TextNormalizer.normalize("ﾊﾟｽﾜｰﾄﾞ")).isEqualTo("パスワード");
	}

	@ParameterizedTest
	@ValueSource(strings = { "パスワ－ド", "パスワ-ド", "パスワ‐ド", "パスワ‑ド", "パスワ–ド", "パスワ—ド", "パスワ―ド", "パスワ−ド",
			"パスワ～ド", "パスワ〜ド", "パスワ~ド", "パスワｰド", "パスワード" })
	void dashTypedAfterKatakanaBecomesTheLongVowelMark(String typed) {
		assertThat(TextNormalizer.normalize(typed)).isEqualTo("パスワード");
	}

	@ParameterizedTest
	@ValueSource(strings = { "e-mail", "2024-01-31", "wi-fi", "a - b", "10〜18時" })
	void dashNotAfterKatakanaIsKept(String text) {
		assertThat(TextNormalizer.normalize(text)).isEqualTo(text);
	}

	@Test
	void whiteSpaceIsCollapsedAndStripped() {
		assertThat(TextNormalizer.normalize("  パスワード \t を\n\n忘れた　 ")).isEqualTo("パスワード を 忘れた");
	}

	@Test
	void nullAndEmptyBecomeEmpty() {
		assertThat(TextNormalizer.normalize(null)).isEmpty();
		assertThat(TextNormalizer.normalize("")).isEmpty();
		assertThat(TextNormalizer.normalize(" \t\n　")).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "ＰＷを忘れた", "ﾛｸﾞｲﾝ できない", "パスワ－ド", "  Sign   In ", "りょうしゅうしょ" })
	void normalizingTwiceChangesNothing(String text) {
		String once = TextNormalizer.normalize(text);
		assertThat(TextNormalizer.normalize(once)).isEqualTo(once);
	}

	@Test
	void hiraganaBecomesKatakana() {
		assertThat(TextNormalizer.toKatakana("ろぐいん")).isEqualTo("ログイン");
		assertThat(TextNormalizer.toKatakana("りょうしゅうしょ")).isEqualTo("リョウシュウショ");
		assertThat(TextNormalizer.toKatakana("ぁゖ")).isEqualTo("ァヶ");
	}

	@Test
	void toKatakanaKeepsEverythingThatIsNotHiragana() {
		assertThat(TextNormalizer.toKatakana("ぱすわーど")).isEqualTo("パスワード");
		assertThat(TextNormalizer.toKatakana("領収書 PW ログイン 123")).isEqualTo("領収書 PW ログイン 123");
	}

}
