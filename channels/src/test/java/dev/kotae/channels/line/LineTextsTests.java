package dev.kotae.channels.line;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Both languages say everything, and button labels fit LINE's 20 characters. */
class LineTextsTests {

	@Test
	void japaneseAndEnglishHaveTheSameKeys() {
		assertThat(LineTexts.JA.keySet()).isEqualTo(LineTexts.EN.keySet());
		assertThat(LineTexts.JA.values()).allSatisfy((text) -> assertThat(text).isNotBlank());
		assertThat(LineTexts.EN.values()).allSatisfy((text) -> assertThat(text).isNotBlank());
	}

	@Test
	void labelsFitLinesLimit() {
		for (var texts : java.util.List.of(LineTexts.JA, LineTexts.EN)) {
			texts.forEach((key, text) -> {
				if (key.endsWith(".label")) {
					assertThat(text).as(key).hasSizeLessThanOrEqualTo(LineMessages.MAX_LABEL);
				}
			});
		}
	}

}
