package com.warroom.bot.drill;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Optional;

import com.warroom.playbooks.WorkingDayCalendar;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * When a drill should not be held (GH-16; 4.1 第二十八条 L10068-10069: non-trading hours,
 * major drills on holidays), on the trading calendar of CALENDAR.md: no trading on
 * weekends or public holidays, no night session on the evening before a holiday.
 */
class DrillTimingTests {

	private final DrillTiming timing = new DrillTiming(WorkingDayCalendar.bundled(), "09:00-11:30,13:30-15:00",
			"21:00-02:30",
			(day) -> day.equals(LocalDate.of(2026, 12, 5)) ? Optional.of("2026-12-01/2026-12-10") : Optional.empty());

	@Test
	void theSeedsWindowOnATradingDayMeetsTheDaySessions() {
		// Monday 2026-11-23, 9:00-15:00 (4.4 L15191)
		assertThat(timing.warnings(LocalDate.of(2026, 11, 23), LocalTime.of(9, 0), LocalTime.of(15, 0)))
			.containsExactly("2026-11-23 是交易日，09:00-11:30 为日盘交易时段：演练应尽量选择非交易时段（4.1 第二十八条）",
					"2026-11-23 是交易日，13:30-15:00 为日盘交易时段：演练应尽量选择非交易时段（4.1 第二十八条）");
	}

	@Test
	void aSaturdayIsAGoodDay() {
		// 4.7's drills were on Saturdays; Friday's night session ended at 02:30
		assertThat(timing.warnings(LocalDate.of(2026, 11, 28), LocalTime.of(9, 0), LocalTime.of(15, 0))).isEmpty();
	}

	@Test
	void theNightSessionReachesPastMidnightIntoSaturday() {
		assertThat(timing.warnings(LocalDate.of(2026, 11, 28), LocalTime.of(0, 30), LocalTime.of(1, 0))).singleElement()
			.satisfies((warning) -> assertThat(warning).startsWith("2026-11-27 晚间 21:00-02:30 为夜盘交易时段"));
	}

	@Test
	void thereIsNoNightSessionOnTheEveningBeforeAHoliday() {
		// 国庆节 2026-10-01 to 10-07 (CALENDAR.md): no night session on 09-30
		assertThat(timing.warnings(LocalDate.of(2026, 9, 30), LocalTime.of(21, 0), LocalTime.of(22, 0))).isEmpty();
		assertThat(timing.warnings(LocalDate.of(2026, 9, 29), LocalTime.of(21, 0), LocalTime.of(22, 0))).hasSize(1);
		// a public holiday is no trading day
		assertThat(timing.warnings(LocalDate.of(2026, 10, 2), LocalTime.of(9, 0), LocalTime.of(15, 0))).isEmpty();
	}

	@Test
	void aSensitivePeriodWarns() {
		assertThat(timing.warnings(LocalDate.of(2026, 12, 5), LocalTime.of(9, 0), LocalTime.of(15, 0)))
			.containsExactly("2026-12-05 在敏感时期（2026-12-01/2026-12-10）内：请确认是否应在此期间演练");
	}

	@Test
	void anUndatedWindowIsCheckedAgainstAnOrdinaryTradingDay() {
		assertThat(timing.meetsSessions(LocalTime.of(9, 0), LocalTime.of(15, 0))).isTrue();
		assertThat(timing.meetsSessions(LocalTime.of(15, 30), LocalTime.of(20, 30))).isFalse();
		assertThat(timing.meetsSessions(LocalTime.of(1, 0), LocalTime.of(2, 0))).isTrue();
	}

	@Test
	void aMalformedSessionIsRefusedWithItsText() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new DrillTiming(WorkingDayCalendar.bundled(), "9点-11点", "", (day) -> Optional.empty()))
			.withMessageContaining("9点-11点");
	}

}
