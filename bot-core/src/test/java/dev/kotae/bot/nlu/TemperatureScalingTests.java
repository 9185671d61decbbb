package dev.kotae.bot.nlu;

import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TemperatureScalingTests {

	@Test
	void recoversTheTemperatureLabelsWereDrawnWith() {
		// logits 3x too sharp: labels drawn from softmax(z / 3) must give T close to 3
		Random random = new Random(7);
		int n = 4000;
		double[][] logits = new double[n][];
		int[] targets = new int[n];
		for (int i = 0; i < n; i++) {
			double[] z = new double[5];
			for (int k = 0; k < z.length; k++) {
				z[k] = random.nextGaussian() * 6;
			}
			double[] p = MlpIntentClassifier.softmax(z, 3.0);
			double u = random.nextDouble();
			int k = 0;
			for (double c = p[0]; c < u && k < p.length - 1; c += p[++k]) {
			}
			logits[i] = z;
			targets[i] = k;
		}
		assertThat(TemperatureScaling.fit(logits, targets)).isCloseTo(3.0, within(0.3));
	}

	@Test
	void isOneWithoutHeldOutData() {
		assertThat(TemperatureScaling.fit(new double[0][], new int[0])).isEqualTo(1.0);
	}

	@Test
	void softmaxIsADistribution() {
		double[] p = MlpIntentClassifier.softmax(new double[] { 1000, 0, -1000 }, 1.0);
		assertThat(p[0]).isEqualTo(1.0);
		assertThat(p[1] + p[2]).isLessThan(1e-12);
		double[] q = MlpIntentClassifier.softmax(new double[] { 1, 2, 3 }, 2.0);
		assertThat(q[0] + q[1] + q[2]).isCloseTo(1.0, within(1e-12));
		assertThat(q[2]).isGreaterThan(q[1]).isGreaterThan(q[0]);
	}

}
