package dev.kotae.bot;

import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabase;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;
import org.springframework.jdbc.datasource.init.DatabasePopulatorUtils;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/** A fresh in-memory H2 database with every Flyway migration on the classpath run in version order. */
public final class MigratedH2 {

	private static final Pattern VERSION = Pattern.compile("V(\\d+)__.*\\.sql");

	private MigratedH2() {
	}

	public static EmbeddedDatabase create() throws IOException {
		EmbeddedDatabase database = new EmbeddedDatabaseBuilder().setType(EmbeddedDatabaseType.H2)
			.generateUniqueName(true)
			.build();
		Resource[] migrations = new PathMatchingResourcePatternResolver()
			.getResources("classpath*:db/migration/V*__*.sql");
		Arrays.sort(migrations, Comparator.comparingInt(MigratedH2::version));
		DatabasePopulatorUtils.execute(new ResourceDatabasePopulator(migrations), database);
		return database;
	}

	private static int version(Resource migration) {
		Matcher m = VERSION.matcher(migration.getFilename());
		if (!m.matches()) {
			throw new IllegalStateException("Not a migration: " + migration);
		}
		return Integer.parseInt(m.group(1));
	}

}
