package com.warroom.playbooks;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class WorkingDayCalendarTests {

	private final WorkingDayCalendar calendar = WorkingDayCalendar.bundled();

	@Test
	void nationalDayHolidayIsSkippedAndTheMakeUpSaturdayCounts() {
		// recovered Wed 2026-09-30: 10-01..10-07 off; Thu 8, Fri 9, Sat 10 (调休上班), Mon
		// 12, Tue 13
		assertThat(calendar.plusWorkingDays(LocalDate.of(2026, 9, 30), 5)).isEqualTo(LocalDate.of(2026, 10, 13));
		assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, 10))).isTrue();
		assertThat(calendar.isTradingDay(LocalDate.of(2026, 10, 10))).isFalse();
		assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, 5))).isFalse();
		assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, 11))).isFalse();
	}

	@Test
	void withoutTheMakeUpDayTheDeadlineWouldFallADayLater() {
		WorkingDayCalendar noMakeUp = WorkingDayCalendar.parse("""
				years:
				  2026:
				    holidays: [2026-10-01/2026-10-07]
				""");
		assertThat(noMakeUp.plusWorkingDays(LocalDate.of(2026, 9, 30), 5)).isEqualTo(LocalDate.of(2026, 10, 14));
	}

	@Test
	void thirtyWorkingDaysCrossTheHolidayAndTheSundayMakeUpDay() {
		// from Fri 2026-09-18: Sun 09-20 is a make-up working day, 09-25..27 and
		// 10-01..07 are off
		LocalDate due = calendar.plusWorkingDays(LocalDate.of(2026, 9, 18), 30);
		long counted = LocalDate.of(2026, 9, 19).datesUntil(due.plusDays(1)).filter(calendar::isWorkingDay).count();
		assertThat(counted).isEqualTo(30);
		assertThat(due).isEqualTo(LocalDate.of(2026, 11, 5));
	}

	@Test
	void springFestivalAndCoverage() {
		assertThat(calendar.isWorkingDay(LocalDate.of(2026, 2, 14))).isTrue();
		assertThat(calendar.isWorkingDay(LocalDate.of(2026, 2, 16))).isFalse();
		assertThat(calendar.isTradingDay(LocalDate.of(2026, 2, 24))).isTrue();
		assertThat(calendar.covers(LocalDate.of(2026, 12, 31))).isTrue();
		assertThat(calendar.covers(LocalDate.of(2027, 1, 1))).isFalse();
		assertThat(calendar.plusWorkingDays(LocalDate.of(2026, 11, 20), 0)).isEqualTo(LocalDate.of(2026, 11, 20));
	}

	@Test
	void badCalendarsAreRejectedWithTheEntry() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> WorkingDayCalendar.parse("years:\n  2026:\n    holidays: [2026-13-01]\n"))
			.withMessageContaining("2026-13-01");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> WorkingDayCalendar
				.parse("years:\n  2026:\n    holidays: [2026-10-10]\n    make_up_working_days: [2026-10-10]\n"))
			.withMessageContaining("既是假日又是调休上班日");
	}

}
