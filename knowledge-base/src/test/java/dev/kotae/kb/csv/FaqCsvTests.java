package dev.kotae.kb.csv;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import dev.kotae.kb.csv.FaqCsv.Row;
import dev.kotae.kb.faq.Faq;
import dev.kotae.kb.faq.FaqDraft;
import dev.kotae.kb.faq.FaqRules;
import dev.kotae.kb.faq.FaqStatus;
import dev.kotae.kb.faq.Language;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class FaqCsvTests {

	private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

	@Test
	void columnsAreMatchedByNameInAnyOrderAndCase() {
		List<Row> rows = read("Answer,STATUS,Question,Id,Locale,Category,Tags\r\nA1,draft,Q1,x-1,ja,billing,t\r\n");
		assertThat(rows).singleElement()
			.extracting(Row::draft)
			.isEqualTo(new FaqDraft("x-1", "ja", "Q1", List.of(), "A1", "billing", List.of("t"), "draft", null));
	}

	@ParameterizedTest
	@ValueSource(strings = { "alternative_questions", "Alternative Questions", "alternative-questions",
			"alternativeQuestions", " ALTERNATIVE_QUESTIONS " })
	void alternativeQuestionsColumnHasSeveralSpellings(String column) {
		List<Row> rows = read("question,answer," + column + "\r\nQ,A,alt\r\n");
		assertThat(rows.get(0).draft().alternativeQuestions()).containsExactly("alt");
	}

	@Test
	void unknownColumnsAreIgnored() {
		List<Row> rows = read("question,views,answer,owner\r\nQ,12,A,someone\r\n");
		assertThat(rows.get(0).draft())
			.isEqualTo(new FaqDraft(null, null, "Q", List.of(), "A", null, List.of(), null, null));
	}

	@Test
	void byteOrderMarkIsSkipped() {
		byte[] bom = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };
		byte[] csv = "question,answer\r\nパスワードを忘れた,再設定してください\r\n".getBytes(StandardCharsets.UTF_8);
		byte[] bytes = new byte[bom.length + csv.length];
		System.arraycopy(bom, 0, bytes, 0, bom.length);
		System.arraycopy(csv, 0, bytes, bom.length, csv.length);
		List<Row> rows = FaqCsv.read(new ByteArrayInputStream(bytes));
		assertThat(rows).singleElement().satisfies((row) -> {
			assertThat(row.draft().question()).isEqualTo("パスワードを忘れた");
			assertThat(row.draft().answer()).isEqualTo("再設定してください");
		});
	}

	@Test
	void byteOrderMarkBeforeAQuotedHeaderIsSkipped() {
		List<Row> rows = read("\uFEFF\"question\",\"answer\"\r\n\"Q\",\"A\"\r\n");
		assertThat(rows).singleElement().extracting((row) -> row.draft().question()).isEqualTo("Q");
	}

	@ParameterizedTest
	@ValueSource(strings = { "question\r\nQ\r\n", "answer,category\r\nA,c\r\n", "id,locale\r\nx,ja\r\n" })
	void missingRequiredColumnIsRejected(String csv) {
		assertThatExceptionOfType(InvalidCsvException.class).isThrownBy(() -> read(csv))
			.withMessageContaining("The CSV header has no '")
			.withMessageMatching("(?s).*'(question|answer)'.*");
	}

	@Test
	void missingAnswerColumnIsNamed() {
		assertThatExceptionOfType(InvalidCsvException.class).isThrownBy(() -> read("question,category\r\nQ,c\r\n"))
			.withMessageContaining("'answer'");
	}

	@Test
	void emptyFileIsRejected() {
		assertThatExceptionOfType(InvalidCsvException.class).isThrownBy(() -> read(""))
			.withMessageContaining("empty")
			.withMessageContaining("question");
	}

	@Test
	void shiftJisFileIsRejectedWithAMessageThatSaysSaveAsUtf8() {
		byte[] shiftJis = "question,answer\r\nパスワードを忘れた,再設定してください\r\n".getBytes(Charset.forName("Shift_JIS"));
		assertThatExceptionOfType(InvalidCsvException.class)
			.isThrownBy(() -> FaqCsv.read(new ByteArrayInputStream(shiftJis)))
			.withMessage("The CSV file is not valid UTF-8; save it as UTF-8 (with or without BOM).");
	}

	@Test
	void invalidUtf8InTheHeaderIsRejected() {
		byte[] latin1 = "questión,answer\r\nQ,A\r\n".getBytes(StandardCharsets.ISO_8859_1);
		assertThatExceptionOfType(InvalidCsvException.class)
			.isThrownBy(() -> FaqCsv.read(new ByteArrayInputStream(latin1)))
			.withMessageContaining("not valid UTF-8");
	}

	@Test
	void brokenQuotingIsRejected() {
		assertThatExceptionOfType(InvalidCsvException.class).isThrownBy(() -> read("question,answer\r\n\"Q,A\r\n"))
			.withMessageStartingWith("The CSV file cannot be read");
	}

	@Test
	void multiLineAlternativeQuestionsCellHoldsOneQuestionPerLine() {
		List<Row> rows = read("question,answer,alternative_questions\r\n"
				+ "パスワードを忘れた,再設定してください,\"パスワードわからない\r\nPW忘れた\nログインできない\"\r\n");
		assertThat(rows.get(0).draft().alternativeQuestions()).containsExactly("パスワードわからない", "PW忘れた", "ログインできない");
	}

	@Test
	void tagsAreCommaSeparated() {
		List<Row> rows = read("question,answer,tags\r\nQ,A,\"billing, invoice ,pdf\"\r\n");
		assertThat(rows.get(0).draft().tags()).extracting(String::strip).containsExactly("billing", "invoice", "pdf");
		Faq faq = FaqRules.toFaq(rows.get(0).draft(), FaqStatus.PUBLISHED, NOW, "test");
		assertThat(faq.tags()).containsExactly("billing", "invoice", "pdf");
	}

	@Test
	void blankAndMissingCellsAreNull() {
		List<Row> rows = read("id,question,answer,category,status\r\n  ,Q,A,,\r\nQ2,A2\r\n");
		assertThat(rows.get(0).draft())
			.isEqualTo(new FaqDraft(null, null, "Q", List.of(), "A", null, List.of(), null, null));
		assertThat(rows.get(1).draft().question()).isEqualTo("A2");
		assertThat(rows.get(1).draft().answer()).isNull();
		assertThat(rows.get(1).draft().category()).isNull();
	}

	@Test
	void rowsKnowTheLineTheyStartOn() {
		List<Row> rows = read("question,answer,alternative_questions\r\n" // 1
				+ "Q1,A1,\r\n" // 2
				+ "Q2,\"first line\r\nsecond line\r\nthird line\",\"alt 1\nalt 2\"\r\n" // 3-6
				+ "Q3,A3,\r\n" // 7
				+ "Q4,A4,"); // 8, no final line break
		assertThat(rows).extracting(Row::line).containsExactly(2L, 3L, 7L, 8L);
		assertThat(rows).extracting((row) -> row.draft().question()).containsExactly("Q1", "Q2", "Q3", "Q4");
	}

	@Test
	void rowsAfterEmptyLinesKnowTheLineTheyStartOn() {
		List<Row> rows = read("question,answer\r\nQ1,A1\r\n\r\nQ2,A2\r\n\r\n\r\nQ3,A3\r\n");
		assertThat(rows).extracting(Row::line).containsExactly(2L, 4L, 7L);
	}

	@Test
	void writesTheHeaderThenOneRecordPerFaq() throws IOException {
		List<CSVRecord> records = parse(write(faq("en-1", Language.EN, "How?", List.of("Why?", "When?"), "Like this.",
				"account", List.of("a", "b"), FaqStatus.DRAFT)));
		assertThat(records.get(0).values()).containsExactlyElementsOf(FaqCsv.COLUMNS);
		assertThat(records.get(1).values()).containsExactly("en-1", "en", "account", "How?", "Why?\nWhen?", "Like this.",
				"a,b", "draft", "");
		assertThat(records).hasSize(2);
	}

	@ParameterizedTest
	@ValueSource(strings = { "=1+1", "+81 3 1234", "-1", "@SUM(A1)" })
	void formulaLikeCellsGetALeadingApostropheOnWrite(String value) throws IOException {
		Faq faq = faq(value, Language.EN, value, List.of("plain", value), value, value, List.of(value, "plain"),
				FaqStatus.PUBLISHED);
		CSVRecord record = parse(write(faq)).get(1);
		assertThat(record.get("id")).isEqualTo("'" + value);
		assertThat(record.get("category")).isEqualTo("'" + value);
		assertThat(record.get("question")).isEqualTo("'" + value);
		assertThat(record.get("alternative_questions")).isEqualTo("plain\n'" + value);
		assertThat(record.get("answer")).isEqualTo("'" + value);
		assertThat(record.get("tags")).isEqualTo("'" + value + ",plain");
	}

	@Test
	void cellsThatAreNotFormulaLikeAreWrittenUnchanged() throws IOException {
		Faq faq = faq("ja-1", Language.JA, "TaskHarborとは？ 1+1=2", List.of("what's = ?"), "答え - です", null, List.of(),
				FaqStatus.ARCHIVED);
		CSVRecord record = parse(write(faq)).get(1);
		assertThat(record.get("question")).isEqualTo("TaskHarborとは？ 1+1=2");
		assertThat(record.get("alternative_questions")).isEqualTo("what's = ?");
		assertThat(record.get("answer")).isEqualTo("答え - です");
		assertThat(record.get("category")).isEmpty();
		assertThat(record.get("tags")).isEmpty();
	}

	@Test
	void writtenFileReadsBackUnchanged() throws IOException {
		List<Faq> faqs = List.of(
				faq("ja-1", Language.JA, "=SUM(A1:A3) とは？", List.of("+81 の番号", "@メンション", "普通の質問", "-1 は？"),
						"- item\n- item 2\n\n**太字**, \"引用\"、カンマ, 改行\r\nあり", "billing", List.of("@team", "請求"),
						FaqStatus.PUBLISHED),
				faq("en-2", Language.EN, "=SUM(", List.of("=HYPERLINK(\"http://x\")"), "- item", "-", List.of("=a", "+b"),
						FaqStatus.DRAFT),
				faq("en-3", Language.EN, "Plain question?", List.of(), "Plain answer, with a comma.", null, List.of(),
						FaqStatus.ARCHIVED));
		String csv = write(faqs.toArray(Faq[]::new));
		List<Row> rows = FaqCsv.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
		assertThat(rows).hasSameSizeAs(faqs);
		for (int i = 0; i < faqs.size(); i++) {
			Faq faq = faqs.get(i);
			FaqDraft draft = rows.get(i).draft();
			assertThat(draft).isEqualTo(new FaqDraft(faq.id(), faq.locale().code(), faq.question(),
					faq.alternativeQuestions(), faq.answer(), faq.category(), faq.tags(), faq.status().code(), null));
			Faq again = FaqRules.toFaq(draft, FaqStatus.PUBLISHED, NOW, "test");
			assertThat(again).usingRecursiveComparison().ignoringFields("version", "createdAt", "updatedAt", "author")
				.isEqualTo(faq);
		}
	}

	@Test
	void valueStartingWithAnApostropheReadsBackUnchanged() throws IOException {
		Faq faq = faq("en-1", Language.EN, "'=x is shown as text?", List.of("'-1"), "'+ is a prefix", null, List.of(),
				FaqStatus.PUBLISHED);
		FaqDraft draft = FaqCsv.read(new ByteArrayInputStream(write(faq).getBytes(StandardCharsets.UTF_8))).get(0).draft();
		assertThat(draft.question()).isEqualTo(faq.question());
		assertThat(draft.alternativeQuestions()).isEqualTo(faq.alternativeQuestions());
		assertThat(draft.answer()).isEqualTo(faq.answer());
	}

	private static List<Row> read(String csv) {
		return FaqCsv.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
	}

	private static String write(Faq... faqs) throws IOException {
		StringWriter out = new StringWriter();
		FaqCsv.write(List.of(faqs), out);
		return out.toString();
	}

	/** What a spreadsheet would see: the raw cells of a written file. */
	private static List<CSVRecord> parse(String csv) {
		try {
			return CSVFormat.RFC4180.builder()
				.setHeader(FaqCsv.COLUMNS.toArray(String[]::new))
				.get()
				.parse(new StringReader(csv))
				.getRecords();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Faq faq(String id, Language locale, String question, List<String> alternatives, String answer,
			String category, List<String> tags, FaqStatus status) {
		return new Faq(id, locale, question, alternatives, answer, category, tags, status, 1, NOW, NOW, "test");
	}

}
