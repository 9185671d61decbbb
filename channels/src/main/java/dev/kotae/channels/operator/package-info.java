/**
 * The support staff's side: the hand-off API, the operator console at {@code /operator} and its
 * live event stream, agent assist (suggested FAQs) and canned responses.
 */
package dev.kotae.channels.operator;
