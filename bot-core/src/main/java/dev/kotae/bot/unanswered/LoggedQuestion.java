package dev.kotae.bot.unanswered;

import java.time.Instant;

/**
 * A user's question the bot did not answer well, as logged (personal data already masked).
 *
 * @param messageId the user message's id
 * @param replyId the id of the bot's reply to it
 * @param text what the user wrote
 * @param createdAt when it was written
 */
record LoggedQuestion(long messageId, long replyId, String text, Instant createdAt) {
}
