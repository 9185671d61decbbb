package dev.kotae.channels.operator;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import dev.kotae.bot.conversation.Conversation;
import dev.kotae.bot.handoff.Handoff;

/** A hand-off as the operator API shows it. */
record HandoffView(long id, String conversationId, String status, String reason, String requestedAt,
		long waitingSeconds, boolean overSla, long slaSeconds, int queuePosition, String agent, String claimedAt,
		Long firstResponseSeconds, String contact, String closeReason, String channel, String siteKey, String locale,
		Map<String, String> attributes) {

	static HandoffView of(Handoff h, Conversation c, int queuePosition, boolean overSla, Duration sla, Instant now) {
		Instant until = (h.claimedAt() != null) ? h.claimedAt() : (h.endedAt() != null) ? h.endedAt() : now;
		return new HandoffView(h.id(), h.conversationId(), h.status().code(), h.reason(), h.requestedAt().toString(),
				Math.max(0, Duration.between(h.requestedAt(), until).toSeconds()), overSla, sla.toSeconds(), queuePosition,
				h.agent(),
				(h.claimedAt() != null) ? h.claimedAt().toString() : null,
				(h.firstResponse() != null) ? h.firstResponse().toSeconds() : null, h.contact(), h.closeReason(),
				c.channel().code(), c.siteKey(), c.locale().code(), c.attributes());
	}

}
