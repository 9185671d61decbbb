package dev.kotae.bot.policy;

import java.util.List;
import java.util.regex.Pattern;

import dev.kotae.kb.search.TextNormalizer;

/**
 * Explicit requests for a person that must escalate whatever the classifier thinks ("人と話したい",
 * "talk to a person"). The classifier's {@code system.human} intent catches the looser phrasings.
 */
public final class HumanRequestRules {

	private static final List<Pattern> PATTERNS = List.of(
			Pattern.compile("(人間?|有人|担当者?|オペレーター?|スタッフ|サポートの?方)(と|に|で)?(話|はな|相談|つな|繋|代わ|かわ|替わ|対応|お願い)"),
			Pattern.compile("(人|担当者?|オペレーター?)(を|に)?(呼|よ)んで"),
			Pattern.compile("\\b(talk|speak|chat|connect)\\b.{0,20}\\b(human|person|agent|someone|somebody|representative|rep|operator|staff|people)\\b"),
			Pattern.compile("\\b(live|real|human) (agent|person|human|support|chat)\\b"),
			Pattern.compile("^(human|agent|operator|representative|人|オペレーター|有人対応)[\\s!！?？。.]*$"));

	private HumanRequestRules() {
	}

	/** Whether the text explicitly asks for a person. */
	public static boolean matches(String text) {
		String normalized = TextNormalizer.normalize(text);
		return PATTERNS.stream().anyMatch((p) -> p.matcher(normalized).find());
	}

}
