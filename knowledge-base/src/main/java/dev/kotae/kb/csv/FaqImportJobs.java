package dev.kotae.kb.csv;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import dev.kotae.kb.csv.ImportReport.Rejection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * CSV imports as background jobs, for files too large to wait for: the rows are imported in chunks
 * of {@link #CHUNK} (one transaction each, so a chunk is all or nothing and the search index follows
 * chunk by chunk), and the progress is written to {@code faq_import_job} after every chunk, so that
 * any node can report it. One job runs at a time on a node; others queue behind it.
 */
@Service
public class FaqImportJobs implements DisposableBean {

	/** Rows per transaction. */
	static final int CHUNK = 100;

	/** A running job without progress for this long was cut off. */
	public static final Duration STALE_AFTER = Duration.ofMinutes(5);

	/** The most rejected rows a job lists (polled often, it stays small). */
	public static final int MAX_LISTED_REJECTIONS = 1_000;

	private static final int MAX_REASON = 4_000;

	private static final Logger log = LoggerFactory.getLogger(FaqImportJobs.class);

	private final FaqImporter importer;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final ExecutorService worker = Executors.newSingleThreadExecutor((r) -> {
		Thread thread = new Thread(r, "kotae-faq-import");
		thread.setDaemon(true);
		return thread;
	});

	FaqImportJobs(FaqImporter importer, JdbcClient jdbc, ObjectProvider<Clock> clock) {
		this.importer = importer;
		this.jdbc = jdbc;
		this.clock = clock.getIfAvailable(Clock::systemUTC);
	}

	/**
	 * Starts importing rows read by {@link FaqCsv#read} (so a file that cannot be read at all fails
	 * before any job starts).
	 * @param onDone called in the job's thread with the report when the job ends, also when it failed
	 * part way
	 * @return the job as it starts
	 */
	public ImportJob start(List<FaqCsv.Row> rows, String author, Consumer<ImportJob> onDone) {
		String id = UUID.randomUUID().toString();
		Instant now = now();
		this.jdbc.sql("INSERT INTO faq_import_job (id, state, total_rows, done_rows, created, updated, unchanged, "
				+ "rejected, author, started_at, updated_at) VALUES (?, 'running', ?, 0, 0, 0, 0, 0, ?, ?, ?)")
			.params(id, rows.size(), author, utc(now), utc(now))
			.update();
		this.worker.execute(() -> run(id, rows, author, onDone));
		return get(id);
	}

	/**
	 * The job as far as it got.
	 * @throws ImportJobNotFoundException when there is no such job
	 */
	public ImportJob get(String id) {
		List<Rejection> rejected = this.jdbc
			.sql("SELECT line, reason FROM faq_import_rejection WHERE job_id = ? ORDER BY line LIMIT ?")
			.params(id, MAX_LISTED_REJECTIONS)
			.query((rs, row) -> new Rejection(rs.getLong("line"), rs.getString("reason")))
			.list();
		Instant stale = now().minus(STALE_AFTER);
		return this.jdbc.sql("SELECT * FROM faq_import_job WHERE id = ?")
			.param(id)
			.query((rs, row) -> map(rs, rejected, stale))
			.optional()
			.orElseThrow(() -> new ImportJobNotFoundException(id));
	}

	private void run(String id, List<FaqCsv.Row> rows, String author, Consumer<ImportJob> onDone) {
		int done = 0;
		try {
			while (done < rows.size()) {
				List<FaqCsv.Row> chunk = rows.subList(done, Math.min(rows.size(), done + CHUNK));
				ImportReport report = this.importer.importRows(chunk, author);
				done += chunk.size();
				progress(id, done, report);
			}
			finish(id, "done", null);
		}
		catch (RuntimeException ex) {
			log.error("CSV import job {} failed after {} of {} rows", id, done, rows.size(), ex);
			finish(id, "failed", "The import stopped after " + done + " of " + rows.size()
					+ " rows because of an internal error; the rows before stay imported. Import the file again "
					+ "to finish it (rows already imported are left unchanged).");
		}
		try {
			onDone.accept(get(id));
		}
		catch (RuntimeException ex) {
			log.error("Reporting the end of CSV import job {} failed", id, ex);
		}
	}

	private void progress(String id, int done, ImportReport report) {
		this.jdbc.sql("UPDATE faq_import_job SET done_rows = ?, created = created + ?, updated = updated + ?, "
				+ "unchanged = unchanged + ?, rejected = rejected + ?, updated_at = ? WHERE id = ?")
			.params(done, report.created(), report.updated(), report.unchanged(), report.rejected().size(), utc(now()),
					id)
			.update();
		for (Rejection rejection : report.rejected()) {
			String reason = rejection.reason();
			this.jdbc.sql("INSERT INTO faq_import_rejection (job_id, line, reason) VALUES (?, ?, ?)")
				.params(id, rejection.line(), (reason.length() > MAX_REASON) ? reason.substring(0, MAX_REASON) : reason)
				.update();
		}
	}

	private void finish(String id, String state, String error) {
		Instant now = now();
		this.jdbc.sql("UPDATE faq_import_job SET state = ?, error = ?, updated_at = ?, finished_at = ? WHERE id = ?")
			.params(state, error, utc(now), utc(now), id)
			.update();
	}

	private static ImportJob map(ResultSet rs, List<Rejection> rejected, Instant stale) throws SQLException {
		String state = rs.getString("state");
		if ("running".equals(state) && rs.getObject("updated_at", OffsetDateTime.class).toInstant().isBefore(stale)) {
			state = "interrupted";
		}
		OffsetDateTime finished = rs.getObject("finished_at", OffsetDateTime.class);
		return new ImportJob(rs.getString("id"), state, rs.getInt("total_rows"), rs.getInt("done_rows"),
				rs.getInt("created"), rs.getInt("updated"), rs.getInt("unchanged"), rs.getInt("rejected"), rejected,
				rs.getString("error"),
				rs.getString("author"), rs.getObject("started_at", OffsetDateTime.class).toInstant(),
				(finished != null) ? finished.toInstant() : null);
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	@Override
	public void destroy() {
		this.worker.shutdownNow();
	}

}
