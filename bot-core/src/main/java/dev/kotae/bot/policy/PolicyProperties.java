package dev.kotae.bot.policy;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code kotae.policy.*}: the thresholds of the answer policy, checked at start-up. The defaults
 * were chosen on the demo dev set (see docs/evaluation.md); {@code eval intents} prints the
 * precision/coverage trade-off to choose others.
 *
 * @param answerThreshold answer directly when the best FAQ's confidence reaches this
 * @param answerMargin ... and beats the runner-up by at least this much
 * @param choiceThreshold below this the bot does not guess: it escalates
 * @param maxChoices how many FAQs a "Did you mean…?" offers (2–5)
 * @param classifierWeight weight of the classifier's probability against the search score (0–1)
 * @param smalltalkThreshold probability a system intent (greeting, thanks…) needs to be acted on
 * @param agreementBonus added to the confidence of an FAQ that is both the classifier's and the
 * search's first choice (independent evidence agreeing)
 */
@Validated
@ConfigurationProperties("kotae.policy")
public record PolicyProperties(
		@DefaultValue("0.6") @DecimalMin("0.0") @DecimalMax("1.0") double answerThreshold,
		@DefaultValue("0.1") @DecimalMin("0.0") @DecimalMax("1.0") double answerMargin,
		@DefaultValue("0.2") @DecimalMin("0.0") @DecimalMax("1.0") double choiceThreshold,
		@DefaultValue("3") @Min(2) @Max(5) int maxChoices,
		@DefaultValue("0.5") @DecimalMin("0.0") @DecimalMax("1.0") double classifierWeight,
		@DefaultValue("0.5") @DecimalMin("0.0") @DecimalMax("1.0") double smalltalkThreshold,
		@DefaultValue("0.1") @DecimalMin("0.0") @DecimalMax("1.0") double agreementBonus) {

	public PolicyProperties {
		if (choiceThreshold > answerThreshold) {
			throw new IllegalArgumentException("kotae.policy.choice-threshold (" + choiceThreshold
					+ ") must not be above kotae.policy.answer-threshold (" + answerThreshold + ")");
		}
	}

	public PolicyProperties with(double newAnswerThreshold, double newAnswerMargin, double newChoiceThreshold,
			double newClassifierWeight, double newAgreementBonus) {
		return new PolicyProperties(newAnswerThreshold, newAnswerMargin, newChoiceThreshold, this.maxChoices,
				newClassifierWeight, this.smalltalkThreshold, newAgreementBonus);
	}

	/** The defaults, for code that runs without Spring (evaluation, tests). */
	public static PolicyProperties defaults() {
		return new PolicyProperties(0.6, 0.1, 0.2, 3, 0.5, 0.5, 0.1);
	}

}
