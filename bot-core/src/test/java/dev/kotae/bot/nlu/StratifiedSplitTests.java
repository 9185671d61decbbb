package dev.kotae.bot.nlu;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StratifiedSplitTests {

	private static List<TrainingExample> examples(int perLabelA, int perLabelB) {
		List<TrainingExample> examples = new ArrayList<>();
		for (int i = 0; i < perLabelA; i++) {
			examples.add(new TrainingExample("a" + i, "a"));
		}
		for (int i = 0; i < perLabelB; i++) {
			examples.add(new TrainingExample("b" + i, "b"));
		}
		return examples;
	}

	@Test
	void holdsOutTheShareOfEveryLabel() {
		StratifiedSplit split = StratifiedSplit.of(examples(100, 35), 0.2, 42);
		assertThat(split.heldOut().stream().filter((e) -> e.label().equals("a"))).hasSize(20);
		assertThat(split.heldOut().stream().filter((e) -> e.label().equals("b"))).hasSize(7);
		assertThat(split.kept()).hasSize(108).doesNotContainAnyElementsOf(split.heldOut());
	}

	@Test
	void isDeterministicForASeed() {
		List<TrainingExample> all = examples(50, 50);
		assertThat(StratifiedSplit.of(all, 0.1, 1)).isEqualTo(StratifiedSplit.of(all, 0.1, 1));
		assertThat(StratifiedSplit.of(all, 0.1, 1).heldOut()).isNotEqualTo(StratifiedSplit.of(all, 0.1, 2).heldOut());
	}

	@Test
	void smallLabelsKeepAllTheirExamples() {
		StratifiedSplit split = StratifiedSplit.of(examples(5, 9), 0.1, 42);
		assertThat(split.heldOut()).isEmpty();
		assertThat(split.kept()).hasSize(14);
	}

}
