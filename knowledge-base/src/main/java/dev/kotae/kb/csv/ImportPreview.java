package dev.kotae.kb.csv;

import java.util.List;

/**
 * What importing a CSV file would do, worked out without writing anything.
 *
 * @param total data rows in the file
 * @param created rows that would create an FAQ
 * @param updated rows that would change an FAQ
 * @param unchanged rows equal to the stored FAQ
 * @param rejected every rejected row, and why
 * @param rows the first {@link #MAX_ROWS} rows with their outcome, in file order
 */
public record ImportPreview(int total, int created, int updated, int unchanged, List<ImportReport.Rejection> rejected,
		List<RowOutcome> rows) {

	/** The most rows listed one by one. */
	public static final int MAX_ROWS = 200;

	public ImportPreview {
		rejected = List.copyOf(rejected);
		rows = List.copyOf(rows);
	}

	/**
	 * One row's outcome.
	 *
	 * @param line the line of the file the row starts on
	 * @param outcome {@code create}, {@code update}, {@code unchanged} or {@code reject}
	 * @param id the row's id ({@code null} for a new FAQ without one)
	 * @param question the row's question as written
	 * @param reason why it would be rejected, else {@code null}
	 */
	public record RowOutcome(long line, String outcome, String id, String question, String reason) {
	}

}
