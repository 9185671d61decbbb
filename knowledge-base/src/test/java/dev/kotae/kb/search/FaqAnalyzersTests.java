package dev.kotae.kb.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import dev.kotae.kb.demo.DemoKnowledgeBase;
import dev.kotae.kb.faq.Language;
import dev.kotae.kb.synonym.SynonymSet;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FaqAnalyzersTests {

	private final Analyzer japanese = FaqAnalyzers.words(Language.JA, null);

	private final Analyzer english = FaqAnalyzers.words(Language.EN, null);

	private final Analyzer readingTokenizer = FaqAnalyzers.readingTokenizer();

	@Test
	void japaneseWordsAreBaseFormsWithoutParticlesOrAuxiliaries() {
		List<String> tokens = tokens(this.japanese, "パスワードを忘れた");
		assertThat(tokens).contains("パスワード", "忘れる").doesNotContain("を", "た", "忘れ");
	}

	@Test
	void japaneseWordsOfHalfAndFullWidthKatakanaAreTheSame() {
		assertThat(tokens(this.japanese, "ﾛｸﾞｲﾝできない")).isEqualTo(tokens(this.japanese, "ログインできない"))
			.contains("ログイン");
	}

	@Test
	void readingOfKanjiAndOfHiraganaIsTheSameKatakana() {
		assertThat(reading("りょうしゅうしょ")).isEqualTo(reading("領収書")).isEqualTo("リョウシュウショ");
		assertThat(reading("ろぐいん できない")).isEqualTo(reading("ログインできない"));
	}

	@Test
	void readingHasNoLongVowelMarks() {
		assertThat(reading("パスワード")).isEqualTo("パスワド");
		assertThat(reading("ぱすわーど")).doesNotContain("ー");
	}

	@Test
	void readingKeepsLatinWordsApart() {
		assertThat(reading("google authenticator")).isEqualTo("google authenticator");
	}

	@Test
	void cjkBigramsOverlapAndKeepLatinWordsWhole() {
		List<String> tokens = tokens(FaqAnalyzers.cjkBigrams(), "pw領収書");
		assertThat(tokens).contains("pw", "領収", "収書");
	}

	@Test
	void englishWordsAreStemmed() {
		assertThat(tokens(this.english, "cancelling my subscriptions")).contains("cancel", "subscript");
		assertThat(tokens(this.english, "How do I cancel a subscription?")).contains("cancel", "subscript");
	}

	@Test
	void englishPossessivesAndStopWordsAreDropped() {
		assertThat(tokens(this.english, "the user's passwords")).containsExactly("user", "password");
	}

	@Test
	void noSynonymMapWithoutASetOfThatLanguage() {
		assertThat(FaqAnalyzers.synonymMap(Language.JA, List.of())).isNull();
		assertThat(FaqAnalyzers.synonymMap(Language.JA, List.of(set(Language.EN, "password", "pw")))).isNull();
	}

	@Test
	void synonymsExpandTheQueryWords() {
		SynonymMap map = FaqAnalyzers.synonymMap(Language.JA, List.of(set(Language.JA, "パスワード", "PW")));
		assertThat(tokens(FaqAnalyzers.words(Language.JA, map), "pw忘れた")).contains("pw", "パスワード", "忘れる");
		assertThat(tokens(FaqAnalyzers.words(Language.JA, map), "パスワード")).contains("pw");
	}

	@Test
	void synonymTermsAreNormalisedLikeQueries() {
		SynonymMap map = FaqAnalyzers.synonymMap(Language.EN, List.of(set(Language.EN, "ＰＷＤ", "Password")));
		assertThat(tokens(FaqAnalyzers.words(Language.EN, map), "pwd")).contains("password");
	}

	@Test
	void unusableSynonymSetIsLeftOutAndTheOthersStillApply() {
		SynonymMap map = FaqAnalyzers.synonymMap(Language.EN,
				List.of(set(Language.EN, "!!", "??"), set(Language.EN, "password", "pw")));
		assertThat(map).isNotNull();
		assertThat(tokens(FaqAnalyzers.words(Language.EN, map), "pw")).contains("password");
		assertThat(FaqAnalyzers.synonymMap(Language.EN, List.of(set(Language.EN, "!!", "??")))).isNull();
	}

	@Test
	void everyDemoSynonymSetIsUsable() {
		for (SynonymSet set : DemoKnowledgeBase.synonymSets()) {
			assertThat(FaqAnalyzers.synonymMap(set.locale(), List.of(set))).as("synonym set %s", set.terms()).isNotNull();
		}
	}

	private String reading(String text) {
		return FaqAnalyzers.reading(this.readingTokenizer, TextNormalizer.normalize(text));
	}

	private static SynonymSet set(Language locale, String... terms) {
		return new SynonymSet(1, locale, List.of(terms));
	}

	/** The terms an analyzer makes of a text, normalised first as the index does. */
	static List<String> tokens(Analyzer analyzer, String text) {
		List<String> tokens = new ArrayList<>();
		try (TokenStream stream = analyzer.tokenStream("field", TextNormalizer.normalize(text))) {
			CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
			stream.reset();
			while (stream.incrementToken()) {
				tokens.add(term.toString());
			}
			stream.end();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return tokens;
	}

}
