package dev.kotae.bot.conversation;

/**
 * A message was stored and its transaction is about to commit (published inside that transaction, on
 * the thread that stored it): for work that must commit or roll back with the message, such as
 * telling the other nodes through the database. {@link MessageAdded} follows after the commit.
 */
public record MessageCommitting(Message message) {
}
