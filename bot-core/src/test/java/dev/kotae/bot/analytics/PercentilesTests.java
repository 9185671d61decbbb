package dev.kotae.bot.analytics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** {@link Percentiles}: linear interpolation between closest ranks, as PERCENTILE_CONT. */
class PercentilesTests {

	@Test
	void noValuesHaveNoPercentile() {
		assertThat(Percentiles.of(new long[0], 0.5)).isNull();
	}

	@Test
	void oneValueIsEveryPercentile() {
		assertThat(Percentiles.of(new long[] { 7 }, 0.0)).isEqualTo(7.0);
		assertThat(Percentiles.of(new long[] { 7 }, 0.9)).isEqualTo(7.0);
	}

	@Test
	void betweenTwoRanksTheValueIsInterpolated() {
		long[] seconds = { 20, 45, 90 };
		assertThat(Percentiles.of(seconds, 0.5)).isEqualTo(45.0);
		// rank 0.9 × 2 = 1.8: 45 + 0.8 × (90 − 45)
		assertThat(Percentiles.of(seconds, 0.9)).isEqualTo(81.0);
		assertThat(Percentiles.of(new long[] { 1, 2, 3, 4 }, 0.5)).isEqualTo(2.5);
		assertThat(Percentiles.of(seconds, 0.0)).isEqualTo(20.0);
		assertThat(Percentiles.of(seconds, 1.0)).isEqualTo(90.0);
	}

	@Test
	void pIsAShare() {
		assertThatIllegalArgumentException().isThrownBy(() -> Percentiles.of(new long[] { 1 }, 90));
	}

}
