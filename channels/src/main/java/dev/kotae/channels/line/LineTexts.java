package dev.kotae.channels.line;

import java.util.Map;

import dev.kotae.kb.faq.Language;

/**
 * What Kotae says on LINE beyond the bot's own replies (which come from the conversation): button
 * labels and the answers to things the bot does not handle. Kept here rather than in a properties
 * file; {@code LineTextsTests} checks that both languages have every key and that labels fit LINE's
 * 20-character limit.
 */
final class LineTexts {

	static final Map<String, String> JA = Map.of(
			"unsupported", "申し訳ありません、スタンプや画像などにはお答えできません。ご質問を文章で送ってください。",
			"human.label", "担当者と話す",
			"helpful.label", "👍 役に立った",
			"helpful.display", "役に立った",
			"not_helpful.label", "👎 役に立たなかった",
			"not_helpful.display", "役に立たなかった",
			"feedback.thanks", "ご評価ありがとうございます。",
			"feedback.sorry", "お役に立てず申し訳ありません。ほかの言葉でご質問いただくか、「担当者と話す」を選んでください。",
			"stale_choice", "その選択肢は使えなくなりました。もう一度ご質問ください。");

	static final Map<String, String> EN = Map.of(
			"unsupported", "Sorry, I can only read text. Please type your question.",
			"human.label", "Talk to a person",
			"helpful.label", "👍 Helpful",
			"helpful.display", "Helpful",
			"not_helpful.label", "👎 Not helpful",
			"not_helpful.display", "Not helpful",
			"feedback.thanks", "Thanks for your feedback!",
			"feedback.sorry", "Sorry that did not help. Try asking in other words, or choose \"Talk to a person\".",
			"stale_choice", "That choice is no longer available. Please ask again.");

	private LineTexts() {
	}

	static String get(Language language, String key) {
		String text = ((language == Language.JA) ? JA : EN).get(key);
		if (text == null) {
			throw new IllegalStateException("no LINE text '" + key + "' for " + language.code());
		}
		return text;
	}

}
