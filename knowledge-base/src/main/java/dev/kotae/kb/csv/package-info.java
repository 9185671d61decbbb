/**
 * CSV import and export of FAQs (RFC 4180, UTF-8): columns matched by header name, rows upserted by
 * id with a per-row report, cells neutralised against spreadsheet formula injection on export.
 */
package dev.kotae.kb.csv;
