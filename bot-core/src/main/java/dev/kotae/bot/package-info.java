/**
 * The bot: NLU, answer policy, conversations and hand-off, VoC log, analytics and evaluation.
 * Depends on the knowledge base only; knows nothing of HTTP or of any one channel.
 */
package dev.kotae.bot;
