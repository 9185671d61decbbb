package dev.kotae.kb.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.kotae.kb.csv.FaqCsv;
import dev.kotae.kb.csv.FaqImporter;
import dev.kotae.kb.csv.ImportReport;
import dev.kotae.kb.faq.Faq;
import dev.kotae.kb.faq.FaqRules;
import dev.kotae.kb.faq.FaqService;
import dev.kotae.kb.faq.FaqStatus;
import dev.kotae.kb.faq.Language;
import dev.kotae.kb.synonym.SynonymService;
import dev.kotae.kb.synonym.SynonymSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/** Loads the demo FAQs and synonyms into an empty knowledge base when {@code kotae.demo.enabled}. */
@Component
@Order(0)
public class DemoKnowledgeBase implements ApplicationRunner {

	/** Classpath locations of the demo files. */
	public static final List<String> FAQ_FILES = List.of("demo/faqs-ja.csv", "demo/faqs-en.csv");

	public static final String SYNONYM_FILE = "demo/synonyms.txt";

	private static final Logger log = LoggerFactory.getLogger(DemoKnowledgeBase.class);

	private final DemoProperties properties;

	private final FaqService faqs;

	private final FaqImporter importer;

	private final SynonymService synonyms;

	DemoKnowledgeBase(DemoProperties properties, FaqService faqs, FaqImporter importer, SynonymService synonyms) {
		this.properties = properties;
		this.faqs = faqs;
		this.importer = importer;
		this.synonyms = synonyms;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!this.properties.enabled() || this.faqs.count() > 0) {
			return;
		}
		int loaded = 0;
		for (String file : FAQ_FILES) {
			try (InputStream in = new ClassPathResource(file).getInputStream()) {
				ImportReport report = this.importer.importCsv(in, "demo");
				if (!report.rejected().isEmpty()) {
					throw new IllegalStateException("Demo file " + file + " has bad rows: " + report.rejected());
				}
				loaded += report.created();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		if (this.synonyms.isEmpty()) {
			for (SynonymSet set : synonymSets()) {
				this.synonyms.create(set.locale().code(), set.terms());
			}
		}
		log.info("Loaded the demo knowledge base: {} FAQs (set kotae.demo.enabled=false to start empty)", loaded);
	}

	/** The demo FAQs as stored FAQs would be (version 1, author {@code demo}), without a database. */
	public static List<Faq> faqs() {
		List<Faq> faqs = new ArrayList<>();
		for (String file : FAQ_FILES) {
			try (InputStream in = new ClassPathResource(file).getInputStream()) {
				for (FaqCsv.Row row : FaqCsv.read(in)) {
					faqs.add(FaqRules.toFaq(row.draft(), FaqStatus.PUBLISHED, Instant.EPOCH, "demo"));
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return faqs;
	}

	/** The demo synonym sets (ids are 0: they are not stored). */
	public static List<SynonymSet> synonymSets() {
		try (InputStream in = new ClassPathResource(SYNONYM_FILE).getInputStream()) {
			return parseSynonyms(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Parses lines of {@code locale: term, term, ...}; {@code #} starts a comment line. */
	public static List<SynonymSet> parseSynonyms(String text) {
		List<SynonymSet> sets = new ArrayList<>();
		text.lines().map(String::strip).filter((l) -> !l.isEmpty() && !l.startsWith("#")).forEach((line) -> {
			int colon = line.indexOf(':');
			Language locale = (colon < 0) ? null : Language.parse(line.substring(0, colon)).orElse(null);
			if (locale == null) {
				throw new IllegalArgumentException("A synonym line must start with 'ja:' or 'en:': " + line);
			}
			sets.add(new SynonymSet(0, locale, SynonymService.parseTerms(line.substring(colon + 1))));
		});
		return sets;
	}

}
