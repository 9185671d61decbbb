/**
 * The answer policy: combines the intent classifier's calibrated probabilities with search scores
 * into one confidence per FAQ and decides to answer, offer choices, make small talk or escalate to
 * a person. {@link dev.kotae.bot.policy.Answerer} is the entry point for channels.
 */
package dev.kotae.bot.policy;
