package com.warroom.bot;

import java.time.LocalDate;

import com.warroom.playbooks.WorkingDayCalendar;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GH-10: start-up warns when the working-day calendar lacks the current or the next year.
 */
class CalendarWarningTests {

	@Test
	void startUpWarnsWhenTheNextYearIsNotConfigured() {
		assertThat(PlaybooksConfiguration.calendarWarning(WorkingDayCalendar.bundled(), LocalDate.of(2026, 12, 1)))
			.hasValueSatisfying(
					(warning) -> assertThat(warning).startsWith("工作日历缺少 2027 年（已配置：[2026]）").contains("CALENDAR_FILE"));
		assertThat(PlaybooksConfiguration.calendarWarning(WorkingDayCalendar.bundled(), LocalDate.of(2028, 3, 1)))
			.hasValueSatisfying((warning) -> assertThat(warning).startsWith("工作日历缺少 2028、2029 年"));
	}

	@Test
	void noWarningWhenBothYearsAreConfigured() {
		WorkingDayCalendar calendar = WorkingDayCalendar.parse("""
				years:
				  2026:
				    holidays: [2026-10-01]
				  2027:
				    holidays: [2027-01-01]
				""");
		assertThat(PlaybooksConfiguration.calendarWarning(calendar, LocalDate.of(2026, 12, 1))).isEmpty();
	}

}
