package dev.kotae.kb.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionLengthAttribute;
import org.apache.lucene.util.AttributeSource;

/**
 * Removes stop words from a token graph, such as a synonym filter's output, without leaving holes
 * in it.
 * <p>
 * Lucene's {@code StopFilter} turns a removed word into a position gap. After a synonym filter that
 * breaks the graph of a multi-word synonym with a stop word in it: for "log in" with the set "log in,
 * sign in, login", the query keeps only one of the alternatives. Here the node that a removed word
 * starts from is merged into the node where it ends (when no kept word leaves that node), so "sign
 * in" becomes "sign", parallel to "log" and "login", and positions are numbered densely again.
 * <p>
 * It reads the whole stream before it emits anything: meant for queries (short and capped), not for
 * documents.
 */
final class GraphStopFilter extends TokenFilter {

	private final CharArraySet stopWords;

	private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

	private final PositionIncrementAttribute increment = addAttribute(PositionIncrementAttribute.class);

	private final PositionLengthAttribute length = addAttribute(PositionLengthAttribute.class);

	/** The kept tokens in output order, with their new position increments and lengths. */
	private List<Kept> output;

	private int next;

	GraphStopFilter(TokenStream input, CharArraySet stopWords) {
		super(input);
		this.stopWords = stopWords;
	}

	@Override
	public boolean incrementToken() throws IOException {
		if (this.output == null) {
			this.output = readAll();
		}
		if (this.next >= this.output.size()) {
			return false;
		}
		Kept token = this.output.get(this.next++);
		restoreState(token.state());
		this.increment.setPositionIncrement(token.increment());
		this.length.setPositionLength(token.length());
		return true;
	}

	@Override
	public void reset() throws IOException {
		super.reset();
		this.output = null;
		this.next = 0;
	}

	private List<Kept> readAll() throws IOException {
		List<Arc> arcs = new ArrayList<>();
		int position = -1;
		int lastNode = 0;
		while (this.input.incrementToken()) {
			position += this.increment.getPositionIncrement();
			int from = Math.max(position, 0);
			int to = from + Math.max(1, this.length.getPositionLength());
			boolean stop = this.stopWords.contains(this.term.buffer(), 0, this.term.length());
			arcs.add(new Arc(captureState(), from, to, stop, arcs.size()));
			lastNode = Math.max(lastNode, to);
		}
		// a node left only by stop words is merged into the node the first of them ends at
		boolean[] keepsAWord = new boolean[lastNode + 1];
		for (Arc arc : arcs) {
			keepsAWord[arc.from()] |= !arc.stop();
		}
		int[] mergedInto = new int[lastNode + 1];
		Arrays.fill(mergedInto, -1);
		for (Arc arc : arcs) {
			if (arc.stop() && !keepsAWord[arc.from()] && mergedInto[arc.from()] < 0) {
				mergedInto[arc.from()] = arc.to();
			}
		}
		List<Arc> kept = new ArrayList<>();
		TreeSet<Integer> nodes = new TreeSet<>();
		for (Arc arc : arcs) {
			if (!arc.stop()) {
				Arc moved = new Arc(arc.state(), node(mergedInto, arc.from()), node(mergedInto, arc.to()), false,
						arc.order());
				kept.add(moved);
				nodes.add(moved.from());
				nodes.add(moved.to());
			}
		}
		kept.sort((a, b) -> (a.from() != b.from()) ? Integer.compare(a.from(), b.from())
				: Integer.compare(a.order(), b.order()));
		int[] dense = nodes.stream().mapToInt(Integer::intValue).toArray();
		List<Kept> out = new ArrayList<>(kept.size());
		int previous = -1;
		for (Arc arc : kept) {
			int from = Arrays.binarySearch(dense, arc.from());
			int to = Arrays.binarySearch(dense, arc.to());
			out.add(new Kept(arc.state(), from - previous, Math.max(1, to - from)));
			previous = from;
		}
		return out;
	}

	/** Where a node ends up once the merges are followed (a node is only merged into a later one). */
	private static int node(int[] mergedInto, int node) {
		int n = node;
		while (n < mergedInto.length && mergedInto[n] >= 0) {
			n = mergedInto[n];
		}
		return n;
	}

	/** A token as an arc of the graph, from one position node to another. */
	private record Arc(AttributeSource.State state, int from, int to, boolean stop, int order) {
	}

	private record Kept(AttributeSource.State state, int increment, int length) {
	}

}
