package dev.kotae.bot.nlu;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code kotae.nlu.*}.
 *
 * @param enabled train and use the intent classifier (without it the policy uses search alone)
 * @param modelDir where the trained model is kept between restarts
 * @param retrainDelay how long after the last knowledge-base change retraining starts (changes in
 * quick succession, like a CSV import, cause one retraining)
 * @param sentenceEmbeddings add the in-process sentence encoder's embeddings to the features
 */
@Validated
@ConfigurationProperties("kotae.nlu")
public record NluProperties(@DefaultValue("true") boolean enabled, @NotNull Path modelDir,
		@DefaultValue("2s") Duration retrainDelay, @DefaultValue("true") boolean sentenceEmbeddings) {
}
