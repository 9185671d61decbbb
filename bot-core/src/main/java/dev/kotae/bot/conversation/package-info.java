/**
 * Conversations and their messages: the transcript every channel writes to and reads from, the bot's
 * replies, "was this helpful?" votes and the end-of-chat rating. Every stored message publishes
 * {@link dev.kotae.bot.conversation.MessageAdded} after it is committed.
 */
package dev.kotae.bot.conversation;
