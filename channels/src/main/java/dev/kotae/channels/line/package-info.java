/**
 * The LINE channel: LINE users talk to the bot and to agents ({@code POST /line/webhook}, signed events
 * stored once, then processed); replies use the reply token, agent messages and fallbacks a push outbox.
 */
package dev.kotae.channels.line;
