/**
 * Human hand-off: the queue of conversations waiting for a person, claims, agent replies, return to
 * the bot and closing, business hours and the first-response SLA. State changes are stored as
 * conversation events and published as past-tense records ({@code HandoffRequested},
 * {@code AgentJoined}, {@code ReturnedToBot}, {@code ConversationClosed}, {@code HandoffSlaBreached}).
 */
package dev.kotae.bot.handoff;
