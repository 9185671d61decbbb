package dev.kotae.bot.conversation;

/** A message was stored and committed (published on the thread that stored it). */
public record MessageAdded(Message message) {
}
