package dev.kotae.bot.nlu;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Trained classifiers in the database ({@code nlu_model}), one per knowledge-base version, so that a
 * model one node trained is loaded by every node instead of trained again. Only the newest model is
 * kept.
 */
@Component
class SharedIntentModels {

	private final JdbcClient jdbc;

	SharedIntentModels(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A model read back, with when and how fast it was trained. */
	record Shared(StoredIntentModel model, Instant trainedAt, Duration trainingDuration) {
	}

	/** The model trained on knowledge-base version {@code kbVersion}, if any node stored one. */
	Optional<Shared> find(String kbVersion) {
		return this.jdbc.sql("SELECT model, trained_at, training_ms FROM nlu_model WHERE kb_version = ?")
			.param(kbVersion)
			.query((rs, n) -> {
				try {
					long ms = rs.getLong("training_ms");
					Duration took = rs.wasNull() ? null : Duration.ofMillis(ms);
					return new Shared(IntentModelStore.read(new ByteArrayInputStream(rs.getBytes("model"))),
							rs.getObject("trained_at", OffsetDateTime.class).toInstant(), took);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			})
			.optional();
	}

	/** Stores a freshly trained model as the only one. */
	@Transactional
	void save(IntentClassifier classifier, String kbVersion, Instant trainedAt, Duration took) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		classifier.save(bytes, kbVersion);
		this.jdbc.sql("DELETE FROM nlu_model").update();
		this.jdbc.sql("INSERT INTO nlu_model (kb_version, trained_at, training_ms, model) VALUES (?, ?, ?, ?)")
			.params(kbVersion, OffsetDateTime.ofInstant(trainedAt, ZoneOffset.UTC), took.toMillis(), bytes.toByteArray())
			.update();
	}

}
