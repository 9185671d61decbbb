package dev.kotae.bot.conversation;

/**
 * A user's message and the bot's reply to it.
 *
 * @param replayed whether the message had been sent before with the same client id (nothing new was
 * stored, unless a reply had been lost)
 */
public record Exchange(Message message, Message reply, boolean replayed) {
}
