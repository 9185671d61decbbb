package dev.kotae.bot.eval;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.kotae.kb.csv.FaqCsv;
import dev.kotae.kb.demo.DemoKnowledgeBase;
import dev.kotae.kb.faq.Faq;
import dev.kotae.kb.faq.FaqRules;
import dev.kotae.kb.faq.FaqStatus;
import dev.kotae.kb.faq.KnowledgeBaseException;
import dev.kotae.kb.search.RetrievalMode;
import dev.kotae.kb.synonym.SynonymSet;

/**
 * The {@code eval} command line: {@code eval faq --faqs FAQS.csv --queries QUERIES.tsv
 * [--synonyms FILE|demo|none] [--baseline]}. Prints a table and, as its last line, one JSON object.
 */
public final class EvalCommand {

	static final String USAGE = """
			usage: kotae eval faq --faqs FAQS.csv --queries QUERIES.tsv [--synonyms FILE|demo|none] [--baseline]
			  --faqs      FAQ CSV (columns id,question,answer,locale,category[,alternative_questions,...])
			  --queries   TSV with header text<TAB>relevant, relevant = id:grade,... (empty = out of scope)
			  --synonyms  synonym sets, one 'locale: term, term' per line; 'demo' = the demo KB's (default: none)
			  --baseline  plain Lucene BM25 over question + answer (Kuromoji / English analyzer) for comparison""";

	private final PrintStream out;

	private final PrintStream err;

	public EvalCommand(PrintStream out, PrintStream err) {
		this.out = out;
		this.err = err;
	}

	public static void main(String[] args) {
		System.exit(new EvalCommand(System.out, System.err).run(args));
	}

	/** Runs the command; returns the process exit code (0 ok, 2 bad usage or input). */
	public int run(String... args) {
		if (args.length == 0 || !"faq".equals(args[0])) {
			this.err.println(USAGE);
			return 2;
		}
		Map<String, String> options;
		try {
			options = options(args);
		}
		catch (IllegalArgumentException ex) {
			this.err.println(ex.getMessage());
			this.err.println(USAGE);
			return 2;
		}
		if (!options.containsKey("--faqs") || !options.containsKey("--queries")) {
			this.err.println(USAGE);
			return 2;
		}
		try {
			List<Faq> faqs = readFaqs(Path.of(options.get("--faqs")));
			List<LabelledQuery> queries = LabelledQuery.read(Path.of(options.get("--queries")));
			List<SynonymSet> synonyms = synonyms(options.getOrDefault("--synonyms", "none"));
			RetrievalMode mode = options.containsKey("--baseline") ? RetrievalMode.BASELINE : RetrievalMode.TUNED;
			FaqEvaluation.Report report = FaqEvaluation.run(faqs, synonyms, queries, mode);
			this.out.print(report.table());
			this.out.println(report.json());
			return 0;
		}
		catch (NoSuchFileException ex) {
			this.err.println("eval: no such file: " + ex.getFile());
			return 2;
		}
		catch (IOException | KnowledgeBaseException ex) {
			this.err.println("eval: " + ex.getMessage());
			return 2;
		}
	}

	private static Map<String, String> options(String[] args) {
		Map<String, String> options = new HashMap<>();
		for (int i = 1; i < args.length; i++) {
			String name = args[i];
			switch (name) {
				case "--baseline" -> options.put(name, "true");
				case "--faqs", "--queries", "--synonyms" -> {
					if (i + 1 >= args.length) {
						throw new IllegalArgumentException(name + " needs a value");
					}
					options.put(name, args[++i]);
				}
				default -> throw new IllegalArgumentException("unknown option " + name);
			}
		}
		return options;
	}

	private List<Faq> readFaqs(Path file) throws IOException {
		List<FaqCsv.Row> rows;
		try (InputStream in = Files.newInputStream(file)) {
			rows = FaqCsv.read(in);
		}
		List<Faq> faqs = new ArrayList<>(rows.size());
		Instant now = Instant.now();
		for (FaqCsv.Row row : rows) {
			try {
				faqs.add(FaqRules.toFaq(row.draft(), FaqStatus.PUBLISHED, now, "eval"));
			}
			catch (KnowledgeBaseException ex) {
				this.err.println("eval: skipping line " + row.line() + " of " + file + ": " + ex.getMessage());
			}
		}
		return faqs;
	}

	private static List<SynonymSet> synonyms(String source) throws IOException {
		return switch (source) {
			case "none" -> List.of();
			case "demo" -> DemoKnowledgeBase.synonymSets();
			default -> DemoKnowledgeBase.parseSynonyms(Files.readString(Path.of(source), StandardCharsets.UTF_8));
		};
	}

}
