package com.warroom.reports;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One 《网络与信息安全事件情况报告书》 (附件三 / 4.6; PRODUCT.md decision 5: 附件三's title with the union of
 * both forms' fields), as sent for one report of an incident. Lists are copied;
 * {@code null} or blank values print as "—", an empty 签发人 leaves room to sign by hand, a
 * {@code null} 报告时间 prints the form's blanks (年 月 日 时 分). Immutable.
 *
 * @param incidentId the incident's id, e.g. {@code INC-20261122-001}; printed on every
 * page
 * @param drill a drill: 【演练】 in the title and a 演练 watermark on every page
 * @param sequence 第 N 次, or a label such as 恢复后报告
 * @param reportedAt 报告时间
 * @param company 单位名称, 报告人, 联系人, 联系电话, 传真, 联系方式（含手机）
 * @param signers 签发人 (e.g. the 首席风险官 and the 总经理), names as they sign
 * @param occurredAt 事件发生时间
 * @param place 事件发生地点; {@code null} or blank means {@link CompanyInfo#location()}
 * @param course 事件简要经过, oldest first
 * @param impact 事件影响范围、影响程度、影响人数、经济损失情况
 * @param assessment 事件导致的后果、发生原因和事件性质判断 (class, level and its reason, nature)
 * @param measures 已采取的措施及效果, oldest first
 * @param assistance 需要有关部门和单位协助处置的有关事宜
 * @param remarks 备注
 */
public record ReportBook(String incidentId, boolean drill, Sequence sequence, @Nullable Instant reportedAt,
		CompanyInfo company, List<String> signers, @Nullable Instant occurredAt, @Nullable String place,
		List<TimedLine> course, Impact impact, Assessment assessment, List<Measure> measures,
		@Nullable String assistance, @Nullable String remarks) {

	public ReportBook {
		Objects.requireNonNull(incidentId, "incidentId");
		Objects.requireNonNull(sequence, "sequence");
		Objects.requireNonNull(company, "company");
		Objects.requireNonNull(impact, "impact");
		Objects.requireNonNull(assessment, "assessment");
		signers = List.copyOf(signers);
		course = List.copyOf(course);
		measures = List.copyOf(measures);
	}

	/**
	 * Which report this is: 第 {@code number} 次, a {@code label} such as 恢复后报告 or
	 * 12小时分析报告, or both ("第 3 次（恢复后报告）").
	 *
	 * @param number the report's number, from 1; 0 when only the label counts
	 * @param label a name for the report, or {@code null}
	 */
	public record Sequence(int number, @Nullable String label) {

		public Sequence {
			if (number < 0 || (number == 0 && (label == null || label.isBlank()))) {
				throw new IllegalArgumentException("A report needs a number from 1 or a label: " + number);
			}
		}

		/** 第 {@code number} 次. */
		public static Sequence nth(int number) {
			return new Sequence(number, null);
		}

		/** A named report without a number, e.g. 12小时分析报告. */
		public static Sequence labelled(String label) {
			return new Sequence(0, label);
		}

		/** How the form prints it, e.g. 第 2 次, 恢复后报告, 第 3 次（恢复后报告）. */
		public String text() {
			boolean named = label != null && !label.isBlank();
			if (number == 0) {
				return Objects.requireNonNull(label).strip();
			}
			return "第 " + number + " 次" + (named ? "（" + label.strip() + "）" : "");
		}

	}

}
