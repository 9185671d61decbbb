package dev.kotae.kb.search;

import java.time.Instant;
import java.util.List;

import dev.kotae.kb.faq.Faq;
import dev.kotae.kb.faq.FaqStatus;
import dev.kotae.kb.faq.Language;
import dev.kotae.kb.synonym.SynonymSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class FaqIndexTests {

	private static final List<Faq> FAQS = List.of(
			faq("ja-login", Language.JA, "ログインできない場合", "メールアドレスを確認してください。", "account"),
			faq("ja-receipt", Language.JA, "領収書を発行するには？", "請求画面からダウンロードできます。", "billing"),
			faq("ja-password", Language.JA, "パスワードを変更するには？", "設定画面から変更できます。", "account"),
			faq("ja-username", Language.JA, "ユーザー名を忘れた場合", "管理者に問い合わせてください。", "account"),
			faq("ja-export", Language.JA, "データをエクスポートするには？", "CSV形式で出力できます。", "integrations"),
			faq("en-cancel", Language.EN, "How do I cancel a subscription?", "Open Billing and choose Cancel plan.", "plans"),
			faq("en-password", Language.EN, "How do I reset my password?", "Click Forgot password on the login page.",
					"account"),
			faq("en-login", Language.EN, "How do I log in to the mobile app?", "Open the app and enter your e-mail address.",
					"account"),
			faq("en-card", Language.EN, "How do I update my credit card?", "Open Billing and choose Payment method.",
					"billing"),
			faq("en-cart", Language.EN, "Where is my shopping cart?", "At the top right of the page.", "billing"));

	private FaqIndex index;

	@BeforeEach
	void buildIndex() {
		this.index = new FaqIndex(RetrievalMode.TUNED);
		this.index.rebuild(FAQS);
	}

	@AfterEach
	void closeIndex() {
		this.index.close();
	}

	@Test
	void everyPublishedFaqIsIndexed() {
		assertThat(this.index.size()).isEqualTo(FAQS.size());
		assertThat(this.index.mode()).isEqualTo(RetrievalMode.TUNED);
	}

	@Test
	void numbersAreNotTypoCorrected() {
		this.index.apply(List.of(faq("en-plan-2024", Language.EN, "What changed in the 2024 plans?", "Prices.")),
				List.of());
		assertThat(ids("2024 plans", Language.EN)).contains("en-plan-2024");
		// one edit away, and sharing letter trigrams, but another number
		assertThat(ids("order 2025", Language.EN)).doesNotContain("en-plan-2024");
		assertThat(ids("cancel my subscription #482913377", Language.EN)).first().isEqualTo("en-cancel");
	}

	@Test
	void theVersionChangesWithEveryChangeThatCanChangeAResult() {
		long start = this.index.version();
		assertThat(this.index.search("ログインできない", Language.JA, 3)).isNotEmpty();
		assertThat(this.index.version()).as("searching changes nothing").isEqualTo(start);
		this.index.apply(List.of(faq("en-new", Language.EN, "Can I pay by invoice?", "Yes.")), List.of());
		long afterSave = this.index.version();
		assertThat(afterSave).isGreaterThan(start);
		assertThat(ids("pay by invoice", Language.EN)).contains("en-new");
		this.index.apply(List.of(), List.of("en-new"));
		assertThat(this.index.version()).isGreaterThan(afterSave);
		long afterDelete = this.index.version();
		this.index.setSynonyms(List.of(new SynonymSet(1, Language.EN, List.of("invoice", "bill"))));
		assertThat(this.index.version()).isGreaterThan(afterDelete);
	}

	@ParameterizedTest
	@ValueSource(strings = { "ログインできない", "ﾛｸﾞｲﾝ できない", "ろぐいん できない", "ログインできません" })
	void japaneseParaphraseInAnotherScriptOrWidthFindsTheFaq(String query) {
		assertThat(ids(query, Language.JA)).first().isEqualTo("ja-login");
	}

	@Test
	void hiraganaReadingFindsTheKanjiFaq() {
		assertThat(ids("りょうしゅうしょ", Language.JA)).first().isEqualTo("ja-receipt");
		assertThat(ids("りょうしゅうしょ ほしい", Language.JA)).first().isEqualTo("ja-receipt");
	}

	@Test
	void katakanaWithDashFindsTheFaq() {
		assertThat(ids("パスワ－ド", Language.JA)).first().isEqualTo("ja-password");
	}

	@Test
	void englishInflectionsFindTheFaq() {
		assertThat(ids("cancelling my subscription", Language.EN)).first().isEqualTo("en-cancel");
		assertThat(ids("cancelled subscriptions", Language.EN)).first().isEqualTo("en-cancel");
	}

	@ParameterizedTest
	@ValueSource(strings = { "pasword", "passwrd", "pasword reset" })
	void englishWordOneEditAwayFindsTheFaq(String query) {
		assertThat(ids(query, Language.EN)).first().isEqualTo("en-password");
	}

	@Test
	void knownEnglishWordDoesNotMatchItsNeighboursByTypoTolerance() {
		assertThat(ids("card", Language.EN)).containsExactly("en-card");
		assertThat(ids("cart", Language.EN)).containsExactly("en-cart");
		// while a word the index does not know does reach one edit away
		assertThat(ids("crad", Language.EN)).contains("en-card");
	}

	@Test
	void japaneseSynonymFindsTheFaqOnlyWithTheSet() {
		assertThat(ids("PW忘れた", Language.JA)).doesNotContain("ja-password");
		this.index.setSynonyms(List.of(new SynonymSet(1, Language.JA, List.of("パスワード", "PW"))));
		assertThat(ids("PW忘れた", Language.JA)).contains("ja-password");
		assertThat(ids("ＰＷ", Language.JA)).first().isEqualTo("ja-password");
	}

	@Test
	void englishMultiWordSynonymFindsTheFaqOnlyWithTheSet() {
		assertThat(ids("sign in help", Language.EN)).doesNotContain("en-login");
		this.index.setSynonyms(List.of(new SynonymSet(1, Language.EN, List.of("sign in", "log in"))));
		assertThat(ids("sign in help", Language.EN)).first().isEqualTo("en-login");
	}

	@Test
	void synonymSetWithAStopWordNeverLosesWhatTheQueryFindsWithoutIt() {
		assertThat(ids("I can't log in", Language.EN)).first().isEqualTo("en-login");
		assertThat(ids("log in help", Language.EN)).first().isEqualTo("en-login");
		this.index.setSynonyms(List.of(new SynonymSet(1, Language.EN, List.of("log in", "sign in", "login"))));
		assertThat(ids("I can't log in", Language.EN)).first().isEqualTo("en-login");
		assertThat(ids("log in help", Language.EN)).first().isEqualTo("en-login");
		assertThat(ids("I can't sign in", Language.EN)).first().isEqualTo("en-login");
	}

	@Test
	void replacingTheSynonymsDropsTheOldOnes() {
		this.index.setSynonyms(List.of(new SynonymSet(1, Language.JA, List.of("パスワード", "PW"))));
		this.index.setSynonyms(List.of());
		assertThat(ids("PW忘れた", Language.JA)).doesNotContain("ja-password");
	}

	@Test
	void onlyPublishedFaqsAreSearchable() {
		this.index.rebuild(List.of(faq("en-export", Language.EN, "How do I export my projects?", "Use Export."),
				withStatus(faq("en-import", Language.EN, "How do I import my projects?", "Use Import."), FaqStatus.DRAFT),
				withStatus(faq("en-archive", Language.EN, "How do I archive my projects?", "Use Archive."),
						FaqStatus.ARCHIVED)));
		assertThat(this.index.size()).isEqualTo(1);
		assertThat(ids("export projects", Language.EN)).containsExactly("en-export");
		assertThat(ids("import projects", Language.EN)).containsExactly("en-export");
		assertThat(ids("archive", Language.EN)).isEmpty();
	}

	@Test
	void applyingANewPublishedFaqMakesItSearchable() {
		this.index.apply(List.of(faq("en-invoice", Language.EN, "Where are my invoices?", "Under Billing.")), List.of());
		assertThat(this.index.size()).isEqualTo(FAQS.size() + 1);
		assertThat(ids("invoices", Language.EN)).containsExactly("en-invoice");
	}

	@Test
	void applyingAChangeReplacesTheFaq() {
		this.index.apply(List.of(faq("en-cart", Language.EN, "Where is my basket?", "At the top right of the page.")),
				List.of());
		assertThat(this.index.size()).isEqualTo(FAQS.size());
		assertThat(ids("basket", Language.EN)).containsExactly("en-cart");
		assertThat(ids("shopping", Language.EN)).isEmpty();
	}

	@Test
	void applyingAStatusChangeToDraftRemovesTheFaq() {
		Faq draft = withStatus(FAQS.stream().filter((f) -> f.id().equals("en-card")).findFirst().orElseThrow(),
				FaqStatus.DRAFT);
		this.index.apply(List.of(draft), List.of());
		assertThat(this.index.size()).isEqualTo(FAQS.size() - 1);
		assertThat(ids("credit card", Language.EN)).doesNotContain("en-card");
	}

	@Test
	void deletingRemovesTheFaq() {
		this.index.apply(List.of(), List.of("ja-receipt", "no-such-id"));
		assertThat(this.index.size()).isEqualTo(FAQS.size() - 1);
		assertThat(ids("領収書", Language.JA)).doesNotContain("ja-receipt");
	}

	@ParameterizedTest
	@ValueSource(strings = { "ログインできない", "TaskHarbor", "password", "How do I log in?" })
	void japaneseQueryNeverReturnsEnglishFaqs(String query) {
		List<SearchHit> hits = this.index.search(query, Language.JA, 20);
		assertThat(hits).extracting(SearchHit::locale).doesNotContain(Language.EN);
		assertThat(hits).extracting(SearchHit::id).allMatch((id) -> id.startsWith("ja-"));
	}

	@Test
	void englishQueryNeverReturnsJapaneseFaqs() {
		assertThat(this.index.search("ログイン", Language.EN, 20)).isEmpty();
		assertThat(this.index.search("How do I change my password?", Language.EN, 20)).extracting(SearchHit::id)
			.allMatch((id) -> id.startsWith("en-"));
	}

	@Test
	void localeIsDetectedFromTheTextWhenNotGiven() {
		List<SearchHit> japanese = this.index.search("ログインできない", null, 5);
		assertThat(japanese).isNotEmpty().extracting(SearchHit::locale).containsOnly(Language.JA);
		assertThat(japanese.get(0).id()).isEqualTo("ja-login");
		List<SearchHit> english = this.index.search("How do I reset my password", null, 5);
		assertThat(english).isNotEmpty().extracting(SearchHit::locale).containsOnly(Language.EN);
		assertThat(english.get(0).id()).isEqualTo("en-password");
	}

	@Test
	void hitCarriesTheStoredQuestionAndCategory() {
		SearchHit hit = this.index.search("領収書", Language.JA, 1).get(0);
		assertThat(hit.id()).isEqualTo("ja-receipt");
		assertThat(hit.locale()).isEqualTo(Language.JA);
		assertThat(hit.question()).isEqualTo("領収書を発行するには？");
		assertThat(hit.category()).isEqualTo("billing");
		assertThat(hit.score()).isPositive();
	}

	@Test
	void atMostLimitHitsBestFirst() {
		List<SearchHit> hits = this.index.search("How do I", Language.EN, 2);
		assertThat(hits).hasSize(2);
		assertThat(hits.get(0).score()).isGreaterThanOrEqualTo(hits.get(1).score());
		assertThat(this.index.search("How do I", Language.EN, 0)).isEmpty();
	}

	@ParameterizedTest
	@NullSource
	@ValueSource(strings = { "", " ", "\t\n　", "？！", "!!!", "the" })
	void queryWithoutWordsFindsNothing(String query) {
		assertThat(this.index.search(query, Language.JA, 5)).isEmpty();
		assertThat(this.index.search(query, Language.EN, 5)).isEmpty();
		assertThat(this.index.search(query, null, 5)).isEmpty();
	}

	@Test
	void veryLongQueryIsCutAndStillAnswered() {
		String japanese = "ログインできない。".repeat(1_200).substring(0, 10_000);
		assertThat(this.index.search(japanese, null, 5)).extracting(SearchHit::id).first().isEqualTo("ja-login");
		String english = "I forgot my password ".repeat(500).substring(0, 10_000);
		assertThat(this.index.search(english, null, 5)).extracting(SearchHit::id).first().isEqualTo("en-password");
	}

	@Test
	void veryLongQueryOfAnyKindDoesNotThrow() {
		// the cut at FaqSearch.MAX_QUERY_CHARS falls inside a surrogate pair
		String emoji = ("a" + "😀".repeat(5_000)).substring(0, 10_000);
		assertThat(emoji.length()).isEqualTo(10_000);
		assertThat(Character.isHighSurrogate(emoji.charAt(FaqSearch.MAX_QUERY_CHARS - 1))).isTrue();
		StringBuilder mixed = new StringBuilder();
		for (Faq faq : FAQS) {
			mixed.append(faq.question()).append(' ').append(faq.answer()).append(" pasword crad ");
		}
		String allFaqs = mixed.toString().repeat(10_000 / mixed.length() + 1).substring(0, 10_000);
		for (String query : List.of(emoji, allFaqs, "漢字".repeat(5_000), "x".repeat(10_000), "ア".repeat(10_000))) {
			for (Language locale : new Language[] { null, Language.JA, Language.EN }) {
				assertThat(this.index.search(query, locale, 5)).hasSizeLessThanOrEqualTo(5);
			}
		}
	}

	@Test
	void baselineIndexAlsoKeepsToPublishedFaqsOfTheLocale() {
		try (FaqIndex baseline = new FaqIndex(RetrievalMode.BASELINE)) {
			baseline.rebuild(List.of(faq("en-export", Language.EN, "How do I export my projects?", "Use Export."),
					withStatus(faq("en-import", Language.EN, "How do I import my projects?", "Use Import."),
							FaqStatus.DRAFT),
					faq("ja-export", Language.JA, "プロジェクトをエクスポートするには？", "エクスポート機能を使います。")));
			assertThat(baseline.size()).isEqualTo(2);
			assertThat(baseline.search("export projects", Language.EN, 5)).extracting(SearchHit::id)
				.containsExactly("en-export");
			assertThat(baseline.search("import", Language.EN, 5)).isEmpty();
			assertThat(baseline.search("エクスポート", null, 5)).extracting(SearchHit::id).containsExactly("ja-export");
		}
	}

	private List<String> ids(String query, Language locale) {
		return this.index.search(query, locale, 10).stream().map(SearchHit::id).toList();
	}

	private static Faq faq(String id, Language locale, String question, String answer) {
		return faq(id, locale, question, answer, null);
	}

	private static Faq faq(String id, Language locale, String question, String answer, String category) {
		Instant now = Instant.parse("2026-01-01T00:00:00Z");
		return new Faq(id, locale, question, List.of(), answer, category, List.of(), FaqStatus.PUBLISHED, 1, now, now,
				"test");
	}

	private static Faq withStatus(Faq faq, FaqStatus status) {
		return new Faq(faq.id(), faq.locale(), faq.question(), faq.alternativeQuestions(), faq.answer(), faq.category(),
				faq.tags(), status, faq.version() + 1, faq.createdAt(), faq.updatedAt(), faq.author());
	}

}
