/**
 * The end user's chat API for the web widget: conversations, messages, the push stream, feedback
 * and rating, with per-site CORS and rate limits. The widget itself is static under {@code /widget}.
 */
package dev.kotae.channels.chat;
