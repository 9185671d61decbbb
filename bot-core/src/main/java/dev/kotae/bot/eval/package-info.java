/**
 * Reproducible evaluations that print a table and, as the last line, one JSON object: FAQ retrieval
 * ({@code eval faq}), intent classification ({@code eval intents}) and the bot's decisions
 * ({@code eval answers}). Entry point: {@link dev.kotae.bot.eval.EvalCommand}.
 */
package dev.kotae.bot.eval;
