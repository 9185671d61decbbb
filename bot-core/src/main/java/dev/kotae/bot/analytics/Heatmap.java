package dev.kotae.bot.analytics;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The busiest hours: conversations started in a range by weekday and hour of the day in the team's
 * time zone.
 *
 * @param days seven rows, Monday first
 * @param max the largest cell, to scale a colour by (0 when the range is empty)
 */
public record Heatmap(List<Day> days, long max) {

	public Heatmap {
		days = List.copyOf(days);
	}

	static Heatmap of(long[][] counts) {
		List<Day> days = new ArrayList<>(7);
		long max = 0;
		for (DayOfWeek weekday : DayOfWeek.values()) {
			long[] hours = counts[weekday.getValue() - 1];
			days.add(new Day(weekday, Arrays.stream(hours).boxed().toList()));
			max = Math.max(max, Arrays.stream(hours).max().orElse(0));
		}
		return new Heatmap(days, max);
	}

	/** The cell of a weekday and an hour (0 to 23). */
	public long conversations(DayOfWeek weekday, int hour) {
		return this.days.get(weekday.getValue() - 1).hours().get(hour);
	}

	/**
	 * One weekday.
	 *
	 * @param hours 24 counts, from 00:00–00:59 to 23:00–23:59
	 */
	public record Day(DayOfWeek weekday, List<Long> hours) {

		public Day {
			hours = List.copyOf(hours);
		}

	}

}
