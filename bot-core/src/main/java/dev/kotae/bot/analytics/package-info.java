/**
 * Analytics: self-resolution, escalation, bot decisions, votes, CSAT/NPS, hand-off response times,
 * after-hours traffic and the busiest hours of the conversations started in a date range, computed
 * with SQL aggregates.
 */
package dev.kotae.bot.analytics;
