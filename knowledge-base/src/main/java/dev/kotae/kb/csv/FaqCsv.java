package dev.kotae.kb.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.kotae.kb.faq.Faq;
import dev.kotae.kb.faq.FaqDraft;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads and writes the FAQ CSV format: header row, then one FAQ per record. Columns
 * {@code question} and {@code answer} are required; {@code id, locale, category,
 * alternative_questions} (one per line in the cell), {@code tags} (comma-separated) and
 * {@code status} and {@code audience} ({@code key=value|value;key=value}) are optional; unknown
 * columns are ignored.
 */
public final class FaqCsv {

	/** The columns written on export, in this order. */
	public static final List<String> COLUMNS = List.of("id", "locale", "category", "question", "alternative_questions",
			"answer", "tags", "status", "audience");

	/** Empty lines are kept as records (and skipped by {@link #read}) so that line numbers stay exact. */
	private static final CSVFormat READ = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();

	private static final CSVFormat WRITE = CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();

	/** Characters that make a spreadsheet treat a cell as a formula. */
	private static final String FORMULA_START = "=+-@\t\r";

	private FaqCsv() {
	}

	/** One data record and the line of the file it starts on. */
	public record Row(long line, FaqDraft draft) {
	}

	/**
	 * Reads every record of a CSV file as an FAQ draft.
	 * @throws InvalidCsvException if the bytes are not UTF-8, the quoting is broken, or a required
	 * column is missing
	 */
	public static List<Row> read(InputStream in) {
		try (Reader reader = withoutBom(utf8(in)); CSVParser parser = CSVParser.parse(reader, READ)) {
			Iterator<CSVRecord> records = parser.iterator();
			Map<String, Integer> header = null;
			while (header == null && records.hasNext()) {
				CSVRecord record = records.next();
				if (!isEmptyLine(record)) {
					header = header(record);
				}
			}
			if (header == null) {
				throw new InvalidCsvException("The CSV file is empty; its first line must be a header such as "
						+ String.join(",", COLUMNS) + ".");
			}
			for (String required : List.of("question", "answer")) {
				if (!header.containsKey(required)) {
					throw new InvalidCsvException("The CSV header has no '" + required + "' column; found "
							+ header.keySet() + ".");
				}
			}
			List<Row> rows = new ArrayList<>();
			long nextLine = parser.getCurrentLineNumber() + 1;
			while (records.hasNext()) {
				CSVRecord record = records.next();
				if (!isEmptyLine(record)) {
					rows.add(new Row(nextLine, draft(record, header)));
				}
				nextLine = parser.getCurrentLineNumber() + 1;
			}
			return rows;
		}
		catch (UncheckedIOException ex) {
			throw invalid(ex.getCause());
		}
		catch (IOException ex) {
			throw invalid(ex);
		}
	}

	private static boolean isEmptyLine(CSVRecord record) {
		return record.size() == 1 && record.get(0).isEmpty();
	}

	/** Skips a UTF-8 byte order mark, which must not end up in the first header name. */
	private static Reader withoutBom(Reader reader) throws IOException {
		PushbackReader pushback = new PushbackReader(reader, 1);
		int first = pushback.read();
		if (first >= 0 && first != '\uFEFF') {
			pushback.unread(first);
		}
		return pushback;
	}

	/** Writes FAQs with a header of {@link #COLUMNS}, neutralising formula-like cells. */
	public static void write(Iterable<Faq> faqs, Writer out) throws IOException {
		CSVPrinter printer = new CSVPrinter(out, WRITE);
		printer.printRecord(COLUMNS);
		for (Faq faq : faqs) {
			printer.printRecord(cell(faq.id()), faq.locale().code(), cell(faq.category()), cell(faq.question()),
					cell(String.join("\n", faq.alternativeQuestions().stream().map(FaqCsv::cell).toList())),
					cell(faq.answer()), cell(String.join(",", faq.tags())), faq.status().code(),
					cell(faq.audience().format()));
		}
		printer.flush();
	}

	/**
	 * Prefixes a cell that a spreadsheet would run as a formula with an apostrophe (and one that
	 * starts with an apostrophe already, so that {@link #uncell} restores it exactly).
	 */
	public static String cell(String value) {
		if (value == null || value.isEmpty()) {
			return value;
		}
		char first = value.charAt(0);
		return (FORMULA_START.indexOf(first) >= 0 || first == '\'') ? "'" + value : value;
	}

	/** Undoes {@link #cell} so that an exported file imports back unchanged. */
	static String uncell(String value) {
		if (value != null && value.length() > 1 && value.charAt(0) == '\''
				&& (FORMULA_START.indexOf(value.charAt(1)) >= 0 || value.charAt(1) == '\'')) {
			return value.substring(1);
		}
		return value;
	}

	private static Map<String, Integer> header(CSVRecord record) {
		Map<String, Integer> header = new HashMap<>();
		for (int i = 0; i < record.size(); i++) {
			String name = record.get(i).replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT).replaceAll("[ -]", "_");
			if ("alternativequestions".equals(name)) {
				name = "alternative_questions";
			}
			header.putIfAbsent(name, i);
		}
		return header;
	}

	private static FaqDraft draft(CSVRecord record, Map<String, Integer> header) {
		String alternatives = value(record, header, "alternative_questions");
		String tags = value(record, header, "tags");
		return new FaqDraft(value(record, header, "id"), value(record, header, "locale"),
				value(record, header, "question"),
				(alternatives == null) ? List.of() : alternatives.lines().map(FaqCsv::uncell).toList(),
				value(record, header, "answer"), value(record, header, "category"),
				(tags == null) ? List.of() : Arrays.asList(tags.split(",")), value(record, header, "status"), null,
				value(record, header, "audience"));
	}

	private static String value(CSVRecord record, Map<String, Integer> header, String column) {
		Integer index = header.get(column);
		if (index == null || index >= record.size()) {
			return null;
		}
		String value = record.get(index);
		return value.isBlank() ? null : uncell(value);
	}

	private static Reader utf8(InputStream in) {
		return new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT));
	}

	private static InvalidCsvException invalid(Throwable cause) {
		if (cause instanceof CharacterCodingException) {
			return new InvalidCsvException("The CSV file is not valid UTF-8; save it as UTF-8 (with or without BOM).");
		}
		return new InvalidCsvException("The CSV file cannot be read: " + cause.getMessage());
	}

}
