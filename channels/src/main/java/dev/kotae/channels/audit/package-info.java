/**
 * The audit log: who changed what and when (users, API tokens, FAQs, imports, publishing, synonyms, sites,
 * out-of-scope phrases), with the state before and after; written from
 * {@link dev.kotae.channels.audit.Audited} events, read at {@code /api/v1/audit}.
 */
package dev.kotae.channels.audit;
