package com.warroom.playbooks;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GH-10: a working-day deadline that falls in a year the calendar does not hold is never
 * computed silently as Monday to Friday: the obligation names the missing year. The
 * bundled calendar holds 2026 only (国务院办公厅关于2026年部分节假日安排的通知); the 2027 notice is not
 * shipped because it cannot be sourced here.
 */
class CalendarGapTests {

	private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	private final ReportingObligations rules = new ReportingObligations(ReportingPolicy.bundled(),
			WorkingDayCalendar.bundled());

	private static Instant at(String localDateTime) {
		return LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant();
	}

	private Obligation owed(ReportingFacts facts, ObligationKind kind) {
		return rules.owed(facts, List.of(), facts.recoveredAt())
			.stream()
			.filter((o) -> o.kind() == kind)
			.findFirst()
			.orElseThrow();
	}

	@Test
	void theBundledCalendarHoldsOnlyTheSourcedYear() {
		assertThat(WorkingDayCalendar.bundled().years()).containsExactly(2026);
		assertThat(WorkingDayCalendar.bundled().missingYears(LocalDate.of(2026, 12, 1), LocalDate.of(2028, 1, 1)))
			.containsExactly(2027, 2028);
	}

	@Test
	void aThirtyWorkingDayDeadlineRunningInto2027SaysThatYearIsMissing() {
		// 4.2 L10792-10798 / 4.3 L15148-15154: 30 个工作日内提交补充报告
		ReportingFacts facts = ReportingFacts
			.of(ReportingMode.AT_ONCE, SystemClass.CENTRAL_TRADING, at("2026-11-23T10:00:00"))
			.withRecoveredAt(at("2026-11-23T11:00:00"));
		Obligation supplementary = owed(facts, ObligationKind.SUPPLEMENTARY);
		assertThat(supplementary.calendarMissing()).containsExactly(2027);
		// counted Monday to Friday in 2027 (元旦 unknown):
		// 28 weekdays to 12-31, then 01-01 and 01-04
		assertThat(supplementary.dueAt()).isEqualTo(at("2027-01-04T23:59:00"));
		// the 5-working-day summary ends in 2026 and is certain
		assertThat(owed(facts, ObligationKind.SUMMARY).calendarMissing()).isEmpty();
		// so does a fixed duration
		assertThat(owed(facts, ObligationKind.ANALYSIS).calendarMissing()).isEmpty();
	}

	@Test
	void aDeadlineInsideTheCalendarNamesNoMissingYear() {
		ReportingFacts facts = ReportingFacts.of(ReportingMode.AT_ONCE, SystemClass.BRANCH, at("2026-11-02T10:00:00"))
			.withRecoveredAt(at("2026-11-02T11:00:00"));
		assertThat(owed(facts, ObligationKind.SUPPLEMENTARY).calendarMissing()).isEmpty();
	}

	@Test
	void aCompanyCalendarThatAdds2027CoversTheDeadline() {
		WorkingDayCalendar withNextYear = WorkingDayCalendar.parse("""
				zone: Asia/Shanghai
				years:
				  2026:
				    holidays: [2026-10-01/2026-10-07]
				  2027:
				    holidays: [2027-01-01]
				""");
		ReportingObligations covered = new ReportingObligations(ReportingPolicy.bundled(), withNextYear);
		ReportingFacts facts = ReportingFacts
			.of(ReportingMode.AT_ONCE, SystemClass.CENTRAL_TRADING, at("2026-11-23T10:00:00"))
			.withRecoveredAt(at("2026-11-23T11:00:00"));
		Obligation supplementary = covered.owed(facts, List.of(), facts.recoveredAt())
			.stream()
			.filter((o) -> o.kind() == ObligationKind.SUPPLEMENTARY)
			.findFirst()
			.orElseThrow();
		assertThat(supplementary.calendarMissing()).isEmpty();
		assertThat(supplementary.dueAt()).isEqualTo(at("2027-01-05T23:59:00"));
	}

}
