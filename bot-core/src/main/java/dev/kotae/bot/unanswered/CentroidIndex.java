package dev.kotae.bot.unanswered;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Clusters the TF-IDF vectors of one language's distinct questions around centroids, without ever
 * comparing all pairs. Each cluster keeps the weighted sum of its members' vectors (its centroid);
 * an inverted index maps every term to the clusters whose centroid has it, so the clusters a
 * question can be similar to are found through its terms, and only those are scored.
 * <p>
 * Whether a question joins a cluster (or two clusters merge) is decided on the estimated <em>topic
 * share</em> of their vectors, not on a fixed cosine: the cosine required is
 * {@link #expectedCosine}{@code (n1, n2, share)}, which is {@code share²} for two single questions
 * and tends to {@code share} for a question and a large cluster. So two questions that share only
 * their key word can start a cluster, while a large cluster does not absorb loosely related
 * questions.
 * <ol>
 * <li><b>Leader pass.</b> Questions are visited most frequent first (ties in a fixed order); each
 * joins the most similar cluster if it is close enough, else starts a new cluster.</li>
 * <li><b>Reassignment.</b> With the centroids fixed, every question moves to its most similar
 * cluster (one k-means step); one no longer close enough to any becomes a cluster of its own. This
 * repairs the order-dependence of the leader pass.</li>
 * <li><b>Centroid-linkage merging.</b> Each cluster's most similar clusters are found through its
 * strongest terms; candidate pairs that are close enough are merged greedily, most similar first,
 * re-checking against the merged centroids each time (so, unlike single linkage, a chain of
 * loosely related clusters does not collapse into one).</li>
 * <li><b>Reassignment</b> again against the merged centroids.</li>
 * <li><b>Splitting</b> of clusters made of several tight, substantial parts (questions that differ
 * in one word: "export" or "import" the Gantt chart), as HDBSCAN prefers stable child clusters to
 * their parent; see {@link #splitLabels}. Then a last reassignment.</li>
 * </ol>
 * A term shared by more than {@link #MAX_POSTINGS} clusters is too common to find candidates with:
 * it is skipped when collecting candidates, and the best {@link #RESCORE} candidates are then scored
 * exactly, that term included. An incremental addition does step 1 for the new question only.
 * Not thread-safe.
 */
final class CentroidIndex {

	/** Longest posting list (clusters per term) that is scanned for candidates. */
	static final int MAX_POSTINGS = 2_000;

	/** Candidates scored exactly when a posting list was skipped. */
	static final int RESCORE = 8;

	/** How many of a centroid's strongest terms find the clusters it may merge with. */
	static final int MERGE_TERMS = 24;

	/** The topic share a cluster's parts must reach to be split off (see {@link #splitLabels}). */
	static final double SPLIT_SHARE = 0.75;

	/** The fewest members a part needs to be split off. */
	static final int MIN_PART = 3;

	private final double similarity;

	private final double mergeSimilarity;

	private final List<SparseVector> vectors = new ArrayList<>();

	private double[] weights = new double[64];

	/** The group index of each point; -1 before it is placed or after it is removed. */
	private int[] groupOf = new int[64];

	private List<Group> groups = new ArrayList<>();

	/** Term id → indices of the groups whose centroid has the term (removed groups are skipped). */
	private IntList[] postings = new IntList[64];

	private double[] scores = new double[64];

	private int[] stamps = new int[64];

	private int stamp;

	private final IntList touched = new IntList(64);

	CentroidIndex(double similarity, double mergeSimilarity) {
		this.similarity = similarity;
		this.mergeSimilarity = mergeSimilarity;
	}

	/** A cluster: the weighted sum of its members' vectors and the members (point indices). */
	static final class Group {

		final int index;

		final IntDoubleMap sum = new IntDoubleMap();

		final IntList members = new IntList(2);

		double squaredNorm;

		boolean removed;

		Group mergedInto;

		/** Given by the caller: the cluster's public id and the point it is named after. */
		String id;

		int anchor = -1;

		Group(int index) {
			this.index = index;
		}

		boolean isLive() {
			return !this.removed && !this.members.isEmpty();
		}

	}

	/** A cluster and a question's (or another cluster's) cosine with its centroid. */
	record Match(Group group, double cosine) {
	}

	/** Adds a question's vector, not yet in any group; returns its point index. */
	int addPoint(SparseVector vector, double weight) {
		int point = this.vectors.size();
		this.vectors.add(vector);
		if (point == this.weights.length) {
			this.weights = Arrays.copyOf(this.weights, point * 2);
			this.groupOf = Arrays.copyOf(this.groupOf, point * 2);
		}
		this.weights[point] = weight;
		this.groupOf[point] = -1;
		return point;
	}

	int points() {
		return this.vectors.size();
	}

	SparseVector vector(int point) {
		return this.vectors.get(point);
	}

	/** The live groups. */
	List<Group> groups() {
		return this.groups.stream().filter(Group::isLive).toList();
	}

	Group groupOf(int point) {
		int group = this.groupOf[point];
		return (group < 0) ? null : this.groups.get(group);
	}

	/** The cosine of a point's vector and a group's centroid. */
	double cosine(int point, Group group) {
		if (group.squaredNorm <= 0) {
			return 0;
		}
		SparseVector v = this.vectors.get(point);
		double dot = 0;
		for (int i = 0; i < v.size(); i++) {
			dot += v.weight(i) * group.sum.get(v.term(i));
		}
		return dot / Math.sqrt(group.squaredNorm);
	}

	/** Clusters every point that is not removed from scratch: the steps of the class comment. */
	void build() {
		build(true);
	}

	private void build(boolean splitting) {
		List<Integer> live = new ArrayList<>();
		for (int point = 0; point < this.vectors.size(); point++) {
			if (this.groupOf[point] != -2) {
				live.add(point);
			}
		}
		live.sort(Comparator.comparingDouble((Integer p) -> -this.weights[p]).thenComparingInt((p) -> p));
		int[] order = live.stream().mapToInt(Integer::intValue).toArray();
		resetGroups();
		for (int point : order) {
			place(point);
		}
		regroup(order, reassign(order));
		merge();
		regroup(order, reassign(order));
		int[] labels = splitting ? splitLabels() : null;
		if (labels != null) {
			regroup(order, labels);
			regroup(order, reassign(order));
		}
	}

	/** Puts a point into its most similar group, or a new one: the leader step, used incrementally. */
	Group place(int point) {
		Match best = best(this.vectors.get(point), null);
		Group group = (best != null && joins(best)) ? best.group() : newGroup();
		join(point, group);
		return group;
	}

	/** Changes a point's weight (its question was asked again), moving its group's centroid. */
	void reweigh(int point, double weight) {
		double delta = weight - this.weights[point];
		this.weights[point] = weight;
		Group group = groupOf(point);
		if (group != null && delta != 0) {
			SparseVector v = this.vectors.get(point);
			for (int i = 0; i < v.size(); i++) {
				double change = delta * v.weight(i);
				double old = group.sum.add(v.term(i), change);
				group.squaredNorm += (old + change) * (old + change) - old * old;
			}
		}
	}

	/** Takes a point out of its group for good (the group goes when it is empty). */
	void removePoint(int point) {
		Group group = groupOf(point);
		this.groupOf[point] = -2;
		if (group == null) {
			return;
		}
		group.members.remove(point);
		if (group.members.isEmpty()) {
			group.removed = true;
			return;
		}
		SparseVector v = this.vectors.get(point);
		for (int i = 0; i < v.size(); i++) {
			group.sum.add(v.term(i), -this.weights[point] * v.weight(i));
		}
		group.squaredNorm = group.sum.squaredNorm();
	}

	/** Takes a group and all its points out for good. */
	void removeGroup(Group group) {
		for (int point : group.members.toArray()) {
			this.groupOf[point] = -2;
		}
		group.members.clear();
		group.removed = true;
	}

	/** The group most similar to {@code v}, other than {@code exclude}; {@code null} when none shares a term. */
	private Match best(SparseVector v, Group exclude) {
		boolean partial = false;
		startScoring();
		for (int i = 0; i < v.size(); i++) {
			int term = v.term(i);
			IntList posting = (term < this.postings.length) ? this.postings[term] : null;
			if (posting == null) {
				continue;
			}
			if (posting.size() > MAX_POSTINGS) {
				partial = true;
				continue;
			}
			double w = v.weight(i);
			for (int k = 0; k < posting.size(); k++) {
				Group group = this.groups.get(posting.get(k));
				if (group.removed || group == exclude) {
					continue;
				}
				score(group.index, w * group.sum.get(term));
			}
		}
		Match best = null;
		if (!partial) {
			for (int k = 0; k < this.touched.size(); k++) {
				Group group = this.groups.get(this.touched.get(k));
				if (group.squaredNorm <= 0) {
					continue;
				}
				double cosine = this.scores[group.index] / Math.sqrt(group.squaredNorm);
				if (best == null || cosine > best.cosine()) {
					best = new Match(group, cosine);
				}
			}
			return best;
		}
		for (int g : topTouched(RESCORE)) {
			Group group = this.groups.get(g);
			double dot = 0;
			for (int i = 0; i < v.size(); i++) {
				dot += v.weight(i) * group.sum.get(v.term(i));
			}
			double cosine = (group.squaredNorm > 0) ? dot / Math.sqrt(group.squaredNorm) : 0;
			if (best == null || cosine > best.cosine()) {
				best = new Match(group, cosine);
			}
		}
		return best;
	}

	/** For every point, its most similar group if that reaches the threshold, else -1. */
	private int[] reassign(int[] order) {
		int[] assignment = new int[this.vectors.size()];
		for (int point : order) {
			Match best = best(this.vectors.get(point), null);
			assignment[point] = (best != null && joins(best)) ? best.group().index : -1;
		}
		return assignment;
	}

	/** Rebuilds the groups from an assignment; an unassigned point gets a group of its own. */
	private void regroup(int[] order, int[] assignment) {
		resetGroups();
		Map<Integer, Group> renamed = new HashMap<>();
		for (int point : order) {
			int old = assignment[point];
			Group group = (old < 0) ? newGroup() : renamed.computeIfAbsent(old, (o) -> newGroup());
			join(point, group);
		}
	}

	/** Greedy centroid-linkage merging of the groups whose centroids reach {@code mergeSimilarity}. */
	private void merge() {
		List<Group> live = new ArrayList<>(groups());
		live.sort(Comparator.comparingInt((Group g) -> -g.members.size()).thenComparingInt((g) -> g.index));
		List<Match[]> pairs = new ArrayList<>();
		Set<Long> seen = new HashSet<>();
		for (Group group : live) {
			startScoring();
			for (int term : group.sum.topKeys(MERGE_TERMS)) {
				IntList posting = this.postings[term];
				if (posting.size() > MAX_POSTINGS) {
					continue;
				}
				double w = group.sum.get(term);
				for (int k = 0; k < posting.size(); k++) {
					Group other = this.groups.get(posting.get(k));
					if (other != group && !other.removed) {
						score(other.index, w * other.sum.get(term));
					}
				}
			}
			for (int g : topTouched(RESCORE)) {
				Group other = this.groups.get(g);
				long key = (long) Math.min(group.index, g) * this.groups.size() + Math.max(group.index, g);
				if (seen.add(key)) {
					double cosine = centroidCosine(group, other);
					if (cosine >= expectedCosine(group.members.size(), other.members.size(), this.mergeSimilarity)) {
						pairs.add(new Match[] { new Match(group, cosine), new Match(other, cosine) });
					}
				}
			}
		}
		pairs.sort(Comparator.comparingDouble((Match[] p) -> -p[0].cosine())
			.thenComparingInt((p) -> p[0].group().index)
			.thenComparingInt((p) -> p[1].group().index));
		for (Match[] pair : pairs) {
			Group a = root(pair[0].group());
			Group b = root(pair[1].group());
			if (a != b && centroidCosine(a, b) >= expectedCosine(a.members.size(), b.members.size(), this.mergeSimilarity)) {
				Group big = (a.members.size() >= b.members.size()) ? a : b;
				absorb(big, (big == a) ? b : a);
			}
		}
	}

	/**
	 * Splits the groups that hold two or more substantial, tight sub-clusters, in the spirit of
	 * HDBSCAN's choice between a cluster and its children: each group is clustered again on its own
	 * at {@link #SPLIT_SHARE}; if at least two of the sub-clusters have {@link #MIN_PART} members and a
	 * twentieth of the group's, and together hold at least a third of it, the group becomes those
	 * sub-clusters (its other members join the nearest). A topic worded loosely falls apart into single
	 * questions at that level and stays whole; questions that differ in one word ("export" or
	 * "import" the Gantt chart) form tight parts and are split.
	 * @return a label per point to {@link #regroup} by, or {@code null} when no group was split
	 */
	private int[] splitLabels() {
		int[] labels = new int[this.vectors.size()];
		Arrays.fill(labels, -1);
		int nextLabel = this.groups.size();
		boolean split = false;
		for (Group group : groups()) {
			int[] members = group.members.toArray();
			for (int point : members) {
				labels[point] = group.index;
			}
			if (members.length < 2 * MIN_PART) {
				continue;
			}
			CentroidIndex tight = new CentroidIndex(SPLIT_SHARE, SPLIT_SHARE);
			for (int point : members) {
				tight.addPoint(this.vectors.get(point), this.weights[point]);
			}
			tight.build(false);
			int minimum = Math.max(MIN_PART, members.length / 20);
			List<Group> parts = tight.groups().stream().filter((g) -> g.members.size() >= minimum).toList();
			int covered = parts.stream().mapToInt((g) -> g.members.size()).sum();
			if (parts.size() < 2 || covered * 3 < members.length) {
				continue;
			}
			split = true;
			Map<Group, Integer> partLabels = new HashMap<>();
			for (Group part : parts) {
				partLabels.put(part, nextLabel++);
			}
			for (int i = 0; i < members.length; i++) {
				Group nearest = null;
				double nearestCosine = -1;
				for (Group part : parts) {
					double cosine = tight.cosine(i, part);
					if (cosine > nearestCosine) {
						nearest = part;
						nearestCosine = cosine;
					}
				}
				labels[members[i]] = partLabels.get(nearest);
			}
		}
		return split ? labels : null;
	}

	private static Group root(Group group) {
		Group root = group;
		while (root.mergedInto != null) {
			root = root.mergedInto;
		}
		return root;
	}

	private void absorb(Group into, Group from) {
		from.sum.forEach((term, value) -> {
			if (into.sum.add(term, value) == 0) {
				posting(term).add(into.index);
			}
		});
		into.squaredNorm = into.sum.squaredNorm();
		for (int k = 0; k < from.members.size(); k++) {
			int point = from.members.get(k);
			into.members.add(point);
			this.groupOf[point] = into.index;
		}
		from.members.clear();
		from.removed = true;
		from.mergedInto = into;
	}

	private double centroidCosine(Group a, Group b) {
		Group small = (a.sum.size() <= b.sum.size()) ? a : b;
		Group large = (small == a) ? b : a;
		double[] dot = new double[1];
		small.sum.forEach((term, value) -> dot[0] += value * large.sum.get(term));
		return dot[0] / Math.sqrt(a.squaredNorm * b.squaredNorm);
	}

	/** Whether a question is close enough to the group it matched best to join it. */
	private boolean joins(Match match) {
		return match.cosine() >= expectedCosine(1, match.group().members.size(), this.similarity);
	}

	/**
	 * The cosine two centroids of {@code n1} and {@code n2} questions about one topic are expected to
	 * have when each question's vector is the topic's direction with weight {@code share} plus terms
	 * of its own: {@code √(n1·n2)·s² / √((1 + (n1−1)·s²)(1 + (n2−1)·s²))}. Two single questions then
	 * need {@code s²}, a question and a large cluster about {@code s}: thresholds on this share, not
	 * on the raw cosine, let a cluster start from two loosely worded questions without letting large
	 * clusters absorb loosely related ones.
	 */
	static double expectedCosine(double n1, double n2, double share) {
		double s2 = share * share;
		return Math.sqrt(n1 * n2) * s2 / Math.sqrt((1 + (n1 - 1) * s2) * (1 + (n2 - 1) * s2));
	}

	private void join(int point, Group group) {
		SparseVector v = this.vectors.get(point);
		double w = this.weights[point];
		for (int i = 0; i < v.size(); i++) {
			int term = v.term(i);
			double change = w * v.weight(i);
			boolean known = group.sum.containsKey(term);
			double old = group.sum.add(term, change);
			group.squaredNorm += (old + change) * (old + change) - old * old;
			if (!known) {
				posting(term).add(group.index);
			}
		}
		group.members.add(point);
		this.groupOf[point] = group.index;
	}

	private IntList posting(int term) {
		if (term >= this.postings.length) {
			this.postings = Arrays.copyOf(this.postings, Math.max(term + 1, this.postings.length * 2));
		}
		IntList posting = this.postings[term];
		if (posting == null) {
			posting = new IntList(2);
			this.postings[term] = posting;
		}
		return posting;
	}

	private Group newGroup() {
		Group group = new Group(this.groups.size());
		this.groups.add(group);
		if (group.index >= this.scores.length) {
			this.scores = Arrays.copyOf(this.scores, this.scores.length * 2);
			this.stamps = Arrays.copyOf(this.stamps, this.stamps.length * 2);
		}
		return group;
	}

	private void resetGroups() {
		this.groups = new ArrayList<>();
		this.postings = new IntList[this.postings.length];
		for (int point = 0; point < this.vectors.size(); point++) {
			if (this.groupOf[point] != -2) {
				this.groupOf[point] = -1;
			}
		}
	}

	private void startScoring() {
		this.stamp++;
		this.touched.clear();
	}

	private void score(int group, double value) {
		if (this.stamps[group] != this.stamp) {
			this.stamps[group] = this.stamp;
			this.scores[group] = 0;
			this.touched.add(group);
		}
		this.scores[group] += value;
	}

	/** The {@code n} touched groups with the highest score divided by the centroid's length, best first. */
	private int[] topTouched(int n) {
		int[] top = new int[n];
		double[] topKeys = new double[n];
		int size = 0;
		for (int k = 0; k < this.touched.size(); k++) {
			int g = this.touched.get(k);
			double norm = this.groups.get(g).squaredNorm;
			double key = (norm > 0) ? this.scores[g] / Math.sqrt(norm) : 0;
			if (size == n && key <= topKeys[n - 1]) {
				continue;
			}
			int at = (size < n) ? size++ : n - 1;
			while (at > 0 && topKeys[at - 1] < key) {
				top[at] = top[at - 1];
				topKeys[at] = topKeys[at - 1];
				at--;
			}
			top[at] = g;
			topKeys[at] = key;
		}
		return Arrays.copyOf(top, size);
	}

}
