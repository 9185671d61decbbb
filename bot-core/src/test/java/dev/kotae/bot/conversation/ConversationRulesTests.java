package dev.kotae.bot.conversation;

import java.util.Map;

import dev.kotae.kb.faq.InvalidInputException;
import dev.kotae.kb.faq.Language;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The small rules of conversations: which language a message is answered in, attributes. */
class ConversationRulesTests {

	@Test
	void japaneseScriptIsAnsweredInJapaneseAndAFullEnglishSentenceInEnglish() {
		assertThat(ConversationService.languageOf("請求書はどこ？", Language.EN)).isEqualTo(Language.JA);
		assertThat(ConversationService.languageOf("where is my invoice", Language.JA)).isEqualTo(Language.EN);
		// short Latin fragments in a Japanese conversation stay Japanese (product words, "2FA", "ID")
		assertThat(ConversationService.languageOf("2FA", Language.JA)).isEqualTo(Language.JA);
		assertThat(ConversationService.languageOf("Slack 連携", Language.JA)).isEqualTo(Language.JA);
		assertThat(ConversationService.languageOf("ok", Language.EN)).isEqualTo(Language.EN);
	}

	@Test
	void attributesRoundTripThroughStorageWhateverTheyContain() {
		Map<String, String> attributes = Map.of("plan", "pro & more", "product", "a=b;c", "role", "管理者");
		assertThat(Attributes.parse(Attributes.format(attributes))).isEqualTo(attributes);
		assertThat(Attributes.parse("")).isEmpty();
	}

	@Test
	void attributesAreBounded() {
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> Attributes.check(Map.of("bad key", "x")));
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> Attributes.check(Map.of("plan", "x".repeat(Attributes.MAX_VALUE + 1))));
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> Attributes.check(Map.of("plan", "a\u0000b")));
		assertThat(Attributes.check(Map.of("plan", "pro"))).containsEntry("plan", "pro");
	}

	@Test
	void tokensAreStoredAsTheirHashOnly() {
		String hash = ConversationService.hash("secret-token");
		assertThat(hash).hasSize(64).doesNotContain("secret").isEqualTo(ConversationService.hash("secret-token"));
		assertThat(ConversationService.hash("secret-token2")).isNotEqualTo(hash);
	}

}
