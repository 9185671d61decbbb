/**
 * The public web API (search) and what every HTTP endpoint shares: RFC 9457 problem responses and
 * request size limits.
 */
package dev.kotae.channels.web;
