/**
 * Reproducible evaluations that print a table and, as the last line, one JSON object: FAQ retrieval
 * ({@code eval faq}) on a labelled query set. Entry point: {@link dev.kotae.bot.eval.EvalCommand}.
 */
package dev.kotae.bot.eval;
