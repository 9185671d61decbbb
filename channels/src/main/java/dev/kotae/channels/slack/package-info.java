/**
 * The Slack hand-off channel: hand-offs posted to a channel where agents take, answer, return or close
 * them (Bolt at {@code POST /slack/events}), every Web API call sent through a persistent outbox.
 */
package dev.kotae.channels.slack;
