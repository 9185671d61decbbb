package dev.kotae.bot.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.kotae.bot.nlu.IntentClassifier;
import dev.kotae.bot.nlu.IntentClassifierTrainer;
import dev.kotae.bot.nlu.IntentModel;
import dev.kotae.bot.nlu.Prediction;
import dev.kotae.bot.nlu.TrainingOptions;
import dev.kotae.bot.policy.AnswerEngine;
import dev.kotae.bot.policy.AnswerPolicy;
import dev.kotae.bot.policy.Decision;
import dev.kotae.bot.policy.Decision.Kind;
import dev.kotae.bot.policy.HumanRequestRules;
import dev.kotae.bot.policy.PolicyProperties;
import dev.kotae.kb.faq.Faq;
import dev.kotae.kb.faq.Language;
import dev.kotae.kb.search.FaqIndex;
import dev.kotae.kb.search.RetrievalMode;
import dev.kotae.kb.search.SearchHit;
import dev.kotae.kb.synonym.SynonymSet;

/**
 * End-to-end evaluation of the bot's decisions on an FAQ query set: trains the classifier from the
 * FAQs exactly as the application does (question + alternative questions + system intents), builds
 * the search index, and runs the answer policy on every query. In-scope queries should be answered
 * with an FAQ of grade 2 (or offered it among choices); out-of-scope queries should escalate.
 */
public final class AnswerEvaluation {

	private AnswerEvaluation() {
	}

	/** What the policy did with one set of thresholds. */
	public record Figures(PolicyProperties policy, int inScope, int outOfScope, int answered, int answeredRight,
			int choices, int choicesWithRight, int inScopeEscalated, int oosDeclined, int oosAnswered) {

		/** Of the answers given (to any query), the share that were right. */
		public double answerPrecision() {
			return (this.answered == 0) ? 0 : (double) this.answeredRight / this.answered;
		}

		/** The share of in-scope queries answered directly. */
		public double answerCoverage() {
			return (this.inScope == 0) ? 0 : (double) (this.answered - this.oosAnswered) / this.inScope;
		}

		/** The share of in-scope queries answered right or offered the right FAQ among choices. */
		public double resolvedRate() {
			return (this.inScope == 0) ? 0 : (double) (this.answeredRight + this.choicesWithRight) / this.inScope;
		}

		/** The share of out-of-scope queries not answered with an FAQ (escalated, or small talk). */
		public double oosDeclinedRate() {
			return (this.outOfScope == 0) ? 0 : (double) this.oosDeclined / this.outOfScope;
		}

	}

	/** A run: the figures at the given thresholds and over a grid of alternatives. */
	public record Report(Figures configured, List<Figures> sweep, double trainSeconds, double p50Ms, double p99Ms) {

		public String table() {
			StringBuilder out = new StringBuilder();
			out.append(String.format(Locale.ROOT, "Answer policy on %d in-scope and %d out-of-scope queries%n",
					this.configured.inScope(), this.configured.outOfScope()));
			out.append(header());
			out.append(row(this.configured, "  <= configured"));
			out.append(String.format(Locale.ROOT, "%nTrade-off: precision >= 0.90 and oos_decl >= 0.75 first, by resolved:%n"));
			out.append(header());
			this.sweep.stream().limit(15).forEach((f) -> out.append(row(f, "")));
			out.append(String.format(Locale.ROOT, "train %.1f s; classify+search+decide p50 %.3f ms, p99 %.3f ms%n",
					this.trainSeconds, this.p50Ms, this.p99Ms));
			return out.toString();
		}

		private static String header() {
			return String.format(Locale.ROOT, "%6s %6s %6s %6s %6s | %9s %9s %9s %9s%n", "weight", "bonus", "answer",
					"margin", "choice", "precision", "coverage", "resolved", "oos_decl");
		}

		private static String row(Figures f, String note) {
			PolicyProperties p = f.policy();
			return String.format(Locale.ROOT, "%6.2f %6.2f %6.2f %6.2f %6.2f | %9.4f %9.4f %9.4f %9.4f%s%n",
					p.classifierWeight(), p.agreementBonus(), p.answerThreshold(), p.answerMargin(), p.choiceThreshold(),
					f.answerPrecision(), f.answerCoverage(), f.resolvedRate(), f.oosDeclinedRate(), note);
		}

		public String json() {
			Figures f = this.configured;
			return String.format(Locale.ROOT,
					"{\"answer_precision\":%.4f,\"answer_coverage\":%.4f,\"resolved_rate\":%.4f,"
							+ "\"oos_declined_rate\":%.4f,\"in_scope\":%d,\"out_of_scope\":%d,\"train_seconds\":%.1f,"
							+ "\"p50_ms\":%.3f,\"p99_ms\":%.3f}",
					f.answerPrecision(), f.answerCoverage(), f.resolvedRate(), f.oosDeclinedRate(), f.inScope(),
					f.outOfScope(), this.trainSeconds, this.p50Ms, this.p99Ms);
		}

	}

	/** One query's inputs to the policy, computed once and re-decided for every threshold set. */
	private record Case(LabelledQuery query, Language language, Prediction prediction, OptionalDouble acceptThreshold,
			List<SearchHit> hits, boolean humanRequested) {
	}

	public static Report run(Collection<Faq> faqs, Collection<SynonymSet> synonyms, List<LabelledQuery> queries,
			PolicyProperties policy, TrainingOptions options) {
		List<Faq> published = faqs.stream().filter(Faq::isPublished).toList();
		Map<String, Faq> byId = published.stream().collect(Collectors.toMap(Faq::id, Function.identity()));
		long start = System.nanoTime();
		IntentClassifier classifier = new IntentClassifierTrainer(options).train(IntentModel.trainingExamples(published));
		double trainSeconds = (System.nanoTime() - start) / 1e9;
		Language fixed = FaqEvaluation.singleLocale(published);
		try (FaqIndex index = new FaqIndex(RetrievalMode.TUNED)) {
			index.setSynonyms(synonyms);
			index.rebuild(published);
			AnswerPolicy configuredPolicy = new AnswerPolicy(policy);
			queries.forEach((q) -> classifier.classify(q.text())); // warm-up
			List<Case> cases = new ArrayList<>();
			double[] millis = new double[queries.size()];
			for (int i = 0; i < queries.size(); i++) {
				LabelledQuery query = queries.get(i);
				Language language = FaqEvaluation.queryLocale(fixed, query);
				long t0 = System.nanoTime();
				Prediction prediction = classifier.classify(query.text());
				List<SearchHit> hits = index.search(query.text(), language, AnswerEngine.SEARCH_HITS);
				boolean human = HumanRequestRules.matches(query.text());
				configuredPolicy.decide(prediction, classifier.acceptThreshold(), hits, (id) -> eligible(byId, id, language), human);
				millis[i] = (System.nanoTime() - t0) / 1e6;
				cases.add(new Case(query, language, prediction, classifier.acceptThreshold(), hits, human));
			}
			Arrays.sort(millis);
			Figures configured = figures(policy, cases, byId);
			List<Figures> sweep = new ArrayList<>();
			for (double weight : new double[] { 0.5, 0.7, 0.9 }) {
				for (double bonus : new double[] { 0.0, 0.1, 0.2, 0.3 }) {
					for (double answer : new double[] { 0.4, 0.5, 0.6, 0.7 }) {
						for (double margin : new double[] { 0.0, 0.1 }) {
							for (double choice : new double[] { 0.1, 0.15, 0.2, 0.3 }) {
								if (choice <= answer) {
									sweep.add(figures(policy.with(answer, margin, choice, weight, bonus), cases, byId));
								}
							}
						}
					}
				}
			}
			sweep.sort(Comparator.comparingDouble(AnswerEvaluation::preference).reversed());
			return new Report(configured, sweep, trainSeconds, RetrievalMetrics.percentile(millis, 50),
					RetrievalMetrics.percentile(millis, 99));
		}
	}

	/** Precision of direct answers the operating point must keep. */
	static final double MIN_PRECISION = 0.9;

	/** Share of out-of-scope queries the operating point must decline. */
	static final double MIN_OOS_DECLINED = 0.75;

	/**
	 * How the trade-off table is ordered: points with answer precision ≥ {@value #MIN_PRECISION} and
	 * out-of-scope declined ≥ {@value #MIN_OOS_DECLINED} first, by resolved rate then coverage; the
	 * others after them, by the mean of the three rates.
	 */
	static double preference(Figures f) {
		boolean acceptable = f.answerPrecision() >= MIN_PRECISION && f.oosDeclinedRate() >= MIN_OOS_DECLINED;
		return acceptable ? 10 + f.resolvedRate() + 0.01 * f.answerCoverage()
				: (f.resolvedRate() + f.oosDeclinedRate() + f.answerPrecision()) / 3;
	}

	private static boolean eligible(Map<String, Faq> byId, String id, Language language) {
		Faq faq = byId.get(id);
		return faq != null && faq.locale() == language;
	}

	private static Figures figures(PolicyProperties properties, List<Case> cases, Map<String, Faq> byId) {
		AnswerPolicy policy = new AnswerPolicy(properties);
		int inScope = 0, outOfScope = 0, answered = 0, answeredRight = 0, choices = 0, choicesWithRight = 0;
		int inScopeEscalated = 0, oosDeclined = 0, oosAnswered = 0;
		for (Case c : cases) {
			Decision d = policy.decide(c.prediction(), c.acceptThreshold(), c.hits(), (id) -> eligible(byId, id, c.language()),
					c.humanRequested());
			boolean in = c.query().inScope();
			if (in) {
				inScope++;
			}
			else {
				outOfScope++;
			}
			if (d.kind() == Kind.ANSWER) {
				answered++;
				if (in && c.query().relevant().getOrDefault(d.faqId(), 0) == c.query().bestGrade()) {
					answeredRight++;
				}
				if (!in) {
					oosAnswered++;
				}
			}
			else if (d.kind() == Kind.CHOICES) {
				choices++;
				if (in && d.choices().stream().anyMatch((ch) -> c.query().relevant().getOrDefault(ch.faqId(), 0) == c.query().bestGrade())) {
					choicesWithRight++;
				}
			}
			else if (d.kind() == Kind.ESCALATE || d.kind() == Kind.SMALLTALK) {
				if (in) {
					inScopeEscalated++;
				}
				else {
					oosDeclined++;
				}
			}
		}
		return new Figures(properties, inScope, outOfScope, answered, answeredRight, choices, choicesWithRight,
				inScopeEscalated, oosDeclined, oosAnswered);
	}

}
