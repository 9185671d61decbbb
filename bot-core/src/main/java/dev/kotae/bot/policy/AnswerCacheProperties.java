package dev.kotae.bot.policy;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code kotae.answer-cache.*}: the bot's answers to messages it saw before, kept per node so that
 * a repeated question (support traffic repeats itself a lot) skips the classifier and the search.
 * An answer is only reused while the classifier, the search index and the published FAQs are the
 * ones it was worked out with.
 *
 * @param maxEntries how many distinct messages to remember; 0 turns the cache off
 * @param maxTextLength longer messages are not cached (they rarely repeat)
 */
@Validated
@ConfigurationProperties("kotae.answer-cache")
public record AnswerCacheProperties(@DefaultValue("10000") @Min(0) @Max(1_000_000) int maxEntries,
		@DefaultValue("200") @Min(1) @Max(10_000) int maxTextLength) {
}
