package dev.kotae.kb.faq;

import java.util.ArrayList;
import java.util.List;

import dev.kotae.kb.faq.LineDiff.Line;
import dev.kotae.kb.faq.LineDiff.Op;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LineDiffTests {

	@Test
	void equalTextsAreAllSame() {
		assertThat(LineDiff.between("a\nb", "a\nb")).containsExactly(same("a"), same("b"));
	}

	@Test
	void emptyAndNullTexts() {
		assertThat(LineDiff.between(null, "")).isEmpty();
		assertThat(LineDiff.between("", "a\nb")).containsExactly(added("a"), added("b"));
		assertThat(LineDiff.between("a", null)).containsExactly(removed("a"));
	}

	@Test
	void aChangedLineIsRemovedThenAdded() {
		assertThat(LineDiff.between("Open Settings.\nClick Save.\nDone.", "Open Settings.\nClick Apply.\nDone."))
			.containsExactly(same("Open Settings."), removed("Click Save."), added("Click Apply."), same("Done."));
	}

	@Test
	void keepsTheLongestCommonSubsequence() {
		// the classic example: ABCABBA -> CBABAC keeps 4 lines
		List<Line> diff = LineDiff.between(List.of("A", "B", "C", "A", "B", "B", "A"),
				List.of("C", "B", "A", "B", "A", "C"));
		assertThat(diff.stream().filter((l) -> l.op() == Op.SAME)).hasSize(4);
		assertThat(diff.stream().filter((l) -> l.op() == Op.REMOVED)).hasSize(3);
		assertThat(diff.stream().filter((l) -> l.op() == Op.ADDED)).hasSize(2);
		assertThat(apply(diff, false)).containsExactly("A", "B", "C", "A", "B", "B", "A");
		assertThat(apply(diff, true)).containsExactly("C", "B", "A", "B", "A", "C");
	}

	@Test
	void insertionsAndDeletionsInTheMiddle() {
		assertThat(LineDiff.between("1\n2\n3\n4", "1\nnew\n2\n4")).containsExactly(same("1"), added("new"),
				same("2"), removed("3"), same("4"));
	}

	@Test
	void anyLineBreakSplitsLines() {
		assertThat(LineDiff.between("a\r\nb", "a\nc")).containsExactly(same("a"), removed("b"), added("c"));
	}

	@Test
	void aHugeMiddleIsReplacedWholeButTheCommonEndsStay() {
		List<String> before = new ArrayList<>(List.of("head"));
		List<String> after = new ArrayList<>(List.of("head"));
		for (int i = 0; i < 2_500; i++) {
			before.add("old " + i);
			after.add("new " + i);
		}
		before.add("tail");
		after.add("tail");
		List<Line> diff = LineDiff.between(before, after);
		assertThat(diff).hasSize(5_002);
		assertThat(diff.get(0)).isEqualTo(same("head"));
		assertThat(diff.get(1)).isEqualTo(removed("old 0"));
		assertThat(diff.get(2_501)).isEqualTo(added("new 0"));
		assertThat(diff.get(5_001)).isEqualTo(same("tail"));
	}

	/** Rebuilds one side from the diff. */
	private static List<String> apply(List<Line> diff, boolean after) {
		Op skip = after ? Op.REMOVED : Op.ADDED;
		return diff.stream().filter((l) -> l.op() != skip).map(Line::text).toList();
	}

	private static Line same(String text) {
		return new Line(Op.SAME, text);
	}

	private static Line removed(String text) {
		return new Line(Op.REMOVED, text);
	}

	private static Line added(String text) {
		return new Line(Op.ADDED, text);
	}

}
