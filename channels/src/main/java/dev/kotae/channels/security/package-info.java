/**
 * Who may call what: public search and health, HTTP Basic with roles for the admin API, problem
 * responses for 401 and 403.
 */
package dev.kotae.channels.security;
