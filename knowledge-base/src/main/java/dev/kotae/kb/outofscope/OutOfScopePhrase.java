package dev.kotae.kb.outofscope;

import java.time.Instant;

import dev.kotae.kb.faq.Language;

/**
 * A question the bot must not answer with an FAQ.
 *
 * @param id assigned by the database
 * @param locale the language of the text
 * @param text the question as a user would write it
 * @param createdAt when it was added
 */
public record OutOfScopePhrase(long id, Language locale, String text, Instant createdAt) {
}
