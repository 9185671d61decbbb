package dev.kotae.channels.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import dev.kotae.channels.audit.Audited;
import dev.kotae.channels.security.Roles;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code api_token} table: tokens admins issue for scripts ({@code Authorization: Bearer kotae_...}).
 * A token acts for one user with at most that user's roles (and at most its issuer's); it stops working
 * when it is revoked or expires or its user is disabled, and is deleted with its user. Only the SHA-256
 * of the secret is stored: the secret is shown once, when the token is issued. Issuing and revoking are
 * audited.
 */
@Component
public class ApiTokens {

	/** How every token's secret starts, so that it is recognised (and found by secret scanners). */
	public static final String PREFIX = "kotae_";

	private static final int SECRET_BYTES = 32;

	private static final int HINT_LENGTH = PREFIX.length() + 4;

	/** How often at most the last use of a token is written. */
	private static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;

	private final UserAccounts users;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	ApiTokens(JdbcClient jdbc, UserAccounts users, ApplicationEventPublisher events, ObjectProvider<Clock> clock) {
		this.jdbc = jdbc;
		this.users = users;
		this.events = events;
		this.clock = clock.getIfAvailable(Clock::systemUTC);
	}

	/** A token as the API shows it: never the secret or its hash. */
	public record TokenView(long id, String name, String hint, String username, List<String> roles,
			Instant createdAt, String createdBy, Instant expiresAt, Instant lastUsedAt, Instant revokedAt,
			String revokedBy) {
	}

	/** A newly issued token and its secret, which is not shown again. */
	public record Issued(TokenView token, String secret) {
	}

	/** Who a valid token acts for, and with which roles (upper case). */
	public record TokenUser(String username, Set<String> roles, long tokenId) {
	}

	List<TokenView> list() {
		return this.jdbc.sql("SELECT * FROM api_token ORDER BY id DESC").query(ApiTokens::stored).list().stream()
			.map(Stored::view)
			.toList();
	}

	/**
	 * Issues a token for {@code username} (the issuer when {@code null}) with the given roles (the user's
	 * own when empty), each of which the user and the issuer must have.
	 */
	@Transactional
	Issued issue(String name, String username, List<String> roleNames, Instant expiresAt, String issuer,
			Set<String> issuerRoles) {
		String tokenName = (name != null) ? name.strip() : "";
		if (tokenName.isEmpty() || tokenName.length() > 100) {
			throw AccountException.invalid("name the token (1 to 100 characters), e.g. after the script that uses it");
		}
		String owner = (username == null || username.isBlank()) ? issuer : username.strip();
		UserDetails user = this.users.loadUser(owner).orElseThrow(() -> AccountException.notFound(owner));
		Set<String> ownerRoles = roles(user.getAuthorities());
		Set<String> roles;
		try {
			roles = Roles.parse(roleNames);
		}
		catch (IllegalArgumentException ex) {
			throw AccountException.invalid(ex.getMessage());
		}
		if (roles.isEmpty()) {
			roles = new TreeSet<>(ownerRoles);
			roles.retainAll(covered(issuerRoles));
		}
		if (roles.isEmpty()) {
			throw AccountException.invalid("a token needs at least one role, and '" + owner + "' has none");
		}
		for (String role : roles) {
			if (!covered(ownerRoles).contains(role)) {
				throw AccountException.invalid("'" + owner + "' does not have the role " + lower(role));
			}
			if (!covered(issuerRoles).contains(role)) {
				throw AccountException.invalid("you cannot give a token the role " + lower(role) + ", which you do not have");
			}
		}
		Instant now = this.clock.instant();
		if (expiresAt != null && !expiresAt.isAfter(now)) {
			throw AccountException.invalid("expiresAt must be in the future");
		}
		byte[] random = new byte[SECRET_BYTES];
		RANDOM.nextBytes(random);
		String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc
			.sql("INSERT INTO api_token (name, token_hash, hint, username, roles, created_at, created_by, expires_at) "
					+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
			.params(tokenName, hash(secret), secret.substring(0, HINT_LENGTH), owner, String.join(",", roles), utc(now),
					issuer, (expiresAt != null) ? utc(expiresAt) : null)
			.update(keys, "id");
		TokenView token = get(keys.getKeyAs(Number.class).longValue());
		this.events.publishEvent(new Audited(issuer, "token.issue", "token", String.valueOf(token.id()), null, token));
		return new Issued(token, secret);
	}

	/** Revokes the token {@code id}; revoking it again changes nothing. */
	@Transactional
	TokenView revoke(long id, String actor) {
		TokenView before = get(id);
		if (before.revokedAt() != null) {
			return before;
		}
		this.jdbc.sql("UPDATE api_token SET revoked_at = ?, revoked_by = ? WHERE id = ?")
			.params(utc(this.clock.instant()), actor, id)
			.update();
		TokenView after = get(id);
		this.events.publishEvent(new Audited(actor, "token.revoke", "token", String.valueOf(id), before, after));
		return after;
	}

	/**
	 * The user a secret acts for, if it is a valid token: issued here, not revoked, not expired, its user
	 * enabled; its roles are those of the token that the user still has.
	 */
	public Optional<TokenUser> authenticate(String secret) {
		if (secret == null || !secret.startsWith(PREFIX)) {
			return Optional.empty();
		}
		Optional<Stored> found = this.jdbc.sql("SELECT * FROM api_token WHERE token_hash = ?")
			.param(hash(secret))
			.query(ApiTokens::stored)
			.optional();
		Instant now = this.clock.instant();
		if (found.isEmpty() || found.get().revokedAt() != null
				|| (found.get().expiresAt() != null && !found.get().expiresAt().isAfter(now))) {
			return Optional.empty();
		}
		Stored token = found.get();
		Optional<UserDetails> user = this.users.loadUser(token.username());
		if (user.isEmpty() || !user.get().isEnabled()) {
			return Optional.empty();
		}
		Set<String> roles = new TreeSet<>(token.roles());
		roles.retainAll(covered(roles(user.get().getAuthorities())));
		if (token.lastUsedAt() == null || token.lastUsedAt().plus(LAST_USED_PRECISION).isBefore(now)) {
			this.jdbc.sql("UPDATE api_token SET last_used_at = ? WHERE id = ?").params(utc(now), token.id()).update();
		}
		return Optional.of(new TokenUser(token.username(), roles, token.id()));
	}

	private TokenView get(long id) {
		return this.jdbc.sql("SELECT * FROM api_token WHERE id = ?")
			.param(id)
			.query(ApiTokens::stored)
			.optional()
			.orElseThrow(() -> AccountException.tokenNotFound(id))
			.view();
	}

	/** The roles a set of roles allows: an admin may do what everyone may. */
	private static Set<String> covered(Set<String> roles) {
		return roles.contains(Roles.ADMIN) ? Set.copyOf(Roles.ALL) : roles;
	}

	private static Set<String> roles(Collection<? extends GrantedAuthority> authorities) {
		return authorities.stream()
			.map(GrantedAuthority::getAuthority)
			.filter((a) -> a.startsWith("ROLE_"))
			.map((a) -> a.substring(5))
			.collect(Collectors.toCollection(TreeSet::new));
	}

	private static String lower(String role) {
		return role.toLowerCase(Locale.ROOT);
	}

	static String hash(String secret) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}

	private static OffsetDateTime utc(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

	private static Stored stored(ResultSet rs, int row) throws SQLException {
		String roles = rs.getString("roles");
		return new Stored(rs.getLong("id"), rs.getString("name"), rs.getString("hint"), rs.getString("username"),
				(roles == null || roles.isBlank()) ? Set.of() : new TreeSet<>(Arrays.asList(roles.split(","))),
				instant(rs, "created_at"), rs.getString("created_by"), instant(rs, "expires_at"),
				instant(rs, "last_used_at"), instant(rs, "revoked_at"), rs.getString("revoked_by"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return (value != null) ? value.toInstant() : null;
	}

	private record Stored(long id, String name, String hint, String username, Set<String> roles, Instant createdAt,
			String createdBy, Instant expiresAt, Instant lastUsedAt, Instant revokedAt, String revokedBy) {

		TokenView view() {
			return new TokenView(this.id, this.name, this.hint, this.username,
					this.roles.stream().map(ApiTokens::lower).sorted().toList(), this.createdAt, this.createdBy,
					this.expiresAt, this.lastUsedAt, this.revokedAt, this.revokedBy);
		}

	}

}
