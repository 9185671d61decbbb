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

import dev.kotae.bot.nlu.IntentClassifierTrainer;
import dev.kotae.bot.nlu.StratifiedSplit;
import dev.kotae.bot.nlu.TrainingExample;
import dev.kotae.bot.nlu.TrainingOptions;
import dev.kotae.bot.nlu.IntentModel;
import dev.kotae.bot.policy.PolicyProperties;
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
 * [--synonyms FILE|demo|none] [--baseline]} and {@code eval intents --train TRAIN.tsv
 * (--test TEST.tsv | --holdout SHARE) [--val VAL.tsv] [--seed N] [--no-embeddings]}. Prints a table
 * and, as its last line, one JSON object.
 */
public final class EvalCommand {

	static final String USAGE = """
			usage: kotae eval faq --faqs FAQS.csv --queries QUERIES.tsv [--synonyms FILE|demo|none] [--baseline]
			       kotae eval answers --faqs FAQS.csv --queries QUERIES.tsv [--synonyms FILE|demo|none] [--no-embeddings]
			         (trains the classifier from the FAQs like the server and runs the answer policy on every query)
			  --faqs      FAQ CSV (columns id,question,answer,locale,category[,alternative_questions,...])
			  --queries   TSV with header text<TAB>relevant, relevant = id:grade,... (empty = out of scope)
			  --synonyms  synonym sets, one 'locale: term, term' per line; 'demo' = the demo KB's (default: none)
			  --baseline  plain Lucene BM25 over question + answer (Kuromoji / English analyzer) for comparison
			usage: kotae eval intents --train TRAIN.tsv (--test TEST.tsv | --holdout SHARE) [--val VAL.tsv] [--seed N] [--no-embeddings]
			  --train     TSV with header text<TAB>label (label oos = out of scope) to train on
			  --test      TSV of the same form to evaluate on
			  --holdout   instead of --test: evaluate on this stratified share of --train (e.g. 0.2), trained on the rest
			  --val       TSV to choose the rejection threshold on (default: 10 % of each training label held out)
			  --seed      seed of training and of the splits (default 42)
			  --no-embeddings  hashed text features only, without the sentence encoder""";

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
		if (args.length > 0 && "intents".equals(args[0])) {
			return runIntents(args);
		}
		if (args.length == 0 || !("faq".equals(args[0]) || "answers".equals(args[0]))) {
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
			if ("answers".equals(args[0])) {
				AnswerEvaluation.Report report = AnswerEvaluation.run(faqs, synonyms, queries, PolicyProperties.defaults(),
						IntentModel.trainingOptions(!options.containsKey("--no-embeddings"), faqs));
				this.out.print(report.table());
				this.out.println(report.json());
				return 0;
			}
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

	private int runIntents(String[] args) {
		Map<String, String> options;
		try {
			options = intentOptions(args);
		}
		catch (IllegalArgumentException ex) {
			this.err.println(ex.getMessage());
			this.err.println(USAGE);
			return 2;
		}
		if (!options.containsKey("--train") || (options.containsKey("--test") == options.containsKey("--holdout"))) {
			this.err.println("eval intents needs --train and one of --test, --holdout");
			this.err.println(USAGE);
			return 2;
		}
		TrainingOptions training = TrainingOptions.defaults();
		double holdout;
		try {
			training = training.withSeed(Long.parseLong(options.getOrDefault("--seed", Long.toString(training.seed()))));
			holdout = Double.parseDouble(options.getOrDefault("--holdout", "0"));
			if (!(holdout >= 0 && holdout < 1)) {
				throw new NumberFormatException("--holdout must be in [0, 1)");
			}
		}
		catch (NumberFormatException ex) {
			this.err.println("eval: " + ex.getMessage());
			return 2;
		}
		if (options.containsKey("--no-embeddings")) {
			training = training.withSentenceEmbeddings(false);
		}
		try {
			List<TrainingExample> train = IntentEvaluation.read(Path.of(options.get("--train")));
			List<TrainingExample> test;
			if (options.containsKey("--test")) {
				test = IntentEvaluation.read(Path.of(options.get("--test")));
			}
			else {
				StratifiedSplit split = StratifiedSplit.of(train, holdout, training.seed());
				train = split.kept();
				test = split.heldOut();
			}
			List<TrainingExample> validation = options.containsKey("--val")
					? IntentEvaluation.read(Path.of(options.get("--val"))) : List.of();
			IntentEvaluation.Report report = IntentEvaluation.run(new IntentClassifierTrainer(training), train,
					validation, test);
			this.out.print(report.table());
			this.out.println(report.json());
			return 0;
		}
		catch (IOException | IllegalArgumentException ex) {
			this.err.println("eval: " + ex.getMessage());
			return 2;
		}
	}

	private static Map<String, String> intentOptions(String[] args) {
		Map<String, String> options = new HashMap<>();
		for (int i = 1; i < args.length; i++) {
			String name = args[i];
			switch (name) {
				case "--no-embeddings" -> options.put(name, "true");
				case "--train", "--test", "--val", "--holdout", "--seed" -> {
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

	private static Map<String, String> options(String[] args) {
		Map<String, String> options = new HashMap<>();
		for (int i = 1; i < args.length; i++) {
			String name = args[i];
			switch (name) {
				case "--baseline", "--no-embeddings" -> options.put(name, "true");
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
