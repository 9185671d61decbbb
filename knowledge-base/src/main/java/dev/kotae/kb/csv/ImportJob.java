package dev.kotae.kb.csv;

import java.time.Instant;
import java.util.List;

/**
 * A CSV import running in the background, as far as it got.
 *
 * @param id the job's id
 * @param state {@code running}, {@code done}, {@code failed}, or {@code interrupted} when a running
 * job made no progress for {@link FaqImportJobs#STALE_AFTER} (its node stopped; the rows done before
 * stay imported)
 * @param total data rows in the file
 * @param done rows handled so far
 * @param created FAQs created so far
 * @param updated FAQs changed so far
 * @param unchanged rows equal to the stored FAQ so far
 * @param rejectedCount how many rows were rejected so far
 * @param rejected the first {@link FaqImportJobs#MAX_LISTED_REJECTIONS} rows rejected so far, and why, by
 * line
 * @param error why a failed job stopped, else {@code null}
 * @param author who started it
 * @param startedAt when it started
 * @param finishedAt when it ended, else {@code null}
 */
public record ImportJob(String id, String state, int total, int done, int created, int updated, int unchanged,
		int rejectedCount, List<ImportReport.Rejection> rejected, String error, String author, Instant startedAt, Instant finishedAt) {

	public ImportJob {
		rejected = List.copyOf(rejected);
	}

	/** The job's outcome so far as an import report (with the rejections listed). */
	public ImportReport report() {
		return new ImportReport(this.created, this.updated, this.unchanged, this.rejected);
	}

}
