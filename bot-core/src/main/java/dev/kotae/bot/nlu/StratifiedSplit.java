package dev.kotae.bot.nlu;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A deterministic stratified split of labelled examples: from every label, {@code floor(n × share)}
 * randomly chosen examples are held out and the rest kept, so both parts have the labels' proportions.
 *
 * @param kept the examples not held out, in their original order
 * @param heldOut the examples held out, in their original order
 */
public record StratifiedSplit(List<TrainingExample> kept, List<TrainingExample> heldOut) {

	public StratifiedSplit {
		kept = List.copyOf(kept);
		heldOut = List.copyOf(heldOut);
	}

	/**
	 * Splits {@code examples}; the same arguments always give the same split.
	 * @param share the share of each label's examples to hold out, in {@code [0, 1)}
	 * @param seed chooses which examples
	 */
	public static StratifiedSplit of(List<TrainingExample> examples, double share, long seed) {
		if (!(share >= 0 && share < 1)) {
			throw new IllegalArgumentException("share must be in [0, 1): " + share);
		}
		Map<String, List<Integer>> byLabel = new TreeMap<>();
		for (int i = 0; i < examples.size(); i++) {
			byLabel.computeIfAbsent(examples.get(i).label(), (l) -> new ArrayList<>()).add(i);
		}
		Random random = new Random(seed);
		boolean[] held = new boolean[examples.size()];
		for (List<Integer> indices : byLabel.values()) {
			Collections.shuffle(indices, random);
			int count = (int) Math.floor(indices.size() * share + 1e-9);
			for (int i = 0; i < count; i++) {
				held[indices.get(i)] = true;
			}
		}
		List<TrainingExample> kept = new ArrayList<>();
		List<TrainingExample> heldOut = new ArrayList<>();
		for (int i = 0; i < examples.size(); i++) {
			(held[i] ? heldOut : kept).add(examples.get(i));
		}
		return new StratifiedSplit(kept, heldOut);
	}

}
