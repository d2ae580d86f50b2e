package com.warroom.bot;

import java.time.Clock;

import com.warroom.playbooks.DataFiles;
import com.warroom.playbooks.LoadResult;
import com.warroom.playbooks.PlaybookLibrary;
import com.warroom.playbooks.PlaybookLoader;
import com.warroom.playbooks.ReportingObligations;
import com.warroom.playbooks.ReportingPolicy;
import com.warroom.playbooks.SeverityGrader;
import com.warroom.playbooks.WorkingDayCalendar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Loads the playbook library and the rules at start. A library with any error stops the
 * start with every error listed: the bot never runs on half a library.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WarRoomProperties.class)
class PlaybooksConfiguration {

	private static final Logger log = LoggerFactory.getLogger(PlaybooksConfiguration.class);

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	PlaybookLibrary playbookLibrary(WarRoomProperties properties) {
		LoadResult result = PlaybookLoader.loadBundledWith(properties.playbooksDir());
		PlaybookLibrary library = result.orElseThrow();
		log.info("已加载 {} 个预案（{} 个步骤）{}", library.size(), library.stepCount(),
				(properties.playbooksDir() != null) ? "，含目录 " + properties.playbooksDir() : "");
		return library;
	}

	@Bean
	SeverityGrader severityGrader() {
		return new SeverityGrader();
	}

	@Bean
	WorkingDayCalendar workingDayCalendar(WarRoomProperties properties, Clock clock) {
		WorkingDayCalendar calendar = (properties.calendar() != null) ? WorkingDayCalendar
			.read(properties.calendar().toString(), DataFiles.content("工作日历", properties.calendar()))
				: WorkingDayCalendar.bundled();
		calendarWarning(calendar, clock.instant().atZone(calendar.zone()).toLocalDate()).ifPresent(log::warn);
		return calendar;
	}

	/**
	 * The start-up warning when the calendar lacks the current or the next year (GH-10):
	 * working-day deadlines counted into such a year fall back to Monday to Friday.
	 */
	static java.util.Optional<String> calendarWarning(WorkingDayCalendar calendar, java.time.LocalDate today) {
		java.util.List<Integer> missing = calendar.missingYears(today, today.plusYears(1));
		if (missing.isEmpty()) {
			return java.util.Optional.empty();
		}
		return java.util.Optional
			.of("工作日历缺少 " + missing.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining("、"))
					+ " 年（已配置：" + calendar.years() + "）：按工作日计算的报告期限落在这些年份时只能按周一至周五估算。"
					+ "请按国务院办公厅当年的节假日安排通知补充日历文件（CALENDAR_FILE，格式见 warroom/calendar.yaml）");
	}

	@Bean
	ReportingObligations reportingObligations(WarRoomProperties properties, WorkingDayCalendar calendar) {
		ReportingPolicy policy = (properties.reportingPolicy() != null) ? ReportingPolicy
			.read(properties.reportingPolicy().toString(), DataFiles.content("报告策略", properties.reportingPolicy()))
				: ReportingPolicy.bundled();
		return new ReportingObligations(policy.withCycle(properties.reportCycle()), calendar);
	}

}
