/**
 * Out-of-scope phrases: questions editors have marked as ones the bot must not answer with an FAQ
 * (dismissed unanswered questions, or a labelled set imported at once). The intent classifier
 * learns them as its out-of-scope class. Changes publish
 * {@link dev.kotae.kb.outofscope.OutOfScopePhrasesChanged}.
 */
package dev.kotae.kb.outofscope;
