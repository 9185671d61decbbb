package dev.kotae.channels.line;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** FAQ answers as LINE text: Markdown marks dropped, long texts cut at good places within LINE's limits. */
class PlainTextTests {

	@Test
	void boldItalicCodeAndHeadingsKeepOnlyTheirText() {
		assertThat(PlainText.of("## 再設定の手順\n\n「**パスワードをお忘れですか？**」を *クリック* し、`reset` と入力します。"))
			.isEqualTo("再設定の手順\n\n「パスワードをお忘れですか？」を クリック し、reset と入力します。");
		assertThat(PlainText.of("# Title #\n__strong__ and ``a `tick` inside``"))
			.isEqualTo("Title\nstrong and a `tick` inside");
	}

	@Test
	void linksBecomeTextWithTheUrlInBrackets() {
		assertThat(PlainText.of("[新規登録ページ](https://app.taskharbor.example/signup)から登録できます。"))
			.isEqualTo("新規登録ページ (https://app.taskharbor.example/signup)から登録できます。");
		assertThat(PlainText.of("See [https://x.example](https://x.example) or ![logo](https://x.example/l.png \"Logo\")."))
			.isEqualTo("See https://x.example or logo (https://x.example/l.png).");
		assertThat(PlainText.of("**[Help](https://help.example)**")).isEqualTo("Help (https://help.example)");
	}

	@Test
	void listBulletsBecomeNakaguroAndNumberedListsStay() {
		assertThat(PlainText.of("認証方法:\n- SMS\n* 認証アプリ\n  + 予備コード\n1. 設定を開く\n2. 保存する"))
			.isEqualTo("認証方法:\n・SMS\n・認証アプリ\n  ・予備コード\n1. 設定を開く\n2. 保存する");
	}

	@Test
	void quotesFencesAndEscapes() {
		assertThat(PlainText.of("> 注意: **必ず**保存してください\n```\n**not bold** in code\n```\n2 \\* 3 = 6, \\*not italic\\*"))
			.isEqualTo("注意: 必ず保存してください\n**not bold** in code\n2 * 3 = 6, *not italic*");
	}

	@Test
	void plainTextStaysAsItIsAndBlankLinesCollapse() {
		assertThat(PlainText.of("snake_case_name and 5 * 3 and a*b")).isEqualTo("snake_case_name and 5 * 3 and a*b");
		assertThat(PlainText.of("a\r\n\r\n\r\n\r\nb\n")).isEqualTo("a\n\nb");
		assertThat(PlainText.of(null)).isEmpty();
	}

	@Test
	void aShortTextIsOneMessage() {
		assertThat(PlainText.split("短い回答です。", 5)).containsExactly("短い回答です。");
		assertThat(PlainText.split("  ", 5)).isEmpty();
	}

	@Test
	void aLongTextIsCutAtParagraphsThenLinesThenSentencesThenSpaces() {
		assertThat(PlainText.split("aaaa bbbb\n\ncccc dddd", 12, 5)).containsExactly("aaaa bbbb", "cccc dddd");
		assertThat(PlainText.split("aaaa bbbb\ncccc dddd", 12, 5)).containsExactly("aaaa bbbb", "cccc dddd");
		assertThat(PlainText.split("あいうえお。かきくけこ。さしす", 10, 5)).containsExactly("あいうえお。", "かきくけこ。さしす");
		assertThat(PlainText.split("Hello there. General Kenobi", 16, 5)).containsExactly("Hello there.", "General Kenobi");
		assertThat(PlainText.split("one two three four", 10, 5)).containsExactly("one two", "three four");
		assertThat(PlainText.split("abcdefghijkl", 5, 5)).containsExactly("abcde", "fghij", "kl");
	}

	@Test
	void piecesNeverExceedTheLimitNorSplitASurrogatePair() {
		String emoji = "😀".repeat(3);
		List<String> parts = PlainText.split(emoji, 5, 5);
		assertThat(parts).containsExactly("😀😀", "😀");
		String text = "段落。".repeat(4000);
		List<String> messages = PlainText.split(text, 5);
		assertThat(messages).hasSize(3).allSatisfy((m) -> assertThat(m).hasSizeLessThanOrEqualTo(PlainText.MAX_MESSAGE));
		assertThat(String.join("", messages)).isEqualTo(text);
	}

	@Test
	void moreThanFitsInFiveMessagesEndsWithAnEllipsis() {
		String text = "x".repeat(5000 * 5 + 10);
		List<String> messages = PlainText.split(text, 5);
		assertThat(messages).hasSize(5).allSatisfy((m) -> assertThat(m).hasSize(5000));
		assertThat(messages.get(4)).endsWith("x…");
		assertThat(PlainText.split("x".repeat(30), 10, 2)).containsExactly("x".repeat(10), "x".repeat(9) + "…");
	}

}
