package dev.kotae.bot.nlu;

import java.util.Objects;

/**
 * A labelled phrase to learn from.
 *
 * @param text what a user might write
 * @param label the intent it asks for: an FAQ id, a system intent such as {@code system.greeting},
 * or {@value IntentClassifier#OUT_OF_SCOPE} for something the bot cannot answer
 */
public record TrainingExample(String text, String label) {

	public TrainingExample {
		Objects.requireNonNull(text, "text");
		Objects.requireNonNull(label, "label");
		if (label.isBlank() || label.indexOf('\n') >= 0 || label.indexOf('\r') >= 0) {
			throw new IllegalArgumentException("label must not be blank or span lines: '" + label + "'");
		}
	}

}
