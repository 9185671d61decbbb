package dev.kotae.bot.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.core.io.ClassPathResource;

/**
 * A query of an FAQ retrieval set with its graded relevant FAQs (2 = answers it, 1 = related). No
 * relevant FAQ means the query is out of scope.
 */
public record LabelledQuery(String text, Map<String, Integer> relevant) {

	public LabelledQuery {
		relevant = Collections.unmodifiableMap(new LinkedHashMap<>(relevant));
	}

	public boolean inScope() {
		return !this.relevant.isEmpty();
	}

	public int bestGrade() {
		return this.relevant.values().stream().mapToInt(Integer::intValue).max().orElse(0);
	}

	/** The dev query set of the demo knowledge base, Japanese then English. */
	public static List<LabelledQuery> demoDevSet() {
		List<LabelledQuery> queries = new ArrayList<>();
		for (String file : List.of("demo/queries-ja.tsv", "demo/queries-en.tsv")) {
			try {
				queries.addAll(parse(new ClassPathResource(file).getContentAsString(StandardCharsets.UTF_8).lines().toList(),
						file));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return queries;
	}

	/** Reads a {@code text<TAB>relevant} file with a header line; relevant is {@code id:grade,...}. */
	public static List<LabelledQuery> read(Path file) throws IOException {
		return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
	}

	/** Parses the lines of a query file (the first is the header); {@code source} names it in errors. */
	public static List<LabelledQuery> parse(List<String> lines, String source) throws IOException {
		List<LabelledQuery> queries = new ArrayList<>();
		for (int i = 1; i < lines.size(); i++) {
			String line = lines.get(i);
			if (line.isBlank()) {
				continue;
			}
			String[] parts = line.split("\t", -1);
			Map<String, Integer> relevant = new LinkedHashMap<>();
			if (parts.length > 1 && !parts[1].isBlank()) {
				for (String item : parts[1].split(",")) {
					String[] idGrade = item.strip().split(":");
					try {
						relevant.put(idGrade[0], (idGrade.length > 1) ? Integer.parseInt(idGrade[1]) : 1);
					}
					catch (NumberFormatException ex) {
						throw new IOException(source + " line " + (i + 1) + ": bad grade in '" + item + "'", ex);
					}
				}
			}
			queries.add(new LabelledQuery(parts[0].replace("\uFEFF", ""), relevant));
		}
		return queries;
	}

}
