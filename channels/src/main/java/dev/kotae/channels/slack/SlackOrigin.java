package dev.kotae.channels.slack;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Marks a hand-off call made on behalf of a Slack user, for the listeners it triggers.
 * {@code Handoffs} publishes its events and {@code MessageAdded} after the commit on the thread that
 * made the change, so while {@link #as} runs, {@link SlackRelay} knows that an {@code AgentJoined} was
 * a Take in Slack (and by whom) and that an agent message came from Slack and must not be echoed
 * back into the thread.
 */
final class SlackOrigin {

	private static final ThreadLocal<String> USER = new ThreadLocal<>();

	private SlackOrigin() {
	}

	/** Runs {@code call} as done by Slack user {@code slackUserId}. */
	static <T> T as(String slackUserId, Supplier<T> call) {
		String previous = USER.get();
		USER.set(slackUserId);
		try {
			return call.get();
		}
		finally {
			if (previous != null) {
				USER.set(previous);
			}
			else {
				USER.remove();
			}
		}
	}

	/** The Slack user the current hand-off call is made for, if it comes from Slack. */
	static Optional<String> user() {
		return Optional.ofNullable(USER.get());
	}

}
