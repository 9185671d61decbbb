/**
 * FAQs: the record, its validation, storage and the editing service that publishes change events.
 * Other features use {@link dev.kotae.kb.faq.FaqService} and the {@code Faq*} events.
 */
package dev.kotae.kb.faq;
