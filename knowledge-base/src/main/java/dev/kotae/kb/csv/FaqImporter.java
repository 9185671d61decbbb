package dev.kotae.kb.csv;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import dev.kotae.kb.csv.ImportReport.Rejection;
import dev.kotae.kb.faq.FaqService;
import dev.kotae.kb.faq.FaqService.UpsertOutcome;
import dev.kotae.kb.faq.FaqStatus;

import org.springframework.stereotype.Service;

/** Imports FAQ CSV files: every valid row is upserted by id; a bad row is rejected on its own. */
@Service
public class FaqImporter {

	private final FaqService faqs;

	FaqImporter(FaqService faqs) {
		this.faqs = faqs;
	}

	/**
	 * Imports a CSV file; rows without a status become {@code published}.
	 * @throws InvalidCsvException if the file cannot be read at all (nothing is imported then)
	 */
	public ImportReport importCsv(InputStream csv, String author) {
		List<FaqCsv.Row> rows = FaqCsv.read(csv);
		List<UpsertOutcome> outcomes = this.faqs.upsertAll(rows.stream().map(FaqCsv.Row::draft).toList(),
				FaqStatus.PUBLISHED, author);
		int created = 0;
		int updated = 0;
		List<Rejection> rejected = new ArrayList<>();
		for (int i = 0; i < outcomes.size(); i++) {
			UpsertOutcome outcome = outcomes.get(i);
			switch (outcome.kind()) {
				case CREATED -> created++;
				case UPDATED -> updated++;
				case REJECTED -> rejected.add(new Rejection(rows.get(i).line(), outcome.reason()));
			}
		}
		return new ImportReport(created, updated, rejected);
	}

}
