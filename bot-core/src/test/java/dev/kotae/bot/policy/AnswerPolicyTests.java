package dev.kotae.bot.policy;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;

import dev.kotae.bot.nlu.Prediction;
import dev.kotae.bot.nlu.ScoredIntent;
import dev.kotae.bot.nlu.SystemIntents;
import dev.kotae.bot.policy.Decision.Candidate;
import dev.kotae.bot.policy.Decision.EscalationReason;
import dev.kotae.bot.policy.Decision.Kind;
import dev.kotae.kb.faq.Language;
import dev.kotae.kb.search.SearchHit;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AnswerPolicyTests {

	private final AnswerPolicy policy = new AnswerPolicy(PolicyProperties.defaults());

	@Test
	void confidentAgreeingEvidenceAnswers() {
		Decision d = this.policy.decide(prediction("reset", 0.9, "change", 0.05), hits("reset", 20, "change", 5),
				(id) -> true, false);
		assertThat(d.kind()).isEqualTo(Kind.ANSWER);
		assertThat(d.faqId()).isEqualTo("reset");
		assertThat(d.confidence()).isGreaterThan(0.6);
		assertThat(d.candidates()).extracting(Candidate::faqId).startsWith("reset", "change");
	}

	@Test
	void closeCandidatesAreOfferedAsChoices() {
		Decision d = this.policy.decide(prediction("reset", 0.45, "change", 0.4, "delete", 0.1),
				hits("change", 10, "reset", 9, "delete", 2), (id) -> true, false);
		assertThat(d.kind()).isEqualTo(Kind.CHOICES);
		assertThat(d.choices()).extracting(Candidate::faqId).containsExactlyInAnyOrder("reset", "change");
		assertThat(d.candidates()).extracting(Candidate::faqId).contains("delete");
	}

	@Test
	void aCalibratedClassifierAnswersOnItsOwnThresholdWhereTheCombinedConfidenceWouldOfferChoices() {
		Prediction p = prediction("reset", 0.55, "change", 0.3, "oos", 0.1);
		List<SearchHit> hits = hits("change", 10, "reset", 9);
		assertThat(this.policy.decide(p, hits, (id) -> true, false).kind()).isEqualTo(Kind.CHOICES);

		Decision calibrated = this.policy.decide(p, OptionalDouble.of(0.5), hits, (id) -> true, false);
		assertThat(calibrated.kind()).isEqualTo(Kind.ANSWER);
		assertThat(calibrated.faqId()).isEqualTo("reset");
		assertThat(calibrated.confidence()).isEqualTo(0.55);
		// below its threshold, or an FAQ the conversation may not see: the combined rules decide
		assertThat(this.policy.decide(p, OptionalDouble.of(0.6), hits, (id) -> true, false).kind())
			.isEqualTo(Kind.CHOICES);
		assertThat(this.policy.decide(p, OptionalDouble.of(0.5), hits, (id) -> !id.equals("reset"), false).faqId())
			.isNotEqualTo("reset");
	}

	@Test
	void aCalibratedThresholdNeverOverridesOutOfScopeOrARequestForAPerson() {
		assertThat(this.policy.decide(prediction("oos", 0.7, "reset", 0.2), OptionalDouble.of(0.15), hits("reset", 9),
				(id) -> true, false).kind()).isNotEqualTo(Kind.ANSWER);
		assertThat(this.policy.decide(prediction("reset", 0.9), OptionalDouble.of(0.5), hits("reset", 9), (id) -> true,
				true).reason()).isEqualTo(EscalationReason.REQUESTED_HUMAN);
	}

	@Test
	void weakEvidenceEscalatesForLowConfidence() {
		Decision d = this.policy.decide(prediction("reset", 0.08, "change", 0.07, "oos", 0.05), hits("reset", 2),
				(id) -> true, false);
		assertThat(d.kind()).isEqualTo(Kind.ESCALATE);
		assertThat(d.reason()).isEqualTo(EscalationReason.LOW_CONFIDENCE);
	}

	@Test
	void outOfScopePredictionEscalatesAsOutOfScope() {
		Decision d = this.policy.decide(prediction("oos", 0.9, "reset", 0.05), hits("reset", 3), (id) -> true, false);
		assertThat(d.kind()).isEqualTo(Kind.ESCALATE);
		assertThat(d.reason()).isEqualTo(EscalationReason.OUT_OF_SCOPE);
	}

	@Test
	void searchCannotLiftAMessageTheClassifierFindsOutOfScope() {
		Decision d = this.policy.decide(prediction("oos", 0.95, "reset", 0.02), hits("reset", 30), (id) -> true, false);
		assertThat(d.kind()).isEqualTo(Kind.ESCALATE);
	}

	@Test
	void explicitRequestForAPersonAlwaysEscalates() {
		Decision byRule = this.policy.decide(prediction("reset", 0.99), hits("reset", 30), (id) -> true, true);
		assertThat(byRule.kind()).isEqualTo(Kind.ESCALATE);
		assertThat(byRule.reason()).isEqualTo(EscalationReason.REQUESTED_HUMAN);
		Decision byIntent = this.policy.decide(prediction(SystemIntents.HUMAN, 0.8, "reset", 0.1), hits("reset", 5),
				(id) -> true, false);
		assertThat(byIntent.reason()).isEqualTo(EscalationReason.REQUESTED_HUMAN);
	}

	@Test
	void frustrationEscalates() {
		Decision d = this.policy.decide(prediction(SystemIntents.COMPLAINT, 0.7, "reset", 0.1), hits(), (id) -> true,
				false);
		assertThat(d.kind()).isEqualTo(Kind.ESCALATE);
		assertThat(d.reason()).isEqualTo(EscalationReason.FRUSTRATION);
	}

	@Test
	void greetingsAreSmallTalk() {
		Decision d = this.policy.decide(prediction(SystemIntents.GREETING, 0.9, "reset", 0.02), hits("reset", 1),
				(id) -> true, false);
		assertThat(d.kind()).isEqualTo(Kind.SMALLTALK);
		assertThat(d.systemIntent()).isEqualTo(SystemIntents.GREETING);
	}

	@Test
	void ineligibleFaqsAreNeverOffered() {
		Set<String> allowed = Set.of("change");
		Decision d = this.policy.decide(prediction("reset", 0.9, "change", 0.05), hits("reset", 20, "change", 5),
				allowed::contains, false);
		assertThat(d.candidates()).extracting(Candidate::faqId).doesNotContain("reset");
		assertThat(d.faqId()).isNotEqualTo("reset");
		assertThat(d.choices()).extracting(Candidate::faqId).doesNotContain("reset");
	}

	@Test
	void withoutAModelSearchAloneDecidesCautiously() {
		Decision d = this.policy.decide(null, hits("reset", 20, "change", 2), (id) -> true, false);
		assertThat(d.kind()).isIn(Kind.ANSWER, Kind.CHOICES);
		assertThat(d.candidates().get(0).faqId()).isEqualTo("reset");
		Decision nothing = this.policy.decide(null, hits(), (id) -> true, false);
		assertThat(nothing.kind()).isEqualTo(Kind.ESCALATE);
		assertThat(nothing.reason()).isEqualTo(EscalationReason.LOW_CONFIDENCE);
	}

	@Test
	void confidencesStayInRange() {
		Decision d = this.policy.decide(prediction("reset", 1.0), hits("reset", 100), (id) -> true, false);
		assertThat(d.confidence()).isBetween(0.0, 1.0);
	}

	@Test
	void thresholdsAreValidatedTogether() {
		assertThatIllegalArgumentException().isThrownBy(() -> new PolicyProperties(0.3, 0.1, 0.5, 3, 0.5, 0.5, 0.1))
			.withMessageContaining("choice-threshold");
	}

	@Test
	void humanRequestRulesMatchExplicitRequestsOnly() {
		for (String yes : List.of("人と話したい", "担当者に代わってください", "オペレーターにつないで", "ｵﾍﾟﾚｰﾀｰと話したい",
				"I want to talk to a person", "can I speak with a human", "live agent please", "human")) {
			assertThat(HumanRequestRules.matches(yes)).as(yes).isTrue();
		}
		for (String no : List.of("パスワードを忘れた", "担当者を変更する方法", "How do I add a person to my team?",
				"agent roles and permissions", "human resources integration")) {
			assertThat(HumanRequestRules.matches(no)).as(no).isFalse();
		}
	}

	/** A prediction from label/probability pairs, in decreasing order. */
	private static Prediction prediction(Object... pairs) {
		ScoredIntent[] intents = new ScoredIntent[pairs.length / 2];
		for (int i = 0; i < pairs.length; i += 2) {
			intents[i / 2] = new ScoredIntent((String) pairs[i], ((Number) pairs[i + 1]).doubleValue());
		}
		return new Prediction(Arrays.asList(intents));
	}

	private static List<SearchHit> hits(Object... pairs) {
		SearchHit[] hits = new SearchHit[pairs.length / 2];
		for (int i = 0; i < pairs.length; i += 2) {
			hits[i / 2] = new SearchHit((String) pairs[i], Language.EN, "q", null, ((Number) pairs[i + 1]).floatValue());
		}
		return Arrays.asList(hits);
	}

}
