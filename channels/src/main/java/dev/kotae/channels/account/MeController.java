package dev.kotae.channels.account;

import java.util.List;
import java.util.Locale;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/me}: who is signed in and with which roles, for the staff pages' navigation. */
@RestController
class MeController {

	@GetMapping("/api/v1/me")
	Me me(Authentication authentication) {
		List<String> roles = authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.filter((authority) -> authority.startsWith("ROLE_"))
			.map((authority) -> authority.substring(5).toLowerCase(Locale.ROOT))
			.sorted()
			.toList();
		return new Me(authentication.getName(), roles);
	}

	/** The signed-in user. */
	record Me(String name, List<String> roles) {
	}

}
