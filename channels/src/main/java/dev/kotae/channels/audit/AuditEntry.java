package dev.kotae.channels.audit;

import java.time.Instant;

import tools.jackson.databind.JsonNode;

/** One line of the audit log; {@code before} and {@code after} are the stored JSON. */
public record AuditEntry(long id, Instant at, String actor, String action, String targetType, String targetId,
		JsonNode before, JsonNode after) {
}
