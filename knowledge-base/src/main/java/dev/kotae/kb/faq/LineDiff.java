package dev.kotae.kb.faq;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A line diff by longest common subsequence: the lines both texts keep, and those removed from the
 * first or added in the second, in reading order (removals before additions where they meet).
 */
public final class LineDiff {

	/**
	 * Above this many cells (lines of one text times lines of the other, after the common start and
	 * end are taken off) the middle is shown as removed and added whole rather than aligned.
	 */
	static final long MAX_CELLS = 4_000_000;

	private LineDiff() {
	}

	/** What happened to a line. */
	public enum Op {

		SAME, REMOVED, ADDED

	}

	/** One line of the diff. */
	public record Line(Op op, String text) {
	}

	/** The diff of two texts, split into lines on any line break; {@code null} counts as empty. */
	public static List<Line> between(String before, String after) {
		return between(lines(before), lines(after));
	}

	/** The diff of two lists of lines. */
	public static List<Line> between(List<String> a, List<String> b) {
		int start = 0;
		while (start < a.size() && start < b.size() && a.get(start).equals(b.get(start))) {
			start++;
		}
		int endA = a.size();
		int endB = b.size();
		while (endA > start && endB > start && a.get(endA - 1).equals(b.get(endB - 1))) {
			endA--;
			endB--;
		}
		List<Line> result = new ArrayList<>();
		for (int i = 0; i < start; i++) {
			result.add(new Line(Op.SAME, a.get(i)));
		}
		middle(a.subList(start, endA), b.subList(start, endB), result);
		for (int i = endA; i < a.size(); i++) {
			result.add(new Line(Op.SAME, a.get(i)));
		}
		return Collections.unmodifiableList(result);
	}

	private static void middle(List<String> a, List<String> b, List<Line> result) {
		int n = a.size();
		int m = b.size();
		if ((long) n * m > MAX_CELLS) {
			a.forEach((line) -> result.add(new Line(Op.REMOVED, line)));
			b.forEach((line) -> result.add(new Line(Op.ADDED, line)));
			return;
		}
		// lcs[i][j] = length of the longest common subsequence of a[i..] and b[j..]
		int[][] lcs = new int[n + 1][m + 1];
		for (int i = n - 1; i >= 0; i--) {
			for (int j = m - 1; j >= 0; j--) {
				lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
			}
		}
		int i = 0;
		int j = 0;
		while (i < n && j < m) {
			if (a.get(i).equals(b.get(j))) {
				result.add(new Line(Op.SAME, a.get(i)));
				i++;
				j++;
			}
			else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
				result.add(new Line(Op.REMOVED, a.get(i)));
				i++;
			}
			else {
				result.add(new Line(Op.ADDED, b.get(j)));
				j++;
			}
		}
		for (; i < n; i++) {
			result.add(new Line(Op.REMOVED, a.get(i)));
		}
		for (; j < m; j++) {
			result.add(new Line(Op.ADDED, b.get(j)));
		}
	}

	private static List<String> lines(String text) {
		return (text == null || text.isEmpty()) ? List.of() : text.lines().toList();
	}

}
