/**
 * CSV import and export of FAQs (RFC 4180, UTF-8): columns matched by header name, rows upserted by
 * id with a per-row report (or previewed without writing, or imported as a background job whose
 * progress is kept in the database), cells neutralised against spreadsheet formula injection on export.
 */
package dev.kotae.kb.csv;
