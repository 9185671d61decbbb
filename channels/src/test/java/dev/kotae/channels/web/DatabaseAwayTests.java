package dev.kotae.channels.web;

import org.junit.jupiter.api.Test;

import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * While the database is away (as in bench/faults/restart-postgres.sh) calls fail with a 503 problem
 * and a Retry-After, not a 500: no connection from the pool, and a rollback cut off mid-way.
 */
class DatabaseAwayTests {

	private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Failing())
		.setControllerAdvice(new ApiExceptionHandler())
		.build();

	@Test
	void noConnectionIsAServiceUnavailableProblem() throws Exception {
		this.mvc.perform(get("/no-connection"))
			.andExpect(status().isServiceUnavailable())
			.andExpect(header().string("Retry-After", "5"))
			.andExpect(jsonPath("$.type").value("urn:kotae:problem:unavailable"));
	}

	@Test
	void aFailedRollbackIsAServiceUnavailableProblem() throws Exception {
		this.mvc.perform(get("/rollback-failed"))
			.andExpect(status().isServiceUnavailable())
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("clientMessageId")));
	}

	@RestController
	static class Failing {

		@GetMapping("/no-connection")
		String noConnection() {
			throw new CannotGetJdbcConnectionException("Connection is not available, request timed out after 30000ms");
		}

		@GetMapping("/rollback-failed")
		String rollbackFailed() {
			throw new TransactionSystemException("JDBC rollback failed");
		}

	}

}
