package dev.kotae.bot.nlu;

import java.io.IOException;
import java.io.OutputStream;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Classifies a user's message into the intents it was trained on. Implementations are thread-safe
 * and fast enough to call once per message (a few milliseconds at most).
 */
public interface IntentClassifier {

	/** The label of training examples and predictions that the bot cannot answer. */
	String OUT_OF_SCOPE = "oos";

	/**
	 * Ranks every known intent for a text.
	 * @param text the user's message; one with nothing to classify (blank, punctuation only, nothing the
	 * classifier has seen in training) gives {@link Prediction#empty()}
	 */
	Prediction classify(String text);

	/**
	 * The probability its top intent needs to be acted on, chosen at training time on held-out
	 * examples of the knowledge base it was trained on (see {@link AcceptThreshold#chooseIfEnough});
	 * empty when there were too few to choose one.
	 */
	default OptionalDouble acceptThreshold() {
		return OptionalDouble.empty();
	}

	/** The labels this classifier can predict, {@value #OUT_OF_SCOPE} included when it was trained on it. */
	Set<String> intents();

	/**
	 * Writes this classifier, with the version of the knowledge base it was trained from, in a form
	 * {@link IntentModelStore#read} restores. Does not close the stream.
	 */
	void save(OutputStream out, String kbVersion) throws IOException;

}
