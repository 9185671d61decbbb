package dev.kotae.channels.admin;

import dev.kotae.TestHttp;

/**
 * The app the workspace's browser tests share (one Spring context for all of them): H2, the demo
 * knowledge base, search-only answers, no rate limits, and the editor {@link #EDITOR}.
 */
final class WorkspaceBrowserApp {

	static final String EDITOR = "eri";

	static final String PASSWORD = "eri-secret-123";

	static final String DATABASE = "spring.datasource.url=jdbc:h2:mem:workspace-browser;DB_CLOSE_DELAY=-1";

	static final String ADMIN = "kotae.security.admin-password=" + TestHttp.ADMIN_PASSWORD;

	static final String NLU_OFF = "kotae.nlu.enabled=false";

	static final String NO_RATE_LIMIT = "kotae.web.rate-limit.enabled=false";

	static final String EDITOR_NAME = "kotae.security.users[0].name=" + EDITOR;

	static final String EDITOR_PASSWORD = "kotae.security.users[0].password=" + PASSWORD;

	static final String EDITOR_ROLES = "kotae.security.users[0].roles=editor";

	/** Selenium warns that it has no DevTools bindings for this Chromium: the tests need none. */
	static final String QUIET_SELENIUM = "logging.level.org.openqa.selenium=error";

	private WorkspaceBrowserApp() {
	}

}
