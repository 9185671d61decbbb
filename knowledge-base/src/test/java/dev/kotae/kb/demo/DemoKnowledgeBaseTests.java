package dev.kotae.kb.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.kotae.kb.csv.FaqCsv;
import dev.kotae.kb.csv.FaqImporter;
import dev.kotae.kb.faq.Faq;
import dev.kotae.kb.faq.FaqFilter;
import dev.kotae.kb.faq.FaqPage;
import dev.kotae.kb.faq.FaqRules;
import dev.kotae.kb.faq.FaqService;
import dev.kotae.kb.faq.FaqStatus;
import dev.kotae.kb.faq.InvalidInputException;
import dev.kotae.kb.faq.Language;
import dev.kotae.kb.synonym.SynonymService;
import dev.kotae.kb.synonym.SynonymSet;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase.Replace;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The demo files and their loading: the context starts on an empty H2 database, so the demo runner
 * loads them as on a fresh install.
 */
@JdbcTest(properties = "spring.datasource.url=jdbc:h2:mem:demo-knowledge-base-tests;DB_CLOSE_DELAY=-1")
@AutoConfigureTestDatabase(replace = Replace.NONE)
class DemoKnowledgeBaseTests {

	private static final Set<String> CATEGORIES = Set.of("account", "billing", "plans", "security", "integrations",
			"troubleshooting");

	private static final Map<String, Language> QUERY_FILES = Map.of("demo/queries-ja.tsv", Language.JA,
			"demo/queries-en.tsv", Language.EN);

	@Autowired
	private FaqService faqs;

	@Autowired
	private FaqImporter importer;

	@Autowired
	private SynonymService synonyms;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void demoFilesParseWithoutRejectedRows() {
		List<String> rejected = new ArrayList<>();
		for (String file : DemoKnowledgeBase.FAQ_FILES) {
			for (FaqCsv.Row row : rows(file)) {
				try {
					FaqRules.toFaq(row.draft(), FaqStatus.PUBLISHED, Instant.EPOCH, "demo");
				}
				catch (InvalidInputException ex) {
					rejected.add(file + ":" + row.line() + ": " + ex.getMessage());
				}
			}
		}
		assertThat(rejected).isEmpty();
	}

	@Test
	void demoFaqsHaveDistinctIdsAndTheLocaleOfTheirFile() {
		Map<String, Language> locales = demoLocales();
		assertThat(locales).hasSize(DemoKnowledgeBase.FAQ_FILES.stream().mapToInt((file) -> rows(file).size()).sum());
		for (String file : DemoKnowledgeBase.FAQ_FILES) {
			Language locale = file.contains("-ja") ? Language.JA : Language.EN;
			assertThat(rows(file)).as(file).allSatisfy((row) -> assertThat(row.draft().locale()).isEqualTo(locale.code()));
		}
	}

	@Test
	void emptyKnowledgeBaseIsFilledWithEveryDemoFaqAndSynonymSet() {
		assertThat(this.faqs.count()).isEqualTo(demoLocales().size());
		assertThat(this.faqs.all()).extracting(Faq::author).containsOnly("demo");
		assertThat(this.synonyms.all()).extracting(SynonymSet::locale, SynonymSet::terms)
			.containsExactlyInAnyOrderElementsOf(DemoKnowledgeBase.synonymSets()
				.stream()
				.map((set) -> tuple(set.locale(), set.terms()))
				.toList());
	}

	@Test
	void eachLocaleHasAtLeast50PublishedFaqsInTheSixCategories() {
		for (Language locale : Language.values()) {
			FaqPage page = this.faqs.list(new FaqFilter(locale, null, FaqStatus.PUBLISHED, null), 0, 1_000);
			assertThat(page.total()).as("published %s FAQs", locale.code()).isGreaterThanOrEqualTo(50);
			assertThat(page.items()).extracting(Faq::category)
				.as("categories of %s", locale.code())
				.containsOnly(CATEGORIES.toArray(String[]::new));
		}
	}

	@Test
	void everyQueryNamesExistingFaqsOfItsLocale() {
		Map<String, Language> faqLocales = demoLocales();
		for (Map.Entry<String, Language> file : QUERY_FILES.entrySet()) {
			List<String> lines = lines(file.getKey());
			assertThat(lines.get(0)).isEqualTo("text\trelevant");
			int inScope = 0;
			for (int i = 1; i < lines.size(); i++) {
				String where = file.getKey() + ":" + (i + 1);
				String[] columns = lines.get(i).split("\t", -1);
				assertThat(columns).as(where).hasSize(2);
				assertThat(columns[0]).as(where).isNotBlank();
				if (columns[1].isEmpty()) {
					continue;
				}
				inScope++;
				for (String relevant : columns[1].split(",")) {
					String[] idAndGrade = relevant.split(":");
					assertThat(idAndGrade).as(where).hasSize(2);
					assertThat(faqLocales).as(where).containsEntry(idAndGrade[0], file.getValue());
					assertThat(idAndGrade[1]).as(where).isIn("1", "2");
				}
			}
			assertThat(inScope).as(file.getKey()).isPositive();
		}
	}

	@Test
	void demoSynonymFileParses() {
		List<SynonymSet> sets = DemoKnowledgeBase.synonymSets();
		assertThat(sets).extracting(SynonymSet::locale).contains(Language.JA, Language.EN);
		assertThat(sets).allSatisfy((set) -> {
			assertThat(set.terms()).hasSizeGreaterThanOrEqualTo(2).doesNotHaveDuplicates();
			assertThat(set.terms()).allSatisfy((term) -> assertThat(term).isNotBlank().isEqualTo(term.strip()));
		});
		assertThat(sets).anySatisfy((set) -> assertThat(set.terms()).contains("パスワード", "PW"));
	}

	@Test
	void synonymLinesNeedALocaleAndSkipCommentsAndBlankLines() {
		List<SynonymSet> sets = DemoKnowledgeBase.parseSynonyms("""
				# a comment
				ja: 領収書、レシート , receipt

				  EN : sign in, log in
				""");
		assertThat(sets).extracting(SynonymSet::locale, SynonymSet::terms)
			.containsExactly(tuple(Language.JA, List.of("領収書", "レシート", "receipt")),
					tuple(Language.EN, List.of("sign in", "log in")));
		assertThatIllegalArgumentException().isThrownBy(() -> DemoKnowledgeBase.parseSynonyms("パスワード, PW"))
			.withMessageContaining("パスワード, PW");
		assertThatIllegalArgumentException().isThrownBy(() -> DemoKnowledgeBase.parseSynonyms("fr: mot de passe, mdp"));
	}

	@Test
	void demoIsLoadedOnlyWhenEnabledAndTheKnowledgeBaseIsEmpty() {
		long demoFaqs = this.faqs.count();
		int demoSets = this.synonyms.all().size();
		demo(true).run(new DefaultApplicationArguments());
		assertThat(this.faqs.count()).as("not loaded again").isEqualTo(demoFaqs);

		this.jdbc.sql("DELETE FROM faq").update();
		demo(false).run(new DefaultApplicationArguments());
		assertThat(this.faqs.count()).as("disabled").isZero();

		demo(true).run(new DefaultApplicationArguments());
		assertThat(this.faqs.count()).isEqualTo(demoFaqs);
		assertThat(this.synonyms.all()).as("synonyms exist already").hasSize(demoSets);
	}

	private DemoKnowledgeBase demo(boolean enabled) {
		return new DemoKnowledgeBase(new DemoProperties(enabled), this.faqs, this.importer, this.synonyms);
	}

	/** Id → locale of every FAQ in the demo files. */
	private static Map<String, Language> demoLocales() {
		Map<String, Language> locales = new HashMap<>();
		for (String file : DemoKnowledgeBase.FAQ_FILES) {
			for (FaqCsv.Row row : rows(file)) {
				Language previous = locales.put(row.draft().id(), Language.parse(row.draft().locale()).orElseThrow());
				assertThat(previous).as("id %s is used twice", row.draft().id()).isNull();
			}
		}
		return locales;
	}

	private static List<FaqCsv.Row> rows(String file) {
		try (InputStream in = new ClassPathResource(file).getInputStream()) {
			return FaqCsv.read(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static List<String> lines(String file) {
		try (InputStream in = new ClassPathResource(file).getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@SpringBootConfiguration
	@EnableConfigurationProperties(DemoProperties.class)
	@ComponentScan(basePackageClasses = { FaqService.class, FaqImporter.class, SynonymService.class,
			DemoKnowledgeBase.class },
			excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = ".*Tests(\\$.*)?"))
	static class Config {

	}

}
