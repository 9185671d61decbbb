package dev.kotae.bot.analytics;

/** Percentiles by linear interpolation between closest ranks (as SQL's PERCENTILE_CONT). */
final class Percentiles {

	private Percentiles() {
	}

	/**
	 * The {@code p}-th percentile of sorted values.
	 * @param sorted ascending
	 * @param p from 0 to 1 (0.5 = median)
	 * @return {@code null} when there are no values
	 */
	static Double of(long[] sorted, double p) {
		if (p < 0 || p > 1) {
			throw new IllegalArgumentException("p must be from 0 to 1: " + p);
		}
		if (sorted.length == 0) {
			return null;
		}
		double rank = p * (sorted.length - 1);
		int below = (int) Math.floor(rank);
		int above = Math.min(below + 1, sorted.length - 1);
		return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
	}

}
