package dev.kotae.bot.unanswered;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.kotae.bot.unanswered.CentroidIndex.Group;
import dev.kotae.bot.unanswered.Cluster.Trend;
import dev.kotae.kb.faq.Language;

/**
 * The clustering of unanswered questions, kept in memory between refreshes.
 * <ol>
 * <li>Questions that are the same after {@link QuestionTerms#key normalisation} (per language, as
 * {@link Language#detect} sees it) collapse into one point that counts them; a point weighs
 * {@code 1 + ln(count)} in its cluster's centroid.</li>
 * <li>Each language's points get {@link TfIdf} vectors and are clustered by a {@link CentroidIndex}.</li>
 * <li>A cluster's id is the hash of its anchor question. A full recompute gives a new cluster the
 * id of the largest earlier cluster whose anchor it contains, else it anchors it at its most
 * central question; a cluster started by an incremental addition is anchored at that question.</li>
 * </ol>
 * Questions whose key is handled (turned into FAQ phrases, or dismissed) are left out. Not
 * thread-safe: {@link UnansweredQuestions} serialises access.
 */
final class QuestionClusters {

	/** How many sample questions a cluster shows. */
	static final int SAMPLES = 5;

	private static final Duration WEEK = Duration.ofDays(7);

	/** The order clusters are listed in: real clusters by size, then singletons, most recent first. */
	static final Comparator<Cluster> ORDER = Comparator.comparing(Cluster::singleton)
		.thenComparing(Comparator.comparingInt(Cluster::size).reversed())
		.thenComparing(Comparator.comparing(Cluster::lastSeen).reversed())
		.thenComparing(Cluster::id);

	private final double similarity;

	private final double mergeSimilarity;

	private final Map<Language, Space> spaces = new EnumMap<>(Language.class);

	/** Points by {@link #fullKey}. */
	private final Map<String, Point> points = new HashMap<>();

	/** Live clusters by id. */
	private final Map<String, Located> clusters = new HashMap<>();

	/** Message ids already taken in (so a question read twice counts once). */
	private final Set<Long> seen = new HashSet<>();

	/** {@link #fullKey}s of handled questions. */
	private final Set<String> handled = new HashSet<>();

	QuestionClusters(double similarity, double mergeSimilarity) {
		this.similarity = similarity;
		this.mergeSimilarity = mergeSimilarity;
	}

	/** One language's vectors and clusters. */
	private record Space(Language locale, TfIdf tfIdf, CentroidIndex index, List<Point> points) {
	}

	/** A cluster and the language it lives in. */
	private record Located(Space space, Group group) {
	}

	/** One distinct question: its first wording and when it was asked. */
	private static final class Point {

		final String fullKey;

		final String text;

		long[] askedAt = new long[1];

		int count;

		int index = -1;

		Point(String fullKey, String text) {
			this.fullKey = fullKey;
			this.text = text;
		}

		void asked(Instant at) {
			if (this.count == this.askedAt.length) {
				this.askedAt = Arrays.copyOf(this.askedAt, this.count * 2);
			}
			this.askedAt[this.count++] = at.toEpochMilli();
		}

		double weight() {
			return 1 + Math.log(this.count);
		}

	}

	/**
	 * A distinct question of a cluster.
	 *
	 * @param locale its language
	 * @param key its normalised form
	 * @param text its wording as first asked
	 * @param count how often it was asked
	 */
	record Member(Language locale, String key, String text, int count) {
	}

	/**
	 * The question a cluster's id is derived from.
	 *
	 * @param id the cluster's id
	 * @param fullKey the anchor question's {@link #fullKey}
	 * @param distinctQuestions the cluster's distinct questions (the largest cluster inherits an id first)
	 */
	record Anchor(String id, String fullKey, int distinctQuestions) {
	}

	/**
	 * A cluster with what a snapshot of it keeps.
	 *
	 * @param cluster as {@link #clusters} lists it
	 * @param anchor the {@link #fullKey} of the question its id is derived from
	 * @param members its distinct questions, as {@link #members} gives them
	 */
	record Listed(Cluster cluster, String anchor, List<Member> members) {
	}

	/** Clusters {@code questions} from scratch, leaving out the handled keys; ids carry over where they can. */
	void rebuild(Collection<LoggedQuestion> questions, Collection<String> handledKeys) {
		rebuild(questions, handledKeys, anchors());
	}

	/**
	 * Clusters {@code questions} from scratch, leaving out the handled keys; a cluster that holds one
	 * of the {@code earlier} anchors (of this clustering, or of one computed elsewhere) keeps its id.
	 */
	void rebuild(Collection<LoggedQuestion> questions, Collection<String> handledKeys, Collection<Anchor> earlier) {
		Map<String, Integer> previousAnchors = new HashMap<>();
		Map<String, String> previousIds = new HashMap<>();
		for (Anchor anchor : earlier) {
			previousAnchors.put(anchor.fullKey(), anchor.distinctQuestions());
			previousIds.put(anchor.fullKey(), anchor.id());
		}
		this.spaces.clear();
		this.points.clear();
		this.clusters.clear();
		this.seen.clear();
		this.handled.clear();
		this.handled.addAll(handledKeys);
		Map<Language, Map<String, Point>> byLocale = new EnumMap<>(Language.class);
		for (LoggedQuestion question : questions) {
			if (!this.seen.add(question.messageId())) {
				continue;
			}
			Language locale = Language.detect(question.text());
			String key = QuestionTerms.key(question.text());
			String fullKey = fullKey(locale, key);
			if (key.isEmpty() || this.handled.contains(fullKey)) {
				continue;
			}
			byLocale.computeIfAbsent(locale, (l) -> new HashMap<>())
				.computeIfAbsent(fullKey, (k) -> new Point(k, oneLine(question.text())))
				.asked(question.createdAt());
		}
		for (Map.Entry<Language, Map<String, Point>> entry : byLocale.entrySet()) {
			Language locale = entry.getKey();
			List<Point> sorted = new ArrayList<>(entry.getValue().values());
			sorted.sort(Comparator.comparing((Point p) -> p.fullKey));
			List<Map<String, Integer>> terms = sorted.parallelStream()
				.map((p) -> QuestionTerms.of(keyOf(p.fullKey), locale))
				.toList();
			List<Point> kept = new ArrayList<>();
			List<Map<String, Integer>> keptTerms = new ArrayList<>();
			for (int i = 0; i < sorted.size(); i++) {
				if (!terms.get(i).isEmpty()) {
					kept.add(sorted.get(i));
					keptTerms.add(terms.get(i));
				}
			}
			Space space = new Space(locale, TfIdf.fit(keptTerms),
					new CentroidIndex(this.similarity, this.mergeSimilarity), new ArrayList<>());
			for (int i = 0; i < kept.size(); i++) {
				Point point = kept.get(i);
				point.index = space.index().addPoint(space.tfIdf().vector(keptTerms.get(i)), point.weight());
				space.points().add(point);
				this.points.put(point.fullKey, point);
			}
			space.index().build();
			this.spaces.put(locale, space);
			nameClusters(space, previousAnchors, previousIds);
		}
	}

	/** Adds newly logged questions to the nearest clusters, or to new ones. */
	void add(Collection<LoggedQuestion> questions) {
		for (LoggedQuestion question : questions) {
			if (!this.seen.add(question.messageId())) {
				continue;
			}
			Language locale = Language.detect(question.text());
			String key = QuestionTerms.key(question.text());
			String fullKey = fullKey(locale, key);
			if (key.isEmpty() || this.handled.contains(fullKey)) {
				continue;
			}
			Point point = this.points.get(fullKey);
			if (point != null) {
				point.asked(question.createdAt());
				this.spaces.get(locale).index().reweigh(point.index, point.weight());
				continue;
			}
			Map<String, Integer> terms = QuestionTerms.of(key, locale);
			if (terms.isEmpty()) {
				continue;
			}
			Space space = this.spaces.computeIfAbsent(locale, (l) -> new Space(l, TfIdf.fit(List.of()),
					new CentroidIndex(this.similarity, this.mergeSimilarity), new ArrayList<>()));
			point = new Point(fullKey, oneLine(question.text()));
			point.asked(question.createdAt());
			point.index = space.index().addPoint(space.tfIdf().vector(terms), point.weight());
			space.points().add(point);
			this.points.put(fullKey, point);
			Group group = space.index().place(point.index);
			if (group.id == null) {
				name(space, group, point.index);
			}
		}
	}

	/** Leaves out questions handled elsewhere (e.g. on another node) from now on. */
	void handled(Collection<String> fullKeys) {
		for (String fullKey : fullKeys) {
			if (!this.handled.add(fullKey)) {
				continue;
			}
			Point point = this.points.remove(fullKey);
			if (point != null) {
				Space space = this.spaces.get(localeOf(fullKey));
				Group group = space.index().groupOf(point.index);
				space.index().removePoint(point.index);
				if (group != null && !group.isLive()) {
					this.clusters.remove(group.id);
				}
			}
		}
	}

	/** Removes a cluster for good: its questions count as handled from now on. */
	void remove(String id) {
		Located located = this.clusters.remove(id);
		if (located == null) {
			return;
		}
		for (Member member : members(located)) {
			String fullKey = fullKey(member.locale(), member.key());
			this.handled.add(fullKey);
			this.points.remove(fullKey);
		}
		located.space().index().removeGroup(located.group());
	}

	/** The distinct questions of a cluster, its most central first, then the most asked. */
	Optional<List<Member>> members(String id) {
		return Optional.ofNullable(this.clusters.get(id)).map(this::members);
	}

	/**
	 * Every cluster (of one language, or all when {@code locale} is {@code null}): real clusters by
	 * size, then singletons (a question asked once), most recent first.
	 */
	List<Cluster> clusters(Language locale, Instant now) {
		List<Cluster> result = new ArrayList<>();
		for (Located located : this.clusters.values()) {
			if (locale == null || located.space().locale() == locale) {
				result.add(cluster(located, members(located), now));
			}
		}
		result.sort(ORDER);
		return result;
	}

	/** Every cluster with its anchor and distinct questions, in the order of {@link #clusters}. */
	List<Listed> listed(Instant now) {
		List<Listed> result = new ArrayList<>();
		for (Located located : this.clusters.values()) {
			List<Member> members = members(located);
			result.add(new Listed(cluster(located, members, now), anchorKey(located), members));
		}
		result.sort(Comparator.comparing(Listed::cluster, ORDER));
		return result;
	}

	/** The anchors of the clusters, for a later {@link #rebuild} to keep their ids. */
	List<Anchor> anchors() {
		return this.clusters.values()
			.stream()
			.map((c) -> new Anchor(c.group().id, anchorKey(c), c.group().members.size()))
			.toList();
	}

	/** How many distinct questions are clustered. */
	int distinctQuestions() {
		return this.points.size();
	}

	private Cluster cluster(Located located, List<Member> members, Instant now) {
		long first = Long.MAX_VALUE;
		long last = Long.MIN_VALUE;
		int size = 0;
		int lastWeek = 0;
		int weekBefore = 0;
		long weekAgo = now.minus(WEEK).toEpochMilli();
		long twoWeeksAgo = now.minus(WEEK.multipliedBy(2)).toEpochMilli();
		Group group = located.group();
		for (int k = 0; k < group.members.size(); k++) {
			Point point = located.space().points().get(group.members.get(k));
			size += point.count;
			for (int i = 0; i < point.count; i++) {
				long at = point.askedAt[i];
				first = Math.min(first, at);
				last = Math.max(last, at);
				if (at > weekAgo) {
					lastWeek++;
				}
				else if (at > twoWeeksAgo) {
					weekBefore++;
				}
			}
		}
		List<String> samples = members.stream().limit(SAMPLES).map(Member::text).toList();
		return new Cluster(group.id, located.space().locale(), size, members.size(), members.get(0).text(), samples,
				Instant.ofEpochMilli(first), Instant.ofEpochMilli(last), new Trend(lastWeek, weekBefore), null);
	}

	private List<Member> members(Located located) {
		Space space = located.space();
		int[] points = located.group().members.toArray();
		double[] centrality = centrality(located);
		int medoid = medoid(space, points, centrality);
		Integer[] order = new Integer[points.length];
		for (int i = 0; i < order.length; i++) {
			order[i] = i;
		}
		Arrays.sort(order, Comparator.comparing((Integer i) -> i != medoid)
			.thenComparing(Comparator.comparingInt((Integer i) -> space.points().get(points[i]).count).reversed())
			.thenComparing(Comparator.comparingDouble((Integer i) -> centrality[i]).reversed())
			.thenComparing((i) -> space.points().get(points[i]).fullKey));
		List<Member> members = new ArrayList<>(points.length);
		for (int i : order) {
			Point point = space.points().get(points[i]);
			members.add(new Member(space.locale(), keyOf(point.fullKey), point.text, point.count));
		}
		return members;
	}

	/** The cosine of each member (in member order) with the cluster's centroid. */
	private static double[] centrality(Located located) {
		Group group = located.group();
		double[] centrality = new double[group.members.size()];
		for (int i = 0; i < centrality.length; i++) {
			centrality[i] = located.space().index().cosine(group.members.get(i), group);
		}
		return centrality;
	}

	/**
	 * The position of the most central member: closest to the centroid, then the most asked, then the
	 * first key (so the choice does not depend on the order of the members).
	 */
	private static int medoid(Space space, int[] points, double[] centrality) {
		int best = 0;
		for (int i = 1; i < points.length; i++) {
			double difference = centrality[i] - centrality[best];
			Point candidate = space.points().get(points[i]);
			Point current = space.points().get(points[best]);
			boolean better = (Math.abs(difference) > 1e-9) ? difference > 0
					: (candidate.count != current.count) ? candidate.count > current.count
							: candidate.fullKey.compareTo(current.fullKey) < 0;
			if (better) {
				best = i;
			}
		}
		return best;
	}

	/** Names the clusters of a rebuilt space: the largest first, each inheriting an earlier id where it can. */
	private void nameClusters(Space space, Map<String, Integer> previousAnchors, Map<String, String> previousIds) {
		List<Group> groups = new ArrayList<>(space.index().groups());
		groups.sort(Comparator.comparingInt((Group g) -> -g.members.size()).thenComparingInt((g) -> g.index));
		for (Group group : groups) {
			int inherited = -1;
			int inheritedSize = -1;
			for (int k = 0; k < group.members.size(); k++) {
				int point = group.members.get(k);
				String fullKey = space.points().get(point).fullKey;
				Integer size = previousAnchors.get(fullKey);
				if (size != null && (size > inheritedSize || (size == inheritedSize
						&& fullKey.compareTo(space.points().get(inherited).fullKey) < 0))) {
					inherited = point;
					inheritedSize = size;
				}
			}
			if (inherited >= 0) {
				String fullKey = space.points().get(inherited).fullKey;
				group.id = previousIds.get(fullKey);
				group.anchor = inherited;
				previousAnchors.remove(fullKey);
				this.clusters.put(group.id, new Located(space, group));
			}
			else {
				int[] points = group.members.toArray();
				name(space, group, points[medoid(space, points, centrality(new Located(space, group)))]);
			}
		}
	}

	private void name(Space space, Group group, int anchor) {
		String fullKey = space.points().get(anchor).fullKey;
		String id = hash(fullKey);
		for (int n = 2; this.clusters.containsKey(id); n++) {
			id = hash(fullKey + "\n" + n);
		}
		group.id = id;
		group.anchor = anchor;
		this.clusters.put(id, new Located(space, group));
	}

	private static String anchorKey(Located located) {
		return located.space().points().get(located.group().anchor).fullKey;
	}

	/** The key of a question together with its language, as the handled table stores the pair. */
	static String fullKey(Language locale, String key) {
		return locale.code() + "\n" + key;
	}

	private static String keyOf(String fullKey) {
		return fullKey.substring(fullKey.indexOf('\n') + 1);
	}

	private static Language localeOf(String fullKey) {
		return Language.parse(fullKey.substring(0, fullKey.indexOf('\n'))).orElseThrow();
	}

	/** A question on one line, as FAQ phrases must be. */
	static String oneLine(String text) {
		return text.strip().replaceAll("\\s+", " ");
	}

	/** The first 16 hex digits of the SHA-256 of a text. */
	static String hash(String text) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			StringBuilder hex = new StringBuilder(16);
			for (int i = 0; i < 8; i++) {
				hex.append(String.format("%02x", digest[i]));
			}
			return hex.toString();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Used by tests: the clusters by id, in their natural order. */
	Map<String, List<Member>> snapshot() {
		Map<String, List<Member>> snapshot = new LinkedHashMap<>();
		clusters(null, Instant.EPOCH).forEach((c) -> snapshot.put(c.id(), members(c.id()).orElseThrow()));
		return snapshot;
	}

}
