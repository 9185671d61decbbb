package dev.kotae.channels.account;

import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import dev.kotae.channels.account.ApiTokens.Issued;
import dev.kotae.channels.account.ApiTokens.TokenView;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/tokens}: the admins' API token API. The secret is in the answer to {@code POST} only;
 * {@code DELETE} revokes (the token stays listed, revoked).
 */
@RestController
@RequestMapping("/api/v1/tokens")
class TokenController {

	private final ApiTokens tokens;

	TokenController(ApiTokens tokens) {
		this.tokens = tokens;
	}

	/** The body of POST: a name, and optionally the user (default: you), roles and expiry. */
	record NewToken(String name, String username, List<String> roles, Instant expiresAt) {
	}

	@GetMapping
	List<TokenView> list() {
		return this.tokens.list();
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Issued> issue(@RequestBody NewToken body, Authentication admin) {
		Set<String> roles = new TreeSet<>();
		for (GrantedAuthority authority : admin.getAuthorities()) {
			if (authority.getAuthority().startsWith("ROLE_")) {
				roles.add(authority.getAuthority().substring(5));
			}
		}
		Issued issued = this.tokens.issue(body.name(), body.username(), body.roles(), body.expiresAt(), admin.getName(),
				roles);
		return ResponseEntity.created(URI.create("/api/v1/tokens/" + issued.token().id())).body(issued);
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> revoke(@PathVariable long id, Principal admin) {
		this.tokens.revoke(id, admin.getName());
		return ResponseEntity.noContent().build();
	}

}
