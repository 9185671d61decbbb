package dev.kotae.channels.account;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import dev.kotae.channels.audit.Audited;
import dev.kotae.channels.security.Roles;
import dev.kotae.channels.security.SecurityProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code app_user} table. At start-up the user {@code admin} is created (from
 * {@code kotae.security.admin-password}, or with a generated password logged once); when it exists, its
 * password is reset to that property only if the property is set. Users from
 * {@code kotae.security.users} are upserted. Changes through the API are audited.
 */
@Component
public class UserAccounts implements InitializingBean {

	/** The built-in administrator. */
	public static final String ADMIN = "admin";

	static final int MIN_PASSWORD_LENGTH = 12;

	private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{1,100}");

	private static final Logger log = LoggerFactory.getLogger(UserAccounts.class);

	private final JdbcClient jdbc;

	private final PasswordEncoder encoder;

	private final SecurityProperties properties;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	UserAccounts(JdbcClient jdbc, PasswordEncoder encoder, SecurityProperties properties,
			ApplicationEventPublisher events, ObjectProvider<Clock> clock) {
		this.jdbc = jdbc;
		this.encoder = encoder;
		this.properties = properties;
		this.events = events;
		this.clock = clock.getIfAvailable(Clock::systemUTC);
	}

	/** A user as the API shows it: never the password hash. */
	public record UserView(String username, List<String> roles, boolean enabled, Instant createdAt,
			String createdBy) {
	}

	@Override
	public void afterPropertiesSet() {
		String password = this.properties.adminPassword();
		boolean configured = password != null && !password.isBlank();
		Optional<Stored> admin = find(ADMIN);
		if (admin.isEmpty()) {
			if (!configured) {
				byte[] random = new byte[18];
				new SecureRandom().nextBytes(random);
				password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
				log.warn("No KOTAE_ADMIN_PASSWORD set; created the user 'admin' with the password: {}", password);
			}
			insert(ADMIN, this.encoder.encode(password), Set.copyOf(Roles.ALL), true, "system");
		}
		else if (configured && !this.encoder.matches(password, admin.get().passwordHash())) {
			this.jdbc.sql("UPDATE app_user SET password_hash = ? WHERE username = ?")
				.params(this.encoder.encode(password), ADMIN)
				.update();
			log.info("Set the password of the user 'admin' from KOTAE_ADMIN_PASSWORD");
		}
		for (SecurityProperties.ConfiguredUser user : this.properties.users()) {
			if (user.name() == null || user.name().isBlank() || user.password() == null || user.password().isBlank()) {
				throw new IllegalStateException("kotae.security.users: every user needs a name and a password");
			}
			Set<String> roles;
			try {
				roles = Roles.parse(user.roles());
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalStateException("kotae.security.users." + user.name() + ": " + ex.getMessage(), ex);
			}
			String hash = user.password().startsWith("{") ? user.password() : this.encoder.encode(user.password());
			if (find(user.name()).isPresent()) {
				this.jdbc.sql("UPDATE app_user SET password_hash = ?, roles = ?, enabled = TRUE WHERE username = ?")
					.params(hash, String.join(",", roles), user.name())
					.update();
			}
			else {
				insert(user.name(), hash, roles, true, "configuration");
			}
		}
	}

	/** The user for authentication, if there is one. */
	public Optional<UserDetails> loadUser(String username) {
		return find(username).map((u) -> User.withUsername(u.username())
			.password(u.passwordHash())
			.roles(u.roles().toArray(String[]::new))
			.disabled(!u.enabled())
			.build());
	}

	List<UserView> list() {
		return this.jdbc.sql("SELECT * FROM app_user ORDER BY username").query(UserAccounts::stored).list().stream()
			.map(Stored::view)
			.toList();
	}

	UserView get(String username) {
		return find(username).orElseThrow(() -> AccountException.notFound(username)).view();
	}

	@Transactional
	UserView create(String username, String password, List<String> roleNames, String actor) {
		if (username == null || !USERNAME.matcher(username).matches()) {
			throw AccountException.invalid("username must be 1 to 100 letters, digits or . _ @ -");
		}
		checkPassword(password);
		Set<String> roles = roles(roleNames);
		if (find(username).isPresent()) {
			throw AccountException.conflict("duplicate-user", "User exists", "There is already a user '" + username + "'.");
		}
		insert(username, this.encoder.encode(password), roles, true, actor);
		UserView created = get(username);
		this.events.publishEvent(new Audited(actor, "user.create", "user", username, null, created));
		return created;
	}

	/** Changes what is given ({@code null} = keep). */
	@Transactional
	UserView update(String username, List<String> roleNames, Boolean enabled, String password, String actor) {
		Stored before = find(username).orElseThrow(() -> AccountException.notFound(username));
		Set<String> roles = (roleNames != null) ? roles(roleNames) : before.roles();
		boolean active = (enabled != null) ? enabled : before.enabled();
		if (before.isActiveAdmin() && !(active && roles.contains(Roles.ADMIN)) && activeAdmins() <= 1) {
			throw lastAdmin(username);
		}
		if (password != null) {
			checkPassword(password);
			this.jdbc.sql("UPDATE app_user SET password_hash = ? WHERE username = ?")
				.params(this.encoder.encode(password), username)
				.update();
			this.events.publishEvent(new Audited(actor, "user.password-change", "user", username, null, null));
		}
		UserView after = before.view();
		if (!roles.equals(before.roles()) || active != before.enabled()) {
			this.jdbc.sql("UPDATE app_user SET roles = ?, enabled = ? WHERE username = ?")
				.params(String.join(",", roles), active, username)
				.update();
			after = get(username);
			this.events.publishEvent(new Audited(actor, "user.update", "user", username, before.view(), after));
		}
		return after;
	}

	@Transactional
	void delete(String username, String actor) {
		Stored before = find(username).orElseThrow(() -> AccountException.notFound(username));
		if (username.equals(actor)) {
			throw AccountException.conflict("own-account", "Cannot delete yourself",
					"You cannot delete the account you are signed in with; ask another admin.");
		}
		if (before.isActiveAdmin() && activeAdmins() <= 1) {
			throw lastAdmin(username);
		}
		this.jdbc.sql("DELETE FROM app_user WHERE username = ?").param(username).update();
		this.events.publishEvent(new Audited(actor, "user.delete", "user", username, before.view(), null));
	}

	private static AccountException lastAdmin(String username) {
		return AccountException.conflict("last-admin", "Last admin",
				"'" + username + "' is the last enabled admin; make another user an admin first.");
	}

	private long activeAdmins() {
		return this.jdbc.sql("SELECT * FROM app_user WHERE enabled = TRUE").query(UserAccounts::stored).list().stream()
			.filter(Stored::isActiveAdmin)
			.count();
	}

	private static void checkPassword(String password) {
		if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
			throw AccountException.invalid("password must have at least " + MIN_PASSWORD_LENGTH + " characters");
		}
	}

	private static Set<String> roles(List<String> names) {
		try {
			return Roles.parse(names);
		}
		catch (IllegalArgumentException ex) {
			throw AccountException.invalid(ex.getMessage());
		}
	}

	private void insert(String username, String hash, Set<String> roles, boolean enabled, String createdBy) {
		this.jdbc
			.sql("INSERT INTO app_user (username, password_hash, roles, enabled, created_at, created_by) "
					+ "VALUES (?, ?, ?, ?, ?, ?)")
			.params(username, hash, String.join(",", new TreeSet<>(roles)), enabled,
					OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC), createdBy)
			.update();
	}

	private Optional<Stored> find(String username) {
		return this.jdbc.sql("SELECT * FROM app_user WHERE username = ?").param(username).query(UserAccounts::stored)
			.optional();
	}

	private static Stored stored(ResultSet rs, int row) throws SQLException {
		String roles = rs.getString("roles");
		Timestamp createdAt = rs.getTimestamp("created_at");
		return new Stored(rs.getString("username"), rs.getString("password_hash"),
				(roles == null || roles.isBlank()) ? Set.of() : new TreeSet<>(Arrays.asList(roles.split(","))),
				rs.getBoolean("enabled"), (createdAt != null) ? createdAt.toInstant() : null,
				rs.getString("created_by"));
	}

	private record Stored(String username, String passwordHash, Set<String> roles, boolean enabled,
			Instant createdAt, String createdBy) {

		boolean isActiveAdmin() {
			return this.enabled && this.roles.contains(Roles.ADMIN);
		}

		UserView view() {
			return new UserView(this.username,
					this.roles.stream().map((r) -> r.toLowerCase(java.util.Locale.ROOT)).sorted().toList(),
					this.enabled, this.createdAt, this.createdBy);
		}

	}

}
