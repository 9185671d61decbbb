package dev.kotae.kb.synonym;

/** Published after a synonym set was created, changed or deleted. */
public record SynonymsChanged() {
}
