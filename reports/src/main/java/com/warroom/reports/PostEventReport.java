package com.warroom.reports;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The post-event report 《关于……事件的处理情况报告》: 4.8's ten sections, carrying what 4.3 第十二条
 * requires of an 事件总结报告 (basic facts; how the incident was reported and handled; cause,
 * level, class, nature and responsibility; problems found, corrective actions and
 * accountability). Lists are copied; {@code null} or blank values print as "—" (section 十
 * as 无). Immutable.
 *
 * @param incidentId the incident's id; printed on every page
 * @param drill a drill: 【演练】 in the title and a 演练 watermark on every page
 * @param preliminary the cause, responsibility or conclusion are not settled yet (4.3
 * 第十二条): 初步 in the title and a note that a 补充报告 follows
 * @param eventName the event as the title names it, e.g. 数据库节点1故障 (事件 is added unless the
 * name ends with it)
 * @param company 报告单位, 负责人, 报告单位联系人 and 联系方式
 * @param reportedAt the report's date, printed under the signature
 * @param occurredAt 一: 事件发生时间
 * @param recoveredAt 一: when the system was back to normal; {@code null} while not
 * @param place 一: 事件发生地点; {@code null} or blank means {@link CompanyInfo#location()}
 * @param narrative 二: 事件发生经过 as paragraphs of prose
 * @param course 二: the timeline, oldest first
 * @param impact 三
 * @param assessment 四 (consequences, cause, class, nature) and 六 (level and its reason)
 * @param reports 五: 事件报告的情况, oldest first
 * @param measures 五: 已采取的措施及效果
 * @param investigation 六 and 七
 * @param lessons 八: 总结事件的经验教训
 * @param problems 九: 事件暴露出的问题
 * @param correctiveActions 九: 后续采取的整改措施
 * @param other 十: 其他应予报告的事项; {@code null} or blank prints 无
 */
public record PostEventReport(String incidentId, boolean drill, boolean preliminary, String eventName,
		CompanyInfo company, @Nullable Instant reportedAt, @Nullable Instant occurredAt, @Nullable Instant recoveredAt,
		@Nullable String place, List<String> narrative, List<TimedLine> course, Impact impact, Assessment assessment,
		List<ReportMade> reports, List<Measure> measures, Investigation investigation, @Nullable String lessons,
		List<String> problems, List<String> correctiveActions, @Nullable String other) {

	public PostEventReport {
		Objects.requireNonNull(incidentId, "incidentId");
		Objects.requireNonNull(eventName, "eventName");
		Objects.requireNonNull(company, "company");
		Objects.requireNonNull(impact, "impact");
		Objects.requireNonNull(assessment, "assessment");
		Objects.requireNonNull(investigation, "investigation");
		narrative = List.copyOf(narrative);
		course = List.copyOf(course);
		reports = List.copyOf(reports);
		measures = List.copyOf(measures);
		problems = List.copyOf(problems);
		correctiveActions = List.copyOf(correctiveActions);
	}

}
