package com.warroom.reports;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The drill record 《应急演练记录》 (附件九, L14796-14818), with what 4.1 第三十条 (L10075-10077)
 * requires and the form forgot: 模拟故障发生时间, 故障排除时间 and the decision log (应急决策处置过程记录).
 * Always a drill: 【演练】 in its title and the 演练 watermark. {@code null} or blank values
 * print as "—". Immutable.
 *
 * @param incidentId the drill's incident id (also 演练操作编号 when no plan numbers it)
 * @param company its name starts the title
 * @param number 演练操作编号
 * @param name 演练操作名称
 * @param objective 演练目标
 * @param impact 演练操作影响
 * @param environment 演练环境
 * @param criteria 演练成功标准, each with its measured result
 * @param participants 演练人员 (each with what they did)
 * @param summarizer 总结人员
 * @param startedAt 演练开始时间
 * @param endedAt 演练结束时间
 * @param faultAt 模拟故障发生时间
 * @param clearedAt 故障排除时间, or null when the fault was not cleared
 * @param course 演练具体情况: the measured course (inject → declaration → steps → recovery)
 * @param decisions 应急决策处置过程记录: each decision with who and when
 * @param result 演练结果
 * @param summary 演练总结
 */
public record DrillRecord(String incidentId, CompanyInfo company, String number, String name,
		@Nullable String objective, @Nullable String impact, @Nullable String environment, List<String> criteria,
		List<String> participants, @Nullable String summarizer, Instant startedAt, @Nullable Instant endedAt,
		Instant faultAt, @Nullable Instant clearedAt, List<TimedLine> course, List<TimedLine> decisions,
		@Nullable String result, @Nullable String summary) {

	public DrillRecord {
		Objects.requireNonNull(incidentId, "incidentId");
		Objects.requireNonNull(company, "company");
		Objects.requireNonNull(startedAt, "startedAt");
		Objects.requireNonNull(faultAt, "faultAt");
		criteria = List.copyOf(criteria);
		participants = List.copyOf(participants);
		course = List.copyOf(course);
		decisions = List.copyOf(decisions);
	}

}
