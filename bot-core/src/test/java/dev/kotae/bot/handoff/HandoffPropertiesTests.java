package dev.kotae.bot.handoff;

import java.time.Duration;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class HandoffPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(HandoffConfiguration.class);

	@Test
	void defaultsAreWeekdaysNineToSixInTokyoWithAOneMinuteSla() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			HandoffProperties p = context.getBean(HandoffProperties.class);
			assertThat(p.sla()).isEqualTo(Duration.ofSeconds(60));
			assertThat(p.hours()).containsEntry("monday", "09:00-18:00").doesNotContainKey("saturday");
		});
	}

	@Test
	void hoursHolidaysAndCannedResponsesBind() {
		this.runner
			.withPropertyValues("kotae.handoff.sla=30s", "kotae.handoff.hours.saturday=10:00-12:00",
					"kotae.handoff.holidays=2026-12-31,2027-01-01", "kotae.handoff.canned-responses.ja[0]=少々お待ちください")
			.run((context) -> {
				HandoffProperties p = context.getBean(HandoffProperties.class);
				assertThat(p.sla()).isEqualTo(Duration.ofSeconds(30));
				assertThat(p.hours()).containsEntry("saturday", "10:00-12:00");
				assertThat(p.holidays()).contains(LocalDate.parse("2027-01-01"));
				assertThat(p.cannedResponses().get("ja")).containsExactly("少々お待ちください");
			});
	}

	@Test
	void badHoursFailStartUp() {
		this.runner.withPropertyValues("kotae.handoff.hours.funday=09:00-18:00")
			.run((context) -> assertThat(context).hasFailed());
		this.runner.withPropertyValues("kotae.handoff.hours.monday=18:00-09:00")
			.run((context) -> assertThat(context).hasFailed());
	}

}
