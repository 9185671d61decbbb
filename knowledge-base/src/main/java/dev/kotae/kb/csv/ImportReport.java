package dev.kotae.kb.csv;

import java.util.List;

/**
 * What a CSV import did.
 *
 * @param created number of new FAQs
 * @param updated number of FAQs replaced by id
 * @param unchanged number of rows equal to the stored FAQ, left alone
 * @param rejected the rows that were not imported, and why
 */
public record ImportReport(int created, int updated, int unchanged, List<Rejection> rejected) {

	public ImportReport {
		rejected = List.copyOf(rejected);
	}

	public ImportReport(int created, int updated, List<Rejection> rejected) {
		this(created, updated, 0, rejected);
	}

	/** A rejected row; {@code line} is the line of the file the row starts on (the header is line 1). */
	public record Rejection(long line, String reason) {
	}

}
