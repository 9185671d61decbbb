package dev.kotae.bot.handoff;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code kotae.handoff.*}: when people are there to take over, and how fast they should be.
 *
 * @param sla a hand-off waiting longer than this is flagged and alerted
 * @param timeZone the support team's time zone
 * @param hours opening hours per day, e.g. {@code monday: "09:00-18:00"}; days not listed are closed;
 * default Monday to Friday 09:00–18:00
 * @param holidays dates (in {@code timeZone}) the team is closed
 * @param cannedResponses replies agents can insert, per language ({@code ja}, {@code en})
 */
@Validated
@ConfigurationProperties("kotae.handoff")
public record HandoffProperties(@DefaultValue("60s") @NotNull Duration sla,
		@DefaultValue("Asia/Tokyo") @NotNull ZoneId timeZone,
		Map<String, String> hours, List<LocalDate> holidays, Map<String, List<String>> cannedResponses) {

	public HandoffProperties {
		if (sla.isNegative() || sla.isZero()) {
			throw new IllegalArgumentException("kotae.handoff.sla must be positive: " + sla);
		}
		hours = (hours != null && !hours.isEmpty()) ? Map.copyOf(hours) : WEEKDAYS;
		holidays = (holidays != null) ? List.copyOf(holidays) : List.of();
		cannedResponses = (cannedResponses != null) ? Map.copyOf(cannedResponses) : Map.of();
		BusinessHours.parse(hours); // fails start-up on a bad day name or time range
	}

	static final Map<String, String> WEEKDAYS = Map.of("monday", "09:00-18:00", "tuesday", "09:00-18:00", "wednesday",
			"09:00-18:00", "thursday", "09:00-18:00", "friday", "09:00-18:00");

	/** The defaults, for code that runs without Spring. */
	public static HandoffProperties defaults() {
		return new HandoffProperties(Duration.ofSeconds(60), ZoneId.of("Asia/Tokyo"), WEEKDAYS, List.of(), Map.of());
	}

}
