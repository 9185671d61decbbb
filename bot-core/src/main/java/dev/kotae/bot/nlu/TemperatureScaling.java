package dev.kotae.bot.nlu;

/**
 * Fits the softmax temperature {@code T} that minimises the negative log-likelihood of held-out
 * examples (Guo et al. 2017, "On Calibration of Modern Neural Networks"). One parameter, so it cannot
 * change which intent ranks first, only how confident the probabilities are.
 */
final class TemperatureScaling {

	static final double MIN = 0.05;

	static final double MAX = 20;

	private TemperatureScaling() {
	}

	/**
	 * @param logits one row per held-out example
	 * @param targets the index of each example's true label
	 * @return the fitted temperature, 1 when there is nothing to fit on
	 */
	static double fit(double[][] logits, int[] targets) {
		if (logits.length == 0) {
			return 1.0;
		}
		// NLL is unimodal in log T here; golden-section search on log T
		double lo = Math.log(MIN);
		double hi = Math.log(MAX);
		double ratio = (Math.sqrt(5) - 1) / 2;
		double a = hi - ratio * (hi - lo);
		double b = lo + ratio * (hi - lo);
		double fa = nll(logits, targets, Math.exp(a));
		double fb = nll(logits, targets, Math.exp(b));
		for (int i = 0; i < 80; i++) {
			if (fa <= fb) {
				hi = b;
				b = a;
				fb = fa;
				a = hi - ratio * (hi - lo);
				fa = nll(logits, targets, Math.exp(a));
			}
			else {
				lo = a;
				a = b;
				fa = fb;
				b = lo + ratio * (hi - lo);
				fb = nll(logits, targets, Math.exp(b));
			}
		}
		return Math.exp((lo + hi) / 2);
	}

	/** Mean negative log-likelihood of the targets under {@code softmax(logits / t)}. */
	static double nll(double[][] logits, int[] targets, double t) {
		double sum = 0;
		for (int r = 0; r < logits.length; r++) {
			double[] z = logits[r];
			double max = Double.NEGATIVE_INFINITY;
			for (double v : z) {
				max = Math.max(max, v / t);
			}
			double log = 0;
			for (double v : z) {
				log += Math.exp(v / t - max);
			}
			sum += Math.log(log) + max - z[targets[r]] / t;
		}
		return sum / logits.length;
	}

}
