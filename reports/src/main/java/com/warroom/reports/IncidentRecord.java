package com.warroom.reports;

import java.time.Instant;
import java.util.Objects;

import com.warroom.playbooks.Severity;
import org.jspecify.annotations.Nullable;

/**
 * The incident record 《信息系统事件记录表》 (2.8.4), with the recovery time the seed's form lacks
 * (RULES.md h). 故障发生日期 is the date of {@code occurredAt}; times on another date than that
 * one print with their date. {@code null} or blank values print as "—". Immutable.
 *
 * @param incidentId the incident's id; printed on every page
 * @param drill a drill: 【演练】 in the title and a 演练 watermark on every page
 * @param company its name starts the title
 * @param phenomenon 事件现象
 * @param impact 事件影响
 * @param occurredAt 发生时间
 * @param discoveredAt 发现时间
 * @param reportedAt 上报时间
 * @param handledAt 处理时间
 * @param recoveredAt 恢复时间 (added)
 * @param receiver 受理人
 * @param handler 处理人
 * @param level 事件级别
 * @param levelRaisedTo 事件级别 升级至; {@code null} when not raised
 * @param accidentLevel 事故级别 (2.8.1: 一般事故 / 重大事故); {@code null} when none
 * @param accidentRaisedTo 事故级别 升级至
 * @param analysis 事件分析 (事件管理人)
 * @param plan 处理方案 (事件管理人)
 * @param process 处理过程 (事件处理人)
 * @param improvement 改进计划 (事件处理人)
 * @param tracking 跟踪情况 (事件管理人)
 * @param managerOpinion 事件管理人意见 (事件管理人)
 * @param remarks 备注
 * @param levelNote why the level is what it is, printed after it, e.g. a leader's
 * override and its reason; {@code null} when there is nothing to add
 */
public record IncidentRecord(String incidentId, boolean drill, CompanyInfo company, @Nullable String phenomenon,
		@Nullable String impact, @Nullable Instant occurredAt, @Nullable Instant discoveredAt,
		@Nullable Instant reportedAt, @Nullable Instant handledAt, @Nullable Instant recoveredAt,
		@Nullable String receiver, @Nullable String handler, @Nullable Severity level, @Nullable Severity levelRaisedTo,
		@Nullable String accidentLevel, @Nullable String accidentRaisedTo, SignedSection analysis, SignedSection plan,
		SignedSection process, SignedSection improvement, SignedSection tracking, SignedSection managerOpinion,
		@Nullable String remarks, @Nullable String levelNote) {

	public IncidentRecord {
		Objects.requireNonNull(incidentId, "incidentId");
		Objects.requireNonNull(company, "company");
		Objects.requireNonNull(analysis, "analysis");
		Objects.requireNonNull(plan, "plan");
		Objects.requireNonNull(process, "process");
		Objects.requireNonNull(improvement, "improvement");
		Objects.requireNonNull(tracking, "tracking");
		Objects.requireNonNull(managerOpinion, "managerOpinion");
	}

	/** A record whose level needs no note. */
	public IncidentRecord(String incidentId, boolean drill, CompanyInfo company, @Nullable String phenomenon,
			@Nullable String impact, @Nullable Instant occurredAt, @Nullable Instant discoveredAt,
			@Nullable Instant reportedAt, @Nullable Instant handledAt, @Nullable Instant recoveredAt,
			@Nullable String receiver, @Nullable String handler, @Nullable Severity level,
			@Nullable Severity levelRaisedTo, @Nullable String accidentLevel, @Nullable String accidentRaisedTo,
			SignedSection analysis, SignedSection plan, SignedSection process, SignedSection improvement,
			SignedSection tracking, SignedSection managerOpinion, @Nullable String remarks) {
		this(incidentId, drill, company, phenomenon, impact, occurredAt, discoveredAt, reportedAt, handledAt,
				recoveredAt, receiver, handler, level, levelRaisedTo, accidentLevel, accidentRaisedTo, analysis, plan,
				process, improvement, tracking, managerOpinion, remarks, null);
	}

}
