package com.warroom.reports;

import java.util.List;
import java.util.Objects;

/**
 * The year's drill report 《XX年应急演练情况总结报告》 in 4.7's own shape (L15375-15460): the drills
 * of the year with their dates, places and contents, whether they reached their purpose,
 * the problems found and their fixes, the summary, and other matters (the year's
 * trainings, 4.5). Immutable.
 *
 * @param year the year reported
 * @param drills each drill's summary, in date order
 * @param trainings the year's trainings (4.5 应急培训计划), one line each; may be empty
 */
public record YearlyDrillReport(int year, CompanyInfo company, List<DrillSummary> drills, List<String> trainings) {

	public YearlyDrillReport {
		Objects.requireNonNull(company, "company");
		drills = List.copyOf(drills);
		trainings = List.copyOf(trainings);
	}

}
