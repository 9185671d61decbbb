package dev.kotae.kb.csv;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import dev.kotae.kb.csv.ImportPreview.RowOutcome;
import dev.kotae.kb.csv.ImportReport.Rejection;
import dev.kotae.kb.faq.FaqService;
import dev.kotae.kb.faq.FaqService.UpsertOutcome;
import dev.kotae.kb.faq.FaqStatus;

import org.springframework.stereotype.Service;

/**
 * Imports FAQ CSV files: every valid row is upserted by id; a bad row is rejected on its own; a row
 * equal to the stored FAQ is left alone. {@link #preview} tells what an import would do.
 */
@Service
public class FaqImporter {

	/** Status of new FAQs whose row names none. */
	static final FaqStatus DEFAULT_STATUS = FaqStatus.PUBLISHED;

	private final FaqService faqs;

	FaqImporter(FaqService faqs) {
		this.faqs = faqs;
	}

	/**
	 * Imports a CSV file in one transaction; rows without a status become {@code published}.
	 * @throws InvalidCsvException if the file cannot be read at all (nothing is imported then)
	 */
	public ImportReport importCsv(InputStream csv, String author) {
		return importRows(FaqCsv.read(csv), author);
	}

	/** Imports rows read by {@link FaqCsv#read} in one transaction. */
	public ImportReport importRows(List<FaqCsv.Row> rows, String author) {
		List<UpsertOutcome> outcomes = this.faqs.upsertAll(rows.stream().map(FaqCsv.Row::draft).toList(),
				DEFAULT_STATUS, author);
		int created = 0;
		int updated = 0;
		int unchanged = 0;
		List<Rejection> rejected = new ArrayList<>();
		for (int i = 0; i < outcomes.size(); i++) {
			UpsertOutcome outcome = outcomes.get(i);
			switch (outcome.kind()) {
				case CREATED -> created++;
				case UPDATED -> updated++;
				case UNCHANGED -> unchanged++;
				case REJECTED -> rejected.add(new Rejection(rows.get(i).line(), outcome.reason()));
			}
		}
		return new ImportReport(created, updated, unchanged, rejected);
	}

	/**
	 * What importing the file would do, row by row, without writing anything.
	 * @throws InvalidCsvException if the file cannot be read at all
	 */
	public ImportPreview preview(InputStream csv) {
		return preview(FaqCsv.read(csv));
	}

	ImportPreview preview(List<FaqCsv.Row> rows) {
		List<UpsertOutcome> outcomes = this.faqs.previewUpsertAll(rows.stream().map(FaqCsv.Row::draft).toList(),
				DEFAULT_STATUS);
		int[] counts = new int[UpsertOutcome.Kind.values().length];
		List<Rejection> rejected = new ArrayList<>();
		List<RowOutcome> listed = new ArrayList<>();
		for (int i = 0; i < outcomes.size(); i++) {
			UpsertOutcome outcome = outcomes.get(i);
			FaqCsv.Row row = rows.get(i);
			counts[outcome.kind().ordinal()]++;
			if (outcome.kind() == UpsertOutcome.Kind.REJECTED) {
				rejected.add(new Rejection(row.line(), outcome.reason()));
			}
			if (listed.size() < ImportPreview.MAX_ROWS) {
				listed.add(new RowOutcome(row.line(), name(outcome.kind()), blankToNull(row.draft().id()),
						row.draft().question(), outcome.reason()));
			}
		}
		return new ImportPreview(rows.size(), counts[UpsertOutcome.Kind.CREATED.ordinal()],
				counts[UpsertOutcome.Kind.UPDATED.ordinal()], counts[UpsertOutcome.Kind.UNCHANGED.ordinal()], rejected,
				listed);
	}

	private static String name(UpsertOutcome.Kind kind) {
		return switch (kind) {
			case CREATED -> "create";
			case UPDATED -> "update";
			case UNCHANGED -> "unchanged";
			case REJECTED -> "reject";
		};
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
