package dev.kotae.channels.operator;

import java.util.List;
import java.util.Map;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/operator/me}: who the console is signed in as, and with which roles. */
@RestController
class OperatorMeController {

	@GetMapping("/api/v1/operator/me")
	Map<String, Object> me(Authentication authentication) {
		List<String> roles = authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.filter((a) -> a.startsWith("ROLE_"))
			.map((a) -> a.substring(5).toLowerCase(java.util.Locale.ROOT))
			.sorted()
			.toList();
		return Map.of("name", authentication.getName(), "roles", roles);
	}

}
