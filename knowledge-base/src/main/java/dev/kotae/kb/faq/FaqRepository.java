package dev.kotae.kb.faq;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** FAQ rows in the {@code faq} table, and their history in {@code faq_version}. */
@Repository
class FaqRepository {

	private static final String COLUMNS = "id, locale, question, alternative_questions, answer, category, tags, status, "
			+ "version, created_at, updated_at, author, audience";

	private static final String VERSION_COLUMNS = "faq_id, version, locale, question, alternative_questions, answer, "
			+ "category, tags, status, audience, author, saved_at";

	private final JdbcClient jdbc;

	FaqRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Faq> findById(String id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM faq WHERE id = ?").param(id).query(FaqRepository::map).optional();
	}

	List<Faq> findByIds(List<String> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM faq WHERE id IN (:ids)").param("ids", ids).query(FaqRepository::map).list();
	}

	List<Faq> findAll() {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM faq ORDER BY id").query(FaqRepository::map).list();
	}

	List<Faq> findPublished() {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM faq WHERE status = 'published' ORDER BY id")
			.query(FaqRepository::map)
			.list();
	}

	long count() {
		return this.jdbc.sql("SELECT COUNT(*) FROM faq").query(Long.class).single();
	}

	void insert(Faq faq) {
		this.jdbc.sql("INSERT INTO faq (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(faq.id(), faq.locale().code(), faq.question(), String.join("\n", faq.alternativeQuestions()),
					faq.answer(), faq.category(), String.join(",", faq.tags()), faq.status().code(), faq.version(),
					utc(faq.createdAt()), utc(faq.updatedAt()), faq.author(), faq.audience().format())
			.update();
	}

	/** Updates the row if it is still at {@code expectedVersion}; false when someone else changed it. */
	boolean update(Faq faq, long expectedVersion) {
		return this.jdbc.sql("""
				UPDATE faq SET locale = ?, question = ?, alternative_questions = ?, answer = ?, category = ?, tags = ?,
				    status = ?, version = ?, updated_at = ?, author = ?, audience = ?
				WHERE id = ? AND version = ?""")
			.params(faq.locale().code(), faq.question(), String.join("\n", faq.alternativeQuestions()), faq.answer(),
					faq.category(), String.join(",", faq.tags()), faq.status().code(), faq.version(),
					utc(faq.updatedAt()), faq.author(), faq.audience().format(), faq.id(), expectedVersion)
			.update() == 1;
	}

	boolean delete(String id) {
		return this.jdbc.sql("DELETE FROM faq WHERE id = ?").param(id).update() == 1;
	}

	void insertVersion(FaqVersion version) {
		this.jdbc.sql("INSERT INTO faq_version (" + VERSION_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(version.faqId(), version.version(), version.locale().code(), version.question(),
					String.join("\n", version.alternativeQuestions()), version.answer(), version.category(),
					String.join(",", version.tags()), version.status().code(), version.audience().format(),
					version.author(), utc(version.savedAt()))
			.update();
	}

	/** Every saved version of an FAQ, newest first; empty when it never existed. */
	List<FaqVersion> findVersions(String faqId) {
		return this.jdbc.sql("SELECT " + VERSION_COLUMNS + " FROM faq_version WHERE faq_id = ? ORDER BY version DESC")
			.param(faqId)
			.query(FaqRepository::mapVersion)
			.list();
	}

	Optional<FaqVersion> findVersion(String faqId, long version) {
		return this.jdbc.sql("SELECT " + VERSION_COLUMNS + " FROM faq_version WHERE faq_id = ? AND version = ?")
			.params(faqId, version)
			.query(FaqRepository::mapVersion)
			.optional();
	}

	/** The highest version in an FAQ's history, 0 when it has none. */
	long latestVersion(String faqId) {
		return this.jdbc.sql("SELECT COALESCE(MAX(version), 0) FROM faq_version WHERE faq_id = ?")
			.param(faqId)
			.query(Long.class)
			.single();
	}

	FaqPage page(FaqFilter filter, int page, int size) {
		List<Object> params = new ArrayList<>();
		String where = where(filter, params);
		long total = this.jdbc.sql("SELECT COUNT(*) FROM faq" + where).params(params).query(Long.class).single();
		List<Object> pageParams = new ArrayList<>(params);
		pageParams.add(size);
		pageParams.add((long) page * size);
		List<Faq> items = this.jdbc.sql("SELECT " + COLUMNS + " FROM faq" + where + " ORDER BY id LIMIT ? OFFSET ?")
			.params(pageParams)
			.query(FaqRepository::map)
			.list();
		return new FaqPage(items, page, size, total);
	}

	/** Every FAQ the filter selects, by id. */
	List<Faq> findAll(FaqFilter filter) {
		List<Object> params = new ArrayList<>();
		String where = where(filter, params);
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM faq" + where + " ORDER BY id")
			.params(params)
			.query(FaqRepository::map)
			.list();
	}

	private static String where(FaqFilter filter, List<Object> params) {
		StringBuilder where = new StringBuilder(" WHERE 1 = 1");
		if (filter.locale() != null) {
			where.append(" AND locale = ?");
			params.add(filter.locale().code());
		}
		if (filter.category() != null) {
			where.append(" AND category = ?");
			params.add(filter.category());
		}
		if (filter.status() != null) {
			where.append(" AND status = ?");
			params.add(filter.status().code());
		}
		if (filter.text() != null) {
			String like = like(filter.text());
			where.append(" AND (LOWER(id) LIKE ? ESCAPE '\\' OR LOWER(question) LIKE ? ESCAPE '\\'"
					+ " OR LOWER(alternative_questions) LIKE ? ESCAPE '\\' OR LOWER(answer) LIKE ? ESCAPE '\\')");
			params.addAll(List.of(like, like, like, like));
		}
		if (FaqFilter.EVERYONE.equalsIgnoreCase(filter.audience())) {
			where.append(" AND (audience IS NULL OR audience = '')");
		}
		else if (filter.audience() != null) {
			where.append(" AND LOWER(audience) LIKE ? ESCAPE '\\'");
			params.add(like(filter.audience()));
		}
		return where.toString();
	}

	/** A LIKE pattern for a case-insensitive substring, with the wildcards in it escaped. */
	private static String like(String text) {
		return "%" + text.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
				+ "%";
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private static Faq map(ResultSet rs, int row) throws SQLException {
		return new Faq(rs.getString("id"), Language.parse(rs.getString("locale")).orElseThrow(),
				rs.getString("question"), split(rs.getString("alternative_questions"), "\n"), rs.getString("answer"),
				rs.getString("category"), split(rs.getString("tags"), ","),
				FaqStatus.parse(rs.getString("status")).orElseThrow(), rs.getLong("version"),
				rs.getObject("created_at", OffsetDateTime.class).toInstant(),
				rs.getObject("updated_at", OffsetDateTime.class).toInstant(), rs.getString("author"),
				Audience.parse(rs.getString("audience")));
	}

	private static FaqVersion mapVersion(ResultSet rs, int row) throws SQLException {
		return new FaqVersion(rs.getString("faq_id"), rs.getLong("version"),
				Language.parse(rs.getString("locale")).orElseThrow(), rs.getString("question"),
				split(rs.getString("alternative_questions"), "\n"), rs.getString("answer"), rs.getString("category"),
				split(rs.getString("tags"), ","), FaqStatus.parse(rs.getString("status")).orElseThrow(),
				Audience.parse(rs.getString("audience")), rs.getString("author"),
				rs.getObject("saved_at", OffsetDateTime.class).toInstant());
	}

	private static List<String> split(String joined, String separator) {
		if (joined == null || joined.isEmpty()) {
			return List.of();
		}
		return Arrays.asList(joined.split(separator));
	}

}
