package dev.kotae;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Runs the integration tests on PostgreSQL instead of H2 when {@code KOTAE_TEST_POSTGRES_URL} names a
 * server (e.g. {@code jdbc:postgresql://127.0.0.1:55432/postgres}, started by {@code .ci/postgres}):
 * every application context whose datasource is an in-memory H2 database ({@code jdbc:h2:mem:NAME})
 * gets a new, empty PostgreSQL database of its own instead, so tests stay as isolated as on H2. The
 * user and password are {@code KOTAE_TEST_POSTGRES_USER} / {@code _PASSWORD} (default {@code kotae}).
 */
public class PostgresTestDatabases implements EnvironmentPostProcessor {

	static final String SERVER = "KOTAE_TEST_POSTGRES_URL";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String server = setting(SERVER, null);
		String url = environment.getProperty("spring.datasource.url");
		if (server == null || server.isBlank() || url == null || !url.startsWith("jdbc:h2:mem:")) {
			return;
		}
		environment.getPropertySources()
			.addFirst(new MapPropertySource("kotae-test-postgres", Map.of("spring.datasource.url", create(url),
					"spring.datasource.username", user(), "spring.datasource.password", password(),
					"spring.datasource.hikari.maximum-pool-size", "5")));
	}

	/** The PostgreSQL server to test on, or {@code null} when the tests run on H2 only. */
	public static String server() {
		return setting(SERVER, null);
	}

	public static String user() {
		return setting("KOTAE_TEST_POSTGRES_USER", "kotae");
	}

	public static String password() {
		return setting("KOTAE_TEST_POSTGRES_PASSWORD", "kotae");
	}

	/**
	 * Creates an empty database on {@link #server()} named after an H2 URL or any label.
	 * @return its JDBC URL
	 */
	public static String create(String label) {
		String server = server();
		String name = database(label.startsWith("jdbc:h2:mem:") ? label : "jdbc:h2:mem:" + label);
		try (Connection connection = DriverManager.getConnection(server, user(), password());
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot create the test database " + name + " on " + server, ex);
		}
		return server.substring(0, server.lastIndexOf('/') + 1) + name;
	}

	/** {@code jdbc:h2:mem:faq-api;DB_CLOSE_DELAY=-1} → {@code kt_faq_api_5f3a1c}: unique per context. */
	static String database(String h2Url) {
		String rest = h2Url.substring("jdbc:h2:mem:".length());
		int options = rest.indexOf(';');
		String name = ((options >= 0) ? rest.substring(0, options) : rest).toLowerCase(Locale.ROOT)
			.replaceAll("[^a-z0-9]+", "_");
		if (name.length() > 40) {
			name = name.substring(0, 40);
		}
		return "kt_" + name + "_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
	}

	private static String setting(String name, String otherwise) {
		String value = System.getProperty(name, System.getenv(name));
		return (value == null || value.isBlank()) ? otherwise : value;
	}

}
