package dev.kotae.channels.admin;

import java.time.Duration;
import java.time.Instant;

import dev.kotae.bot.nlu.IntentClassifier;
import dev.kotae.bot.nlu.IntentModel;
import dev.kotae.bot.nlu.NluProperties;
import dev.kotae.channels.web.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/nlu}: the editor workspace's "retraining status" panel and its "retrain now" button. */
@RestController
@RequestMapping("/api/v1/nlu")
class NluStatusController {

	private final IntentModel model;

	private final NluProperties properties;

	NluStatusController(IntentModel model, NluProperties properties) {
		this.model = model;
		this.properties = properties;
	}

	@GetMapping("/status")
	NluStatusView status() {
		return NluStatusView.of(this.properties.enabled(), this.model.status(), this.model.classifier().orElse(null));
	}

	/**
	 * Schedules a retraining now (202 with the status); 409 when the classifier is disabled, since a
	 * model trained then would be used by the bot against the configuration.
	 */
	@PostMapping("/retrain")
	ResponseEntity<?> retrain() {
		if (!this.properties.enabled()) {
			return problem(HttpStatus.CONFLICT, "nlu-disabled", "Classifier disabled",
					"The intent classifier is disabled (kotae.nlu.enabled=false); enable it and restart to train it.");
		}
		this.model.schedule(Duration.ZERO);
		return ResponseEntity.accepted().body(status());
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String slug, String title, String detail) {
		return ResponseEntity.status(status).body(Problems.of(status, slug, title, detail));
	}

	/**
	 * The classifier's state for the editor.
	 *
	 * @param enabled whether the intent classifier is switched on ({@code kotae.nlu.enabled})
	 * @param state {@code IDLE}, {@code SCHEDULED} or {@code TRAINING}
	 * @param upToDate the model in use was trained on the knowledge base as it is, nothing pending
	 * @param modelLoaded whether the bot has a model to use
	 * @param kbVersion knowledge-base version of the model in use
	 * @param currentKbVersion knowledge-base version when last looked at
	 * @param trainedAt when the model in use was trained or loaded
	 * @param trainingDuration how long its training took, ISO-8601 ({@code null} when loaded)
	 * @param trainingMillis the same in milliseconds
	 * @param lastError the last failed training's message
	 * @param acceptThreshold the probability the top intent needs, when the model chose one
	 * @param intents how many intents the model knows ({@code 0} without a model)
	 */
	record NluStatusView(boolean enabled, String state, boolean upToDate, boolean modelLoaded, String kbVersion,
			String currentKbVersion, Instant trainedAt, String trainingDuration, Long trainingMillis,
			String lastError, Double acceptThreshold, int intents) {

		static NluStatusView of(boolean enabled, IntentModel.Status status, IntentClassifier classifier) {
			Duration took = status.trainingDuration();
			Double threshold = null;
			if (classifier != null && classifier.acceptThreshold().isPresent()) {
				threshold = classifier.acceptThreshold().getAsDouble();
			}
			return new NluStatusView(enabled, status.state().name(), status.upToDate(), classifier != null,
					status.kbVersion(), status.currentKbVersion(), status.trainedAt(),
					(took != null) ? took.toString() : null, (took != null) ? took.toMillis() : null,
					status.lastError(), threshold, (classifier != null) ? classifier.intents().size() : 0);
		}

	}

}
