package dev.kotae.bot.site;

/** A site was created or changed (published inside the changing transaction). */
public record SitesChanged() {
}
