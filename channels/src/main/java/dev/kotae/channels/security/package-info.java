/**
 * Who may call what: the API chain (HTTP Basic or the login session, stateless, problem responses for
 * 401 and 403) and the page chain (form login at {@code /login}, session cookie, CSRF).
 */
package dev.kotae.channels.security;
