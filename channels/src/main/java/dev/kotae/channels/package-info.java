/**
 * Every way in and out of Kotae: the web API and widget, LINE, Slack, the operator console and the
 * admin UI and API. Channels call the bot and the knowledge base; the domain never calls them.
 */
package dev.kotae.channels;
