package dev.kotae.bot.nlu;

import java.time.Duration;

/**
 * Published when this node finished training an intent model (not when it loaded one another node
 * trained).
 *
 * @param kbVersion the knowledge-base version it was trained on
 * @param examples how many training examples it learned from
 * @param took how long training took
 */
public record ModelTrained(String kbVersion, int examples, Duration took) {
}
