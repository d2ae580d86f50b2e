package com.warroom.bot.documents;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.warroom.bot.documents.DrillMeasures.Action;
import com.warroom.bot.documents.DrillMeasures.Kind;
import com.warroom.bot.engine.IncidentViews;
import com.warroom.bot.engine.Texts;
import com.warroom.bot.incident.Incident;
import com.warroom.bot.incident.IncidentStore;
import com.warroom.playbooks.ObligationKind;
import com.warroom.playbooks.Playbook;
import com.warroom.reports.CompanyInfo;
import com.warroom.reports.DrillRecord;
import com.warroom.reports.DrillSummary;
import com.warroom.reports.TimedLine;
import org.jspecify.annotations.Nullable;

/**
 * A drill's documents from its measures (GH-16): the drill record (附件九 with 4.1 第三十条's
 * times and decision log) and the summary in 4.7's five sections. The inject time and
 * success criteria come from the drill's plan when there is one; without one the
 * simulated fault is the incident's start and no criterion is measured. Thread-safe.
 */
public final class DrillPaperwork {

	/** The record's and summary's names in the archive. */
	public static final String RECORD = "应急演练记录.pdf", SUMMARY = "应急演练情况总结报告.pdf";

	private static final Map<ObligationKind, String> REPORTS = Map.of(ObligationKind.CYCLE, "定期报告",
			ObligationKind.FINAL, "恢复后报告", ObligationKind.INTERNAL, "内部报告", ObligationKind.ANALYSIS, "事件分析总结报告",
			ObligationKind.SUMMARY, "事件总结报告", ObligationKind.SUPPLEMENTARY, "补充报告", ObligationKind.POLICE, "公安机关报案");

	private final IncidentStore incidents;

	private final IncidentViews views;

	private final CompanyInfo company;

	private final Clock clock;

	private final DateTimeFormatter time;

	public DrillPaperwork(IncidentStore incidents, IncidentViews views, CompanyInfo company, Clock clock, ZoneId zone) {
		this.incidents = incidents;
		this.views = views;
		this.company = company;
		this.clock = clock;
		this.time = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss").withZone(zone);
	}

	/** The drill measured now. */
	public DrillMeasures measure(Incident incident, Playbook playbook, @Nullable Instant injectAt,
			List<DrillMeasures.Criterion> criteria) {
		List<com.warroom.bot.incident.TimelineEntry> timeline = incidents.timeline(incident.id());
		return DrillMeasures.of(incident, timeline, injectAt, views.assessments().policy().reporting(),
				views.assessments().assess(incident, playbook, timeline).reportingFacts(), criteria, clock.instant(),
				views.timelineText().in(Texts.chinese()));
	}

	/** 《应急演练记录》. */
	public DrillRecord record(Incident incident, Playbook playbook, DrillMeasures m,
			java.util.Optional<DrillContext> plan) {
		String environment = plan.map(DrillContext::environment).orElse(null);
		List<TimedLine> course = new ArrayList<>();
		course.add(new TimedLine(m.faultAt(), "模拟故障发生：" + playbook.title()));
		course.add(new TimedLine(m.declaredAt(),
				m.declaredBy() + "宣布演练事件（故障后 " + span(m.faultAt(), m.declaredAt()) + "）"));
		for (Action action : m.actions()) {
			course.add(new TimedLine(action.at(),
					action.by() + action.kind().label() + "：" + action.title()
							+ (action.detail().isEmpty() ? "" : "（" + action.detail() + "）") + "（故障后 "
							+ span(action.afterFault()) + "）"));
		}
		if (m.recoveredAt() != null) {
			course.add(new TimedLine(m.recoveredAt(), "故障排除，系统恢复（故障后 " + span(m.faultAt(), m.recoveredAt()) + "）"));
		}
		plan.ifPresent((context) -> course.addAll(context.injects()));
		course.sort(java.util.Comparator.comparing(TimedLine::at));
		List<TimedLine> decisions = m.actions(Kind.DECISION)
			.stream()
			.map((action) -> new TimedLine(action.at(), action.by() + "决策：" + action.title() + " — " + action.detail()))
			.toList();
		List<String> participants = new ArrayList<>();
		plan.ifPresent((context) -> context.participants().forEach((role) -> participants.add("（计划）" + role)));
		m.people().forEach((name, did) -> participants.add(name + "：" + tally(did)));
		String objective = plan.map(DrillContext::objective)
			.filter((text) -> !text.isBlank())
			.orElse("验证《" + playbook.title() + "》应急预案的有效性，使相关岗位人员熟悉应急处置过程（4.7 二）");
		return new DrillRecord(incident.id(), company,
				plan.map((context) -> context.title() + " / " + incident.id()).orElse(incident.id()), playbook.title(),
				objective, "演练：不报送监管或客户，发往仅限真实事件目标的通知改发演练协调人", environment, criteria(m), participants, m.declaredBy(),
				m.faultAt(), (incident.closedAt() != null) ? incident.closedAt() : m.recoveredAt(), m.faultAt(),
				m.recoveredAt(), course, decisions, result(m),
				String.join("；", problems(m).isEmpty() ? List.of("演练过程较为顺畅，未发现问题") : problems(m)));
	}

	/** One drill's 《应急演练情况总结报告》. */
	public DrillSummary summary(Incident incident, Playbook playbook, DrillMeasures m,
			java.util.Optional<DrillContext> plan) {
		List<String> course = new ArrayList<>();
		course.add("模拟故障 → 宣布演练事件：" + span(m.faultAt(), m.declaredAt()));
		for (Action action : m.actions()) {
			course.add("模拟故障 → " + action.kind().label() + "「" + action.title() + "」：" + span(action.afterFault()) + "（"
					+ action.by() + (action.detail().isEmpty() ? "" : "，" + action.detail()) + "）");
		}
		course.add("模拟故障 → 故障排除：" + ((m.recoveredAt() != null) ? span(m.faultAt(), m.recoveredAt()) : "未排除"));
		course.addAll(reportLines(m));
		boolean met = m.criteria().stream().allMatch(DrillMeasures.CriterionResult::met) && m.recoveredAt() != null;
		List<String> conclusions = new ArrayList<>();
		conclusions.add(result(m) + "。");
		// the coordinator's follow-up items (4.7 三) first, each with its fix; then what
		// the timeline shows
		List<String> problems = new ArrayList<>();
		List<String> fixes = new ArrayList<>();
		for (String item : plan.map(DrillContext::fixes).orElse(List.of())) {
			problems.add("演练中发现：" + item);
			fixes.add("已列为整改事项，" + (item.endsWith("已整改）") ? "已整改" : "到期前每日提醒直至完成"));
		}
		for (String problem : problems(m)) {
			problems.add(problem);
			fixes.add("整改措施待定");
		}
		String name = plan.map((context) -> context.title() + "：").orElse("") + "模拟" + playbook.title() + "的应急处置过程";
		List<String> people = new ArrayList<>(m.people().keySet());
		return new DrillSummary(incident.id(), company, name, m.faultAt(),
				(incident.closedAt() != null) ? incident.closedAt() : m.recoveredAt(), null, people, course,
				criteria(m), met, problems, fixes, conclusions, null);
	}

	private List<String> criteria(DrillMeasures m) {
		return m.criteria()
			.stream()
			.map((c) -> c.text() + "：" + (c.met() ? "达到" : "未达到")
					+ c.took().map((took) -> "（用时 " + span(took) + "）").orElse("（未完成）"))
			.toList();
	}

	/** Each report the drill would have made, and whether on time. */
	private List<String> reportLines(DrillMeasures m) {
		List<String> lines = new ArrayList<>();
		for (DrillMeasures.Report report : m.reports()) {
			String name = REPORTS.getOrDefault(report.kind(), report.kind().name())
					+ ((report.kind() == ObligationKind.CYCLE) ? " 第 " + report.sequence() + " 次" : "");
			String due = time.format(report.dueAt());
			String state = (report.madeAt() != null)
					? (report.onTime() ? "按时（" + time.format(report.madeAt()) + " 报出）"
							: "逾期（" + time.format(report.madeAt()) + " 才报出）")
					: report.dueAfterEnd() ? "演练结束时尚未到期" : "未报出，演练中已逾期";
			lines.add("应报" + name + "（" + due + " 前）：" + state);
		}
		return lines;
	}

	private String result(DrillMeasures m) {
		long met = m.criteria().stream().filter(DrillMeasures.CriterionResult::met).count();
		long onTime = m.reports().stream().filter(DrillMeasures.Report::onTime).count();
		long owedInDrill = m.reports().stream().filter((report) -> !report.dueAfterEnd()).count();
		// a step under 双岗复核 is complete once confirmed
		return "完成步骤 " + (m.actions(Kind.DONE).size() + m.actions(Kind.CONFIRMED).size()) + " 个，跳过 "
				+ m.actions(Kind.SKIPPED).size() + " 个，受阻 " + m.actions(Kind.BLOCKED).size() + " 个，决策 "
				+ m.actions(Kind.DECISION).size() + " 项；模拟故障至宣布 " + span(m.faultAt(), m.declaredAt()) + "，至故障排除 "
				+ ((m.recoveredAt() != null) ? span(m.faultAt(), m.recoveredAt()) : "未排除") + "；演练中应报告 " + owedInDrill
				+ " 份，按时 " + onTime + " 份"
				+ (m.criteria().isEmpty() ? "" : "；成功标准达到 " + met + "/" + m.criteria().size());
	}

	/**
	 * Problems found: steps skipped or blocked, criteria missed, reports late or not
	 * made, not recovered.
	 */
	List<String> problems(DrillMeasures m) {
		List<String> problems = new ArrayList<>();
		for (Action action : m.actions()) {
			if (action.kind() == Kind.SKIPPED || action.kind() == Kind.BLOCKED) {
				problems.add("步骤「" + action.title() + "」" + action.kind().label() + "：" + action.detail());
			}
		}
		m.criteria().stream().filter((c) -> !c.met()).forEach((c) -> problems.add("成功标准未达到：" + c.text()));
		for (DrillMeasures.Report report : m.reports()) {
			if (!report.onTime() && !report.dueAfterEnd()) {
				problems.add(REPORTS.getOrDefault(report.kind(), report.kind().name())
						+ ((report.kind() == ObligationKind.CYCLE) ? " 第 " + report.sequence() + " 次" : "")
						+ ((report.madeAt() != null) ? "报出逾期" : "未在时限（" + time.format(report.dueAt()) + "）前报出"));
			}
		}
		if (m.recoveredAt() == null) {
			problems.add("演练结束时故障尚未排除");
		}
		return problems;
	}

	/** 宣布演练事件；完成 3 项；决策 1 项. */
	private static String tally(List<String> did) {
		Map<String, Integer> counts = new LinkedHashMap<>();
		for (String action : did) {
			String kind = action.contains("：") ? action.substring(0, action.indexOf('：')) : action;
			counts.merge(kind, 1, Integer::sum);
		}
		List<String> parts = new ArrayList<>();
		counts.forEach((kind, n) -> parts
			.add((n == 1 && !kind.equals("完成") && !kind.equals("决策")) ? kind : kind + " " + n + " 项"));
		return String.join("；", parts);
	}

	private static String span(Instant from, Instant to) {
		return span(Duration.between(from, to));
	}

	/** 2 分 10 秒, 1 小时 0 分 5 秒. */
	static String span(Duration duration) {
		Duration d = duration.isNegative() ? Duration.ZERO : duration;
		if (d.toHours() > 0) {
			return d.toHours() + " 小时 " + d.toMinutesPart() + " 分 " + d.toSecondsPart() + " 秒";
		}
		return (d.toMinutes() > 0) ? d.toMinutes() + " 分 " + d.toSecondsPart() + " 秒" : d.toSeconds() + " 秒";
	}

}
