package dev.kotae.bot.nlu;

import java.util.List;

import dev.kotae.bot.nlu.TextFeatures.SparseVector;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TextFeaturesTests {

	private final TextFeatures features = TextFeatures.fit(12,
			List.of("パスワードを忘れました", "I forgot my password", "解約したい", "where is my invoice"));

	@Test
	void vectorsAreUnitLength() {
		for (String text : List.of("パスワードを忘れました", "forgot password", "my invoice?")) {
			SparseVector v = this.features.vector(text);
			double norm = 0;
			for (float value : v.values()) {
				norm += value * value;
			}
			assertThat(norm).as(text).isCloseTo(1.0, within(1e-5));
		}
	}

	@Test
	void waysOfTypingTheSameJapaneseGiveTheSameVector() {
		SparseVector fullWidth = this.features.vector("パスワードを忘れた");
		SparseVector halfWidth = this.features.vector("ﾊﾟｽﾜｰﾄﾞを忘れた");
		assertThat(halfWidth.indices()).isEqualTo(fullWidth.indices());
		assertThat(halfWidth.values()).isEqualTo(fullWidth.values());
	}

	@Test
	void englishCaseAndWidthAreFolded() {
		assertThat(this.features.vector("ＦＯＲＧＯＴ Password").values())
			.isEqualTo(this.features.vector("forgot password").values());
	}

	@Test
	void relatedTextsShareFeatures() {
		assertThat(cosine(this.features.vector("パスワードを忘れた"), this.features.vector("パスワードを忘れました")))
			.isGreaterThan(cosine(this.features.vector("パスワードを忘れた"), this.features.vector("解約したい")));
		assertThat(cosine(this.features.vector("passwords forgotten"), this.features.vector("I forgot my password")))
			.isGreaterThan(0.2);
	}

	@Test
	void textWithoutWordsHasNoFeatures() {
		assertThat(this.features.vector("").isEmpty()).isTrue();
		assertThat(this.features.vector("  ?!、。 ").isEmpty()).isTrue();
	}

	@Test
	void featuresNoTrainingTextHasAreLeftOut() {
		// nothing of the first occurs in the training texts (wide enough that no hash collides)
		TextFeatures wide = TextFeatures.fit(18, List.of("I forgot my password", "where is my invoice"));
		assertThat(wide.vector("qxzv kkjh").isEmpty()).isTrue();
		assertThat(wide.vector("qxzv invoice").isEmpty()).isFalse();
	}

	private static double cosine(SparseVector a, SparseVector b) {
		double dot = 0;
		for (int i = 0; i < a.indices().length; i++) {
			for (int j = 0; j < b.indices().length; j++) {
				if (a.indices()[i] == b.indices()[j]) {
					dot += a.values()[i] * b.values()[j];
				}
			}
		}
		return dot;
	}

}
