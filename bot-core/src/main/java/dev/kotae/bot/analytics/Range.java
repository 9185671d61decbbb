package dev.kotae.bot.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The conversations started in {@code [from, to)}.
 *
 * @param from first instant included
 * @param to first instant excluded
 */
public record Range(Instant from, Instant to) {

	public Range {
		Objects.requireNonNull(from, "from");
		Objects.requireNonNull(to, "to");
		if (!from.isBefore(to)) {
			throw new IllegalArgumentException("from must be before to: " + from + " / " + to);
		}
	}

	/** Whole days {@code first} to {@code last} (both included) in {@code zone}. */
	public static Range ofDays(LocalDate first, LocalDate last, ZoneId zone) {
		return new Range(first.atStartOfDay(zone).toInstant(), last.plusDays(1).atStartOfDay(zone).toInstant());
	}

}
