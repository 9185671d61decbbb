package dev.kotae.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import dev.kotae.kb.csv.FaqCsv;
import dev.kotae.kb.demo.DemoKnowledgeBase;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Load generator for a running Kotae: N concurrent widget conversations, each started like the widget
 * starts one and then sending the demo knowledge base's questions (and their phrasings) one after
 * another, as fast as the answers come; a user the bot hands to a person starts a new conversation
 * (they would wait for the person, not keep asking the bot). Conversations are spread over the given nodes round-robin.
 * It prints throughput and the p50/p95/p99/max latency of the message calls (each one stores the
 * user's message and returns the bot's answer), then reads every conversation's transcript back and
 * checks that every acknowledged (201) message is stored.
 * <pre>
 * java -cp bench/target/kotae-bench.jar dev.kotae.bench.load.LoadGenerator \
 *     --url http://127.0.0.1:8080 [--url http://127.0.0.1:8081] \
 *     --conversations 32 --duration 60s --warmup 10s --site demo [--fresh 0.3]
 * </pre>
 * With {@code --fresh F}, that share of the messages get a random order number appended, so that they
 * are texts the server has never seen (its answer cache cannot help with them); by default every
 * message is one of the demo knowledge base's own phrasings, which repeat.
 * The server must not rate-limit the load (start it with {@code KOTAE_RATE_LIMIT_ENABLED=false} or
 * {@code --kotae.web.rate-limit.enabled=false}).
 */
public final class LoadGenerator {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final List<URI> nodes;

	private final int conversations;

	private final Duration duration;

	private final Duration warmup;

	private final String site;

	/** The share of messages made unique (never seen before), so that no cache can answer them. */
	private final double fresh;

	private final List<Question> questions;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.executor(Executors.newVirtualThreadPerTaskExecutor())
		.build();

	private final ConcurrentLinkedQueue<long[]> latencies = new ConcurrentLinkedQueue<>();

	private final ConcurrentLinkedQueue<Sent> acknowledged = new ConcurrentLinkedQueue<>();

	private final AtomicLong errors = new AtomicLong();

	private final Map<String, AtomicLong> errorKinds = new java.util.concurrent.ConcurrentHashMap<>();

	/** The bot's replies measured, by kind (answer, choices, escalate…). */
	private final Map<String, AtomicLong> replies = new java.util.concurrent.ConcurrentSkipListMap<>();

	private volatile boolean measuring;

	private volatile boolean stopping;

	LoadGenerator(List<URI> nodes, int conversations, Duration duration, Duration warmup, String site,
			double fresh) {
		this.nodes = nodes;
		this.conversations = conversations;
		this.duration = duration;
		this.warmup = warmup;
		this.site = site;
		this.fresh = fresh;
		this.questions = demoQuestions();
	}

	public static void main(String[] args) throws Exception {
		Map<String, List<String>> options = options(args);
		List<URI> nodes = options.getOrDefault("url", List.of("http://127.0.0.1:8080"))
			.stream()
			.map((u) -> URI.create(u.endsWith("/") ? u.substring(0, u.length() - 1) : u))
			.toList();
		LoadGenerator generator = new LoadGenerator(nodes, Integer.parseInt(one(options, "conversations", "32")),
				duration(one(options, "duration", "60s")), duration(one(options, "warmup", "10s")),
				one(options, "site", "demo"), Double.parseDouble(one(options, "fresh", "0")));
		Result result = generator.run();
		System.out.println(result.report());
		System.out.printf(Locale.ROOT, "  messages made unique (--fresh): %.0f %%%n", generator.fresh * 100);
		System.out.println("  replies by kind: " + generator.replies);
		System.exit(result.ok() ? 0 : 1);
	}

	/** One question of the demo knowledge base, in its language. */
	record Question(String locale, String text) {
	}

	/** A message the server acknowledged with 201, to be found in the transcript afterwards. */
	record Sent(URI node, String conversationId, String token, long messageId) {
	}

	/** What a run measured. */
	record Result(int conversations, int nodes, Duration measured, long messages, double perSecond, double p50,
			double p95, double p99, double max, long errors, Map<String, AtomicLong> errorKinds, long acknowledged,
			long missing) {

		boolean ok() {
			return this.missing == 0;
		}

		String report() {
			return String.format(Locale.ROOT, """
					Kotae load: %d conversations on %d node(s), measured %d s after warm-up
					  messages answered: %d  (%.1f messages/s)
					  latency ms: p50 %.2f  p95 %.2f  p99 %.2f  max %.2f
					  errors: %d %s
					  acknowledged messages checked in transcripts: %d, missing: %d""", this.conversations, this.nodes,
					this.measured.toSeconds(), this.messages, this.perSecond, this.p50, this.p95, this.p99, this.max,
					this.errors, this.errorKinds.isEmpty() ? "" : this.errorKinds, this.acknowledged, this.missing);
		}

	}

	Result run() throws Exception {
		List<Thread> users = new ArrayList<>();
		for (int i = 0; i < this.conversations; i++) {
			URI node = this.nodes.get(i % this.nodes.size());
			users.add(Thread.ofVirtual().name("user-" + i).start(() -> converse(node)));
		}
		Thread.sleep(this.warmup.toMillis());
		this.measuring = true;
		long start = System.nanoTime();
		Thread.sleep(this.duration.toMillis());
		this.measuring = false;
		long elapsed = System.nanoTime() - start;
		this.stopping = true;
		for (Thread user : users) {
			user.join(30_000);
		}
		long[] nanos = this.latencies.stream().mapToLong((l) -> l[0]).sorted().toArray();
		long missing = verify();
		return new Result(this.conversations, this.nodes.size(), Duration.ofNanos(elapsed), nanos.length,
				nanos.length / (elapsed / 1e9), percentile(nanos, 0.50), percentile(nanos, 0.95),
				percentile(nanos, 0.99), nanos.length == 0 ? 0 : nanos[nanos.length - 1] / 1e6, this.errors.get(),
				this.errorKinds, this.acknowledged.size(), missing);
	}

	/** One widget user: starts a conversation, then asks question after question until the run ends. */
	private void converse(URI node) {
		while (!this.stopping) {
			String conversationId;
			String token;
			Question first = pick();
			try {
				HttpResponse<String> started = send(node, "/api/v1/conversations", null,
						"{\"siteKey\":\"" + this.site + "\",\"locale\":\"" + first.locale() + "\"}");
				if (started.statusCode() != 201) {
					error("start " + started.statusCode());
					pause();
					continue;
				}
				JsonNode json = JSON.readTree(started.body());
				conversationId = json.get("id").asString();
				token = json.get("token").asString();
			}
			catch (IOException | RuntimeException ex) {
				error("start " + ex.getClass().getSimpleName());
				pause();
				continue;
			}
			// a conversation of up to 20 questions, then a new one (like new visitors)
			for (int i = 0; i < 20 && !this.stopping; i++) {
				Question question = (i == 0) ? first : pick(first.locale());
				String text = question.text();
				if (ThreadLocalRandom.current().nextDouble() < this.fresh) {
					// like a user who adds their order number: the same question, a text never seen before
					text += " #" + (100_000_000 + ThreadLocalRandom.current().nextInt(900_000_000));
				}
				String body = "{\"clientMessageId\":\"" + UUID.randomUUID() + "\",\"text\":" + quote(text) + "}";
				long sent = System.nanoTime();
				try {
					HttpResponse<String> response = send(node, "/api/v1/conversations/" + conversationId + "/messages",
							token, body);
					long took = System.nanoTime() - sent;
					if (response.statusCode() == 201) {
						JsonNode exchange = JSON.readTree(response.body());
						long id = exchange.get("message").get("id").asLong();
						this.acknowledged.add(new Sent(node, conversationId, token, id));
						String kind = exchange.path("reply").path("kind").asString("none");
						if (this.measuring) {
							this.latencies.add(new long[] { took });
							this.replies.computeIfAbsent(kind, (k) -> new AtomicLong()).incrementAndGet();
						}
						if (kind.equals("escalate")) {
							break; // handed to a person: this user stops asking the bot
						}
					}
					else {
						error("message " + response.statusCode());
					}
				}
				catch (IOException | RuntimeException ex) {
					error("message " + ex.getClass().getSimpleName());
					pause();
				}
			}
		}
	}

	/**
	 * Reads each conversation back and counts acknowledged messages not stored. It asks the node that
	 * took the conversation first, then the others (they share the database), retrying for up to a
	 * minute while nodes restart; a conversation it cannot read at all counts all its messages missing.
	 */
	private long verify() throws Exception {
		Map<String, List<Sent>> byConversation = new LinkedHashMap<>();
		for (Sent sent : this.acknowledged) {
			byConversation.computeIfAbsent(sent.conversationId(), (k) -> new ArrayList<>()).add(sent);
		}
		AtomicLong missing = new AtomicLong();
		try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
			for (List<Sent> sents : byConversation.values()) {
				pool.execute(() -> {
					Set<Long> stored = transcript(sents.get(0));
					sents.stream().filter((s) -> !stored.contains(s.messageId())).forEach((s) -> missing.incrementAndGet());
				});
			}
		}
		return missing.get();
	}

	private Set<Long> transcript(Sent any) {
		List<URI> order = new ArrayList<>(List.of(any.node()));
		this.nodes.stream().filter((n) -> !n.equals(any.node())).forEach(order::add);
		long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
		while (true) {
			for (URI node : order) {
				try {
					return transcript(node, any);
				}
				catch (IOException | RuntimeException ex) {
					// this node is down or restarting: another one, or again later
				}
			}
			if (System.nanoTime() > deadline) {
				error("verify unreachable");
				return Set.of();
			}
			pause();
		}
	}

	private Set<Long> transcript(URI node, Sent any) throws IOException {
		Set<Long> stored = new HashSet<>();
		long after = 0;
		while (true) {
			HttpResponse<String> page;
			try {
				page = this.http.send(HttpRequest
					.newBuilder(node.resolve("/api/v1/conversations/" + any.conversationId() + "/messages?after=" + after))
					.header("Authorization", "Bearer " + any.token())
					.header("Origin", node.toString())
					.timeout(Duration.ofSeconds(30))
					.GET()
					.build(), BodyHandlers.ofString());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException(ex);
			}
			if (page.statusCode() != 200) {
				throw new IOException("HTTP " + page.statusCode());
			}
			JsonNode messages = JSON.readTree(page.body()).get("messages");
			if (messages == null || messages.isEmpty()) {
				return stored;
			}
			for (JsonNode message : messages) {
				stored.add(message.get("id").asLong());
				after = Math.max(after, message.get("id").asLong());
			}
		}
	}

	private HttpResponse<String> send(URI node, String path, String token, String body)
			throws IOException {
		HttpRequest.Builder request = HttpRequest.newBuilder(node.resolve(path))
			.header("Content-Type", "application/json")
			.header("Origin", node.toString())
			.timeout(Duration.ofSeconds(30))
			.POST(BodyPublishers.ofString(body));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		try {
			return this.http.send(request.build(), BodyHandlers.ofString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
	}

	private void error(String kind) {
		this.errors.incrementAndGet();
		this.errorKinds.computeIfAbsent(kind, (k) -> new AtomicLong()).incrementAndGet();
	}

	private static void pause() {
		try {
			Thread.sleep(100);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private Question pick() {
		return this.questions.get(ThreadLocalRandom.current().nextInt(this.questions.size()));
	}

	private Question pick(String locale) {
		Question q;
		do {
			q = pick();
		}
		while (!q.locale().equals(locale));
		return q;
	}

	/** The demo knowledge base's questions and alternative phrasings, Japanese and English. */
	static List<Question> demoQuestions() {
		List<Question> questions = new ArrayList<>();
		for (String file : DemoKnowledgeBase.FAQ_FILES) {
			try (InputStream in = DemoKnowledgeBase.class.getClassLoader().getResourceAsStream(file)) {
				for (FaqCsv.Row row : FaqCsv.read(in)) {
					String locale = row.draft().locale();
					questions.add(new Question(locale, row.draft().question()));
					row.draft().alternativeQuestions().forEach((q) -> questions.add(new Question(locale, q)));
				}
			}
			catch (IOException ex) {
				throw new IllegalStateException("Cannot read " + file, ex);
			}
		}
		return questions;
	}

	private static double percentile(long[] sorted, double p) {
		if (sorted.length == 0) {
			return 0;
		}
		int index = (int) Math.ceil(p * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
	}

	private static String quote(String text) {
		StringBuilder out = new StringBuilder("\"");
		for (char c : text.toCharArray()) {
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		return out.append('"').toString();
	}

	private static Map<String, List<String>> options(String[] args) {
		Map<String, List<String>> options = new LinkedHashMap<>();
		for (int i = 0; i < args.length; i++) {
			if (!args[i].startsWith("--") || i + 1 >= args.length) {
				throw new IllegalArgumentException("Usage: --url URL [--url URL …] --conversations N --duration 60s "
						+ "--warmup 10s --site KEY [--fresh 0.3]; bad argument: " + Arrays.toString(args));
			}
			options.computeIfAbsent(args[i].substring(2), (k) -> new ArrayList<>()).add(args[++i]);
		}
		return options;
	}

	private static String one(Map<String, List<String>> options, String name, String otherwise) {
		List<String> values = options.get(name);
		return (values == null) ? otherwise : values.get(values.size() - 1);
	}

	private static Duration duration(String text) {
		String t = text.strip().toLowerCase(Locale.ROOT);
		if (t.endsWith("ms")) {
			return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
		}
		if (t.endsWith("s")) {
			return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
		}
		if (t.endsWith("m")) {
			return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
		}
		return Duration.ofSeconds(Long.parseLong(t));
	}

}
