package com.warroom.reports.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.warroom.reports.CompanyInfo;
import com.warroom.reports.DrillSummary;
import com.warroom.reports.YearlyDrillReport;
import org.jspecify.annotations.Nullable;

/**
 * Draws 4.7 《应急演练情况总结报告》 (L15375-15460): its header (报告单位, 负责人, 报告单位联系人, 联系方式) and its
 * five sections, for one drill (the drill summary) or for every drill of a year (the
 * yearly report, with each drill as （一）, （二）… as the seed writes them). Thread-safe.
 */
public final class DrillSummaryRenderer {

	static final List<String> SECTIONS = List.of("一、应急演练基本情况", "二、各次应急演练是否达到预期目的", "三、应急演练过程中是否发现问题", "四、演练情况总结",
			"五、其他应予报告的事项");

	private static final String[] ORDINALS = { "一", "二", "三", "四", "五", "六", "七", "八", "九", "十" };

	private final Texts texts;

	public DrillSummaryRenderer(Texts texts) {
		this.texts = texts;
	}

	/** XX期货有限公司应急演练情况总结报告（DRL-…）. */
	public String title(DrillSummary summary) {
		return texts.clean(summary.company().name()) + "应急演练情况总结报告";
	}

	public String title(YearlyDrillReport report) {
		return texts.clean(report.company().name()) + report.year() + "年应急演练情况总结报告";
	}

	public byte[] render(DrillSummary summary) {
		Form form = new Form(title(summary), summary.incidentId(), true, texts);
		form.title(title(summary));
		header(form, summary.company(), summary.incidentId());
		form.heading(SECTIONS.get(0));
		form.prose("我公司于 " + texts.dateTime(summary.startedAt()) + " 进行了应急演练（" + texts.clean(summary.incidentId())
				+ "），演练情况总结如下：");
		basics(form, summary);
		form.heading("二、应急演练是否达到预期目的");
		purpose(form, summary);
		form.heading(SECTIONS.get(2));
		problems(form, summary);
		form.heading(SECTIONS.get(3));
		conclusions(form, summary.conclusions());
		form.heading(SECTIONS.get(4));
		form.prose(Texts.isBlank(summary.other()) ? "无。" : texts.clean(summary.other()));
		signature(form, summary.company(), summary.endedAt() != null ? summary.endedAt() : summary.startedAt());
		return form.finish();
	}

	public byte[] render(YearlyDrillReport report) {
		Form form = new Form(title(report), "", true, texts);
		form.title(title(report));
		header(form, report.company(), null);
		form.heading(SECTIONS.get(0));
		if (report.drills().isEmpty()) {
			form.prose(report.year() + " 年度未进行应急演练。");
		}
		else {
			List<String> dates = report.drills().stream().map((drill) -> monthDay(drill)).toList();
			form.prose("我公司于 " + report.year() + " 年 " + String.join("、", dates) + "进行了 " + report.drills().size()
					+ " 次应急演练，演练情况总结如下：");
		}
		for (int i = 0; i < report.drills().size(); i++) {
			DrillSummary drill = report.drills().get(i);
			form.item("（" + ordinal(i) + "）" + monthDay(drill) + "演练基本情况（" + texts.clean(drill.incidentId()) + "）");
			basics(form, drill);
		}
		form.heading(SECTIONS.get(1));
		for (DrillSummary drill : report.drills()) {
			form.item(monthDay(drill) + "演练：" + (drill.purposeMet() ? "达到预期目的。" : "未完全达到预期目的。"));
			form.items(texts.numbered(drill.criteria()));
		}
		form.heading(SECTIONS.get(2));
		for (DrillSummary drill : report.drills()) {
			form.item(monthDay(drill) + "演练：");
			problems(form, drill);
		}
		form.heading(SECTIONS.get(3));
		List<String> all = new ArrayList<>();
		report.drills().forEach((drill) -> all.addAll(drill.conclusions()));
		conclusions(form, all);
		form.heading(SECTIONS.get(4));
		if (report.trainings().isEmpty()) {
			form.prose("无。");
		}
		else {
			form.prose("本年度应急培训计划（4.5）：");
			form.items(texts.numbered(report.trainings()));
		}
		signature(form, report.company(), null);
		return form.finish();
	}

	private void basics(Form form, DrillSummary drill) {
		String place = texts.orDash(Texts.isBlank(drill.place()) ? drill.company().location() : drill.place());
		String people = drill.participants().isEmpty() ? Texts.EMPTY
				: String.join("、", drill.participants().stream().map(texts::clean).toList());
		form.prose("此次演练地点在" + place + "，内容为" + texts.clean(drill.name()) + "。演练参与人员包括" + people + "。");
		if (!drill.course().isEmpty()) {
			form.item("演练过程（实测）：");
			form.items(texts.numbered(drill.course()));
		}
	}

	private void purpose(Form form, DrillSummary summary) {
		if (summary.criteria().isEmpty()) {
			form.prose("演练计划未给出可测的成功标准，按演练过程判断：" + (summary.purposeMet() ? "达到预期目的。" : "未完全达到预期目的。"));
			return;
		}
		form.prose(summary.purposeMet() ? "本次演练的各项成功标准均已达到，达到了预期目的。" : "本次演练有成功标准未达到，未完全达到预期目的。");
		form.items(texts.numbered(summary.criteria()));
	}

	private void problems(Form form, DrillSummary drill) {
		if (drill.problems().isEmpty()) {
			form.prose("演练过程较为顺畅，未发现问题。");
			return;
		}
		List<Line> lines = new ArrayList<>();
		for (int i = 0; i < drill.problems().size(); i++) {
			String fix = (i < drill.fixes().size() && !Texts.isBlank(drill.fixes().get(i))) ? drill.fixes().get(i)
					: "整改措施待定";
			lines.add(new Line((i + 1) + "、", texts.clean(drill.problems().get(i)) + "。对此问题：" + texts.clean(fix)
					+ (fix.endsWith("。") ? "" : "。")));
		}
		form.items(lines);
	}

	private void conclusions(Form form, List<String> conclusions) {
		if (conclusions.isEmpty()) {
			form.prose(Texts.EMPTY);
		}
		conclusions.forEach((text) -> form.prose(texts.clean(text)));
	}

	private void header(Form form, CompanyInfo company, @Nullable String incidentId) {
		if (incidentId != null) {
			form.sideBySide("报告单位：" + texts.clean(company.name()), "演练编号：" + texts.clean(incidentId));
		}
		else {
			form.line("报告单位：" + texts.clean(company.name()));
		}
		form.line("负责人：" + texts.orDash(company.head()));
		form.line("报告单位联系人：" + texts.orDash(company.contact()));
		List<String> ways = new ArrayList<>();
		for (@Nullable
		String way : Arrays.asList(company.phone(), company.mobile(), company.email())) {
			if (!Texts.isBlank(way)) {
				ways.add(texts.clean(way));
			}
		}
		form.line("联系方式（固定电话、移动电话、邮箱等）：" + (ways.isEmpty() ? Texts.EMPTY : String.join("，", ways)));
		form.heading("应急演练报告正文：");
	}

	private void signature(Form form, CompanyInfo company, java.time.@Nullable Instant at) {
		form.space(8);
		form.right(texts.clean(company.name()));
		form.right((at != null) ? texts.date(at) : "　　　　年　　月　　日");
	}

	private String monthDay(DrillSummary drill) {
		var day = texts.day(drill.startedAt());
		return day.getMonthValue() + " 月 " + day.getDayOfMonth() + " 日";
	}

	private static String ordinal(int index) {
		return (index < ORDINALS.length) ? ORDINALS[index] : String.valueOf(index + 1);
	}

}
