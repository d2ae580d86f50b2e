package com.warroom.reports;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One drill's summary in the five sections of 4.7 《应急演练情况总结报告》 (L15375-15460): 一、应急演练基本情况
 * (date, place, content, participants, course), 二、是否达到预期目的 (each success criterion),
 * 三、是否发现问题 (each problem and its fix), 四、演练情况总结, 五、其他应予报告的事项. The yearly report
 * ({@link YearlyDrillReport}) gathers these. Immutable.
 *
 * @param incidentId the drill's incident id
 * @param name what was drilled (演练内容)
 * @param startedAt when the drill began
 * @param endedAt when it ended, or null
 * @param place 演练地点
 * @param participants who took part
 * @param course the measured times, one line each
 * @param criteria each success criterion with its result (达到 / 未达到)
 * @param purposeMet whether the drill reached its purpose (every criterion met)
 * @param problems problems found (steps skipped or blocked, criteria missed, reports
 * late)
 * @param fixes what was or will be done about them (整改), in the order of the problems
 * @param conclusions 演练情况总结
 * @param other 其他应予报告的事项, or null for 无
 */
public record DrillSummary(String incidentId, CompanyInfo company, String name, Instant startedAt,
		@Nullable Instant endedAt, @Nullable String place, List<String> participants, List<String> course,
		List<String> criteria, boolean purposeMet, List<String> problems, List<String> fixes, List<String> conclusions,
		@Nullable String other) {

	public DrillSummary {
		Objects.requireNonNull(incidentId, "incidentId");
		Objects.requireNonNull(company, "company");
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(startedAt, "startedAt");
		participants = List.copyOf(participants);
		course = List.copyOf(course);
		criteria = List.copyOf(criteria);
		problems = List.copyOf(problems);
		fixes = List.copyOf(fixes);
		conclusions = List.copyOf(conclusions);
	}

}
