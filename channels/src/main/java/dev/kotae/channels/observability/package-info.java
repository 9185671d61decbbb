/**
 * What operators watch: Prometheus metrics of the bot and the hand-off queue, and the conversation id
 * in every log line written while a request about a conversation is handled.
 */
package dev.kotae.channels.observability;
