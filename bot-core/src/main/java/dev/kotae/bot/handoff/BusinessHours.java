package dev.kotae.bot.handoff;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** When the support team is there: weekly opening hours in a time zone, minus holidays. */
public final class BusinessHours {

	private static final Pattern RANGE = Pattern.compile("([0-2][0-9]:[0-5][0-9])-([0-2][0-9]:[0-5][0-9])");

	private final ZoneId zone;

	private final Map<DayOfWeek, LocalTime[]> hours;

	private final Set<LocalDate> holidays;

	public BusinessHours(HandoffProperties properties) {
		this.zone = properties.timeZone();
		this.hours = parse(properties.hours());
		this.holidays = new HashSet<>(properties.holidays());
	}

	static Map<DayOfWeek, LocalTime[]> parse(Map<String, String> hours) {
		Map<DayOfWeek, LocalTime[]> parsed = new EnumMap<>(DayOfWeek.class);
		hours.forEach((day, range) -> {
			DayOfWeek dayOfWeek;
			try {
				dayOfWeek = DayOfWeek.valueOf(day.strip().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("kotae.handoff.hours: unknown day '" + day + "' (use monday…sunday)");
			}
			Matcher m = RANGE.matcher(range.strip());
			if (!m.matches()) {
				throw new IllegalArgumentException("kotae.handoff.hours." + day + ": use HH:mm-HH:mm, not '" + range + "'");
			}
			LocalTime open = LocalTime.parse(m.group(1));
			LocalTime close = m.group(2).equals("24:00") ? LocalTime.MAX : LocalTime.parse(m.group(2));
			if (!open.isBefore(close)) {
				throw new IllegalArgumentException("kotae.handoff.hours." + day + ": opens after it closes: " + range);
			}
			parsed.put(dayOfWeek, new LocalTime[] { open, close });
		});
		return parsed;
	}

	/** Whether people are there at {@code instant}. */
	public boolean isOpen(Instant instant) {
		ZonedDateTime at = instant.atZone(this.zone);
		if (this.holidays.contains(at.toLocalDate())) {
			return false;
		}
		LocalTime[] range = this.hours.get(at.getDayOfWeek());
		LocalTime time = at.toLocalTime();
		return range != null && !time.isBefore(range[0]) && time.isBefore(range[1]);
	}

	/** When people are next there after {@code instant} (within the next 60 days), in the team's zone. */
	public Optional<ZonedDateTime> nextOpening(Instant instant) {
		ZonedDateTime at = instant.atZone(this.zone);
		for (int d = 0; d <= 60; d++) {
			LocalDate date = at.toLocalDate().plusDays(d);
			LocalTime[] range = this.hours.get(date.getDayOfWeek());
			if (range == null || this.holidays.contains(date)) {
				continue;
			}
			ZonedDateTime open = date.atTime(range[0]).atZone(this.zone);
			if (open.isAfter(at)) {
				return Optional.of(open);
			}
		}
		return Optional.empty();
	}

}
