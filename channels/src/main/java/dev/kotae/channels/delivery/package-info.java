/**
 * What the outbound channels (Slack, LINE) share to deliver their outboxes: one polling thread per
 * node that can be woken when something is queued.
 */
package dev.kotae.channels.delivery;
