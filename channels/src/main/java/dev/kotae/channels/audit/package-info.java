/**
 * The audit log: who changed what and when (users, FAQs, imports, publishing), with the state before
 * and after; written from {@link dev.kotae.channels.audit.Audited} events, read at {@code /api/v1/audit}.
 */
package dev.kotae.channels.audit;
