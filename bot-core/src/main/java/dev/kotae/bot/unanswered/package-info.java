/**
 * Unanswered questions: escalated, "not helpful" or low-confidence user questions grouped into clusters
 * of similar ones (by one node at a time, shared with the others as a snapshot in the database), which
 * editors turn into FAQ phrases, a draft FAQ, or out-of-scope phrases.
 */
package dev.kotae.bot.unanswered;
