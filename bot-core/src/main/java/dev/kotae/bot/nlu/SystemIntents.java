package dev.kotae.bot.nlu;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import dev.kotae.kb.faq.Language;

import org.springframework.core.io.ClassPathResource;

/**
 * The intents every bot knows besides its FAQs: small talk, a request for a person, frustration,
 * and examples of what is out of scope. Their training phrases live in
 * {@code nlu/system-intents.tsv} ({@code locale<TAB>label<TAB>text}).
 */
public final class SystemIntents {

	public static final String GREETING = "system.greeting";

	public static final String THANKS = "system.thanks";

	public static final String GOODBYE = "system.goodbye";

	public static final String HUMAN = "system.human";

	public static final String COMPLAINT = "system.complaint";

	/** Small-talk intents the bot answers with a canned reply. */
	public static final Set<String> SMALLTALK = Set.of(GREETING, THANKS, GOODBYE);

	private static final String RESOURCE = "nlu/system-intents.tsv";

	private SystemIntents() {
	}

	/** Whether a label is a system intent (not an FAQ and not out of scope). */
	public static boolean isSystem(String label) {
		return label.startsWith("system.");
	}

	/** Whether a label names an FAQ. */
	public static boolean isFaq(String label) {
		return !isSystem(label) && !IntentClassifier.OUT_OF_SCOPE.equals(label);
	}

	/** The built-in training phrases of the given languages. */
	public static List<TrainingExample> examples(Set<Language> languages) {
		try {
			String tsv = new ClassPathResource(RESOURCE).getContentAsString(StandardCharsets.UTF_8);
			return tsv.lines().skip(1).filter((l) -> !l.isBlank()).map((l) -> l.split("\t", 3)).filter((f) -> {
				return f.length == 3 && Language.parse(f[0]).filter(languages::contains).isPresent();
			}).map((f) -> new TrainingExample(f[2], f[1])).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
