package dev.kotae.bot.unanswered;

import java.time.Duration;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code kotae.unanswered.*}: which questions count as unanswered and how similar questions must be to
 * share a cluster (see docs/unanswered.md).
 *
 * @param lowConfidence an answer below this confidence counts as unanswered
 * @param similarity how much of a question's TF-IDF vector must point the way of a cluster's topic for
 * it to join: the cosine it needs with the centroid is derived from this and the cluster's size (see
 * {@code CentroidIndex.expectedCosine}); two single questions need the square of it
 * @param mergeSimilarity the same share for merging two clusters (full recompute only)
 * @param lookback how far back a full recompute reads the message log
 * @param maxQuestionsPerAction at most this many distinct questions of a cluster become FAQ phrases or
 * out-of-scope phrases (the cluster's most typical first)
 * @param refreshPeriod how often the node holding the clustering lease takes in new questions and
 * writes the clusters for every node to list (it also does on each list request that reaches it)
 */
@Validated
@ConfigurationProperties("kotae.unanswered")
public record UnansweredProperties(
		@DefaultValue("0.5") @DecimalMin("0.0") @DecimalMax("1.0") double lowConfidence,
		@DefaultValue("0.45") @DecimalMin("0.05") @DecimalMax("1.0") double similarity,
		@DefaultValue("0.45") @DecimalMin("0.05") @DecimalMax("1.0") double mergeSimilarity,
		@DefaultValue("90d") Duration lookback,
		@DefaultValue("50") @Min(1) @Max(300) int maxQuestionsPerAction,
		@DefaultValue("1m") Duration refreshPeriod) {

	public UnansweredProperties {
		if (lookback == null || lookback.isNegative() || lookback.isZero()) {
			throw new IllegalArgumentException("kotae.unanswered.lookback must be positive, e.g. 90d");
		}
		if (refreshPeriod == null || refreshPeriod.toMillis() < 1) {
			throw new IllegalArgumentException("kotae.unanswered.refresh-period must be positive, e.g. 1m");
		}
	}

	/** The defaults, for code that runs without Spring (evaluation, tests). */
	public static UnansweredProperties defaults() {
		return new UnansweredProperties(0.5, 0.45, 0.45, Duration.ofDays(90), 50, Duration.ofMinutes(1));
	}

}
