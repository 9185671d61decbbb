package dev.kotae.channels.account;

import java.net.URI;
import java.security.Principal;
import java.util.List;

import dev.kotae.channels.account.UserAccounts.UserView;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/users}: the admins' user API. */
@RestController
@RequestMapping("/api/v1/users")
class UserController {

	private final UserAccounts users;

	UserController(UserAccounts users) {
		this.users = users;
	}

	/** The body of POST. */
	record NewUser(String username, String password, List<String> roles) {
	}

	/** The body of PUT: what is given changes, the rest stays. */
	record UserChange(List<String> roles, Boolean enabled, String password) {
	}

	@GetMapping
	List<UserView> list() {
		return this.users.list();
	}

	@GetMapping("/{username}")
	UserView get(@PathVariable String username) {
		return this.users.get(username);
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<UserView> create(@RequestBody NewUser body, Principal admin) {
		UserView user = this.users.create(body.username(), body.password(), body.roles(), admin.getName());
		return ResponseEntity.created(URI.create("/api/v1/users/" + user.username())).body(user);
	}

	@PutMapping(path = "/{username}", consumes = MediaType.APPLICATION_JSON_VALUE)
	UserView update(@PathVariable String username, @RequestBody UserChange body, Principal admin) {
		return this.users.update(username, body.roles(), body.enabled(), body.password(), admin.getName());
	}

	@DeleteMapping("/{username}")
	ResponseEntity<Void> delete(@PathVariable String username, Principal admin) {
		this.users.delete(username, admin.getName());
		return ResponseEntity.noContent().build();
	}

}
