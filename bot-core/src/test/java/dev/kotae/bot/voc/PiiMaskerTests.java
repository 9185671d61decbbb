package dev.kotae.bot.voc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import dev.kotae.bot.voc.MaskingProperties.CustomRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class PiiMaskerTests {

	private static final String CORPUS = "/voc/masking-corpus.tsv";

	private final PiiMasker masker = PiiMasker.standard();

	@ParameterizedTest(name = "{0}")
	@MethodSource("corpus")
	void masksTheCorpus(String note, String input, String expected) {
		String masked = this.masker.mask(input);
		assertThat(masked).isEqualTo(expected);
		assertThat(this.masker.mask(masked)).as("masking masked text again").isEqualTo(masked);
	}

	@Test
	void corpusHasEnoughPositiveAndNegativeRows() throws IOException {
		List<String[]> rows = readCorpus();
		long unchanged = rows.stream().filter((row) -> row[0].equals(row[1])).count();
		assertThat(rows.size() - unchanged).as("rows where something is masked").isGreaterThanOrEqualTo(40);
		assertThat(unchanged).as("rows that must come back unchanged").isGreaterThanOrEqualTo(25);
		assertThat(rows).extracting((row) -> row[2]).as("notes name the rows").doesNotHaveDuplicates();
	}

	@Test
	void nullAndEmptyTextBecomeEmpty() {
		assertThat(this.masker.mask(null)).isEmpty();
		assertThat(this.masker.mask("")).isEmpty();
		assertThat(this.masker.mask(" ")).isEqualTo(" ");
	}

	@Test
	void maskingIsIdempotent() {
		String text = "taro@example.com-4111111111111111 / 090-1234-5678 [email] 個人番号123456789018";
		String once = this.masker.mask(text);
		assertThat(once).isEqualTo("[email]-[card] / [phone] [email] 個人番号[my-number]");
		assertThat(this.masker.mask(once)).isEqualTo(once);
	}

	@Test
	void replacesTheSpanTheUserTypedWhateverItsWidth() {
		// the full-width form has as many chars as the half-width one; the surrounding text survives intact
		assertThat(this.masker.mask("Ａ：ｔａｒｏ＠ｅｘａｍｐｌｅ．ｃｏｍ、Ｂ：０３－１２３４－５６７８。"))
			.isEqualTo("Ａ：[email]、Ｂ：[phone]。");
	}

	@ParameterizedTest(name = "kotae.voc.masking.{0}=false")
	@CsvSource(delimiter = '|', textBlock = """
			email     | taro@example.com    | [email]
			phone     | 090-1234-5678       | [phone]
			card      | 4111 1111 1111 1111 | [card]
			my-number | 123456789018        | [my-number]
			""")
	void eachBuiltInRuleCanBeSwitchedOff(String property, String value, String placeholder) {
		String text = "a: taro@example.com b: 090-1234-5678 c: 4111 1111 1111 1111 d: 123456789018";
		assertThat(this.masker.mask(text)).isEqualTo("a: [email] b: [phone] c: [card] d: [my-number]");
		PiiMasker off = new PiiMasker(bind(Map.of("kotae.voc.masking." + property, "false")));
		assertThat(off.mask(text)).as("only " + property + " is left unmasked")
			.isEqualTo("a: [email] b: [phone] c: [card] d: [my-number]".replace(placeholder, value));
	}

	@Test
	void everyBuiltInRuleIsOnByDefault() {
		MaskingProperties properties = bind(Map.of());
		assertThat(properties).isEqualTo(MaskingProperties.defaults());
		assertThat(properties.custom()).isEmpty();
	}

	@Test
	void customRuleMasksWhatItMatchesAfterTheBuiltInRules() {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("kotae.voc.masking.custom[0].name", "member-id");
		properties.put("kotae.voc.masking.custom[0].pattern", "M-\\d{8}");
		properties.put("kotae.voc.masking.custom[0].replacement", "[member-id]");
		properties.put("kotae.voc.masking.custom[1].name", "after-tel");
		properties.put("kotae.voc.masking.custom[1].pattern", "tel \\S+");
		properties.put("kotae.voc.masking.custom[1].replacement", "[contact]");
		PiiMasker custom = new PiiMasker(bind(properties));
		assertThat(custom.mask("会員番号 M-12345678 です")).isEqualTo("会員番号 [member-id] です");
		assertThat(custom.mask("会員番号はＭ－１２３４５６７８")).as("full-width").isEqualTo("会員番号は[member-id]");
		assertThat(custom.mask("M-1234567 is too short")).isEqualTo("M-1234567 is too short");
		// the phone rule comes first; the custom rule may not reach into its replacement
		assertThat(custom.mask("tel 090-1234-5678, tel hanako")).isEqualTo("tel [phone], [contact]");
		assertThat(custom.mask(custom.mask("M-12345678 tel x"))).isEqualTo("[member-id] [contact]");
	}

	@Test
	void invalidCustomPatternFailsWithAClearMessage() {
		assertThatIllegalArgumentException().isThrownBy(() -> new CustomRule("member-id", "M-(\\d{8}", "[member-id]"))
			.withMessageContaining("'member-id'")
			.withMessageContaining("'M-(\\d{8}' is not a valid Java regular expression");
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(Map.of("kotae.voc.masking.custom[0].name", "member-id",
					"kotae.voc.masking.custom[0].pattern", "M-[0-9", "kotae.voc.masking.custom[0].replacement",
					"[member-id]")))
			.withStackTraceContaining("'M-[0-9' is not a valid Java regular expression: Unclosed character class");
	}

	@ParameterizedTest
	@ValueSource(strings = { "x*", "\\d{0,8}", "\\b", "(?:M-\\d{8})?", "a|" })
	void customPatternMatchingTheEmptyStringFails(String pattern) {
		assertThatIllegalArgumentException().isThrownBy(() -> new CustomRule("empty", pattern, "[x]"))
			.withMessageContaining("matches the empty string");
	}

	@Test
	void customRuleThatWouldMatchItsOwnReplacementFails() {
		assertThatIllegalArgumentException().isThrownBy(() -> new CustomRule("id", "\\[?id\\]?", "[id]"))
			.withMessageContaining("matches its own replacement '[id]'");
		assertThatIllegalArgumentException().isThrownBy(() -> new CustomRule(" ", "M-\\d{8}", "[id]"))
			.withMessageContaining("name");
	}

	@Test
	void configurationBindsThePropertiesAndFailsAtStartUpOnABadRule() {
		// bot-core has no Jakarta Validation provider (the application brings Hibernate Validator): hide the API
		// so that Boot does not look for one; the records check themselves
		ApplicationContextRunner runner = new ApplicationContextRunner()
			.withClassLoader(new FilteredClassLoader("jakarta.validation"))
			.withUserConfiguration(VocConfiguration.class);
		runner.withPropertyValues("kotae.voc.masking.phone=false", "kotae.voc.masking.custom[0].name=member-id",
				"kotae.voc.masking.custom[0].pattern=M-\\d{8}", "kotae.voc.masking.custom[0].replacement=[member-id]")
			.run((context) -> {
				PiiMasker masker = context.getBean(PiiMasker.class);
				assertThat(masker.mask("M-12345678 090-1234-5678 taro@example.com"))
					.isEqualTo("[member-id] 090-1234-5678 [email]");
			});
		runner.withPropertyValues("kotae.voc.masking.custom[0].name=any", "kotae.voc.masking.custom[0].pattern=.*",
				"kotae.voc.masking.custom[0].replacement=[any]")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("'.*' matches the empty string"));
	}

	@Test
	void checkDigits() {
		assertThat(PiiMasker.isLuhnValid("4111111111111111")).isTrue();
		assertThat(PiiMasker.isLuhnValid("4111111111111112")).isFalse();
		assertThat(PiiMasker.isLuhnValid("378282246310005")).isTrue();
		assertThat(PiiMasker.isValidMyNumber("123456789018")).isTrue();
		assertThat(PiiMasker.isValidMyNumber("123456789012")).isFalse();
		// remainder 0 or 1 gives check digit 0
		assertThat(PiiMasker.isValidMyNumber("301661318600")).isTrue();
		assertThat(PiiMasker.isValidMyNumber("12345678901")).isFalse();
	}

	@ParameterizedTest(name = "\"{0}\" x {1}")
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			"1-"    | 1000
			"a@"    | 1000
			"0 "    | 1000
			"1 "    | 1000
			"a."    | 1000
			"+1 "   | 700
			"00-"   | 700
			"a@b."  | 500
			"4111 " | 400
			"０－"    | 1000
			"a"     | 2000
			"1"     | 2000
			""")
	void adversarialInputIsFast(String unit, int times) {
		String text = unit.repeat(times);
		assertThat(text.length()).isGreaterThanOrEqualTo(2000);
		// 50 ms is the target; the bound is generous so that a slow build machine does not fail the test
		assertTimeoutPreemptively(Duration.ofSeconds(1), () -> {
			for (int i = 0; i < 10; i++) {
				this.masker.mask(text);
			}
		});
	}

	@Test
	void longMessagesDoNotOverflowTheStack() {
		String text = "a@" + "b.".repeat(50_000) + "com " + "1-".repeat(50_000) + " " + "+1 2".repeat(20_000);
		assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThat(this.masker.mask(text)).isNotEmpty());
	}

	@Test
	void isThreadSafe() throws IOException {
		List<String[]> rows = readCorpus();
		List<String> inputs = IntStream.range(0, 200).mapToObj((i) -> rows.get(i % rows.size())[0]).toList();
		List<String> sequential = inputs.stream().map(this.masker::mask).toList();
		assertThat(inputs.parallelStream().map(this.masker::mask).toList()).isEqualTo(sequential);
	}

	static Stream<Arguments> corpus() throws IOException {
		return readCorpus().stream().map((row) -> Arguments.of(row[2], row[0], row[1]));
	}

	private static List<String[]> readCorpus() throws IOException {
		List<String[]> rows = new ArrayList<>();
		try (InputStream in = PiiMaskerTests.class.getResourceAsStream(CORPUS)) {
			assertThat(in).as(CORPUS).isNotNull();
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			assertThat(reader.readLine()).isEqualTo("input\texpected\tnote");
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				if (line.isEmpty()) {
					continue;
				}
				String[] row = line.split("\t", -1);
				assertThat(row).as(line).hasSize(3);
				rows.add(row);
			}
		}
		return rows;
	}

	private static MaskingProperties bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("kotae.voc.masking",
				MaskingProperties.class);
	}

}
