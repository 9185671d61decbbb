package dev.kotae.kb.outofscope;

/** Out-of-scope phrases were added or removed (published inside the changing transaction). */
public record OutOfScopePhrasesChanged() {
}
