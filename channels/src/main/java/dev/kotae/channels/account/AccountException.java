package dev.kotae.channels.account;

import dev.kotae.channels.web.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** A refused change to a user account, answered as a problem (400, 404 or 409). */
class AccountException extends ErrorResponseException {

	private AccountException(HttpStatus status, String slug, String title, String detail) {
		super(status, Problems.of(status, slug, title, detail), null);
	}

	static AccountException invalid(String detail) {
		return new AccountException(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input", detail);
	}

	static AccountException notFound(String username) {
		return new AccountException(HttpStatus.NOT_FOUND, "not-found", "Not found",
				"There is no user '" + username + "'.");
	}

	static AccountException tokenNotFound(long id) {
		return new AccountException(HttpStatus.NOT_FOUND, "not-found", "Not found", "There is no API token " + id + ".");
	}

	static AccountException conflict(String slug, String title, String detail) {
		return new AccountException(HttpStatus.CONFLICT, slug, title, detail);
	}

}
