package dev.kotae.bot.nlu;

import java.util.Objects;

/**
 * A classifier read back from storage, with the knowledge-base version it was saved with, so the
 * caller can tell whether it still matches the knowledge base or must be retrained.
 *
 * @param classifier ready to use
 * @param kbVersion the caller-given version saved with it
 */
public record StoredIntentModel(IntentClassifier classifier, String kbVersion) {

	public StoredIntentModel {
		Objects.requireNonNull(classifier, "classifier");
		Objects.requireNonNull(kbVersion, "kbVersion");
	}

	/** Whether the model was trained from the given knowledge-base version. */
	public boolean isCurrent(String currentKbVersion) {
		return this.kbVersion.equals(currentKbVersion);
	}

}
