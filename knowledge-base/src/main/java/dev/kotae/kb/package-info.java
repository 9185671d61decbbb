/**
 * The knowledge base: FAQs and their storage, the Lucene index and search, synonyms, CSV import and
 * export. It knows nothing of chat, channels or HTTP.
 */
package dev.kotae.kb;
