package dev.kotae.bot.handoff;

import java.time.Duration;
import java.time.Instant;

/**
 * One request for a person in a conversation.
 *
 * @param reason why: {@code requested_human}, {@code frustration}, {@code out_of_scope},
 * {@code low_confidence}, {@code not_helpful}, {@code repeated_failure}
 * @param contact how to reach the user back (offline hand-offs), if given
 * @param agent who has it (once claimed)
 * @param firstResponse time from the request to the first agent message, once there is one
 */
public record Handoff(long id, String conversationId, HandoffStatus status, String reason, Instant requestedAt,
		String contact, String agent, Instant claimedAt, Instant firstResponseAt, Duration firstResponse,
		Instant endedAt, String closeReason, boolean slaAlerted) {

	/** Whether it still needs or has a person. */
	public boolean isOpen() {
		return this.status == HandoffStatus.WAITING || this.status == HandoffStatus.OFFLINE
				|| this.status == HandoffStatus.ACTIVE;
	}

}
