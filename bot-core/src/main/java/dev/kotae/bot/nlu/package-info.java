/**
 * Intent classification (NLU): which FAQ or system intent a user's message asks for, with calibrated
 * probabilities so the answer policy can reject what it is unsure of. Trained from labelled examples
 * ({@link dev.kotae.bot.nlu.IntentClassifierTrainer}), used through
 * {@link dev.kotae.bot.nlu.IntentClassifier}, saved and loaded with
 * {@link dev.kotae.bot.nlu.IntentModelStore}.
 */
package dev.kotae.bot.nlu;
