/**
 * The admin API for knowledge-base editors: FAQs (CRUD, CSV import and export) and synonym sets.
 */
package dev.kotae.channels.admin;
