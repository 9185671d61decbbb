/**
 * Voice of Customer: every message kept for the product team, personal data masked before storage.
 * {@link dev.kotae.bot.voc.PiiMasker} does the masking, configured by {@code kotae.voc.masking.*}.
 */
package dev.kotae.bot.voc;
