package com.warroom.reports.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.itextpdf.layout.element.Table;
import com.warroom.reports.Assessment;
import com.warroom.reports.CompanyInfo;
import com.warroom.reports.Investigation;
import com.warroom.reports.PostEventReport;
import com.warroom.reports.ReportMade;
import org.jspecify.annotations.Nullable;

/**
 * Draws the post-event report: 4.8's header and ten sections, in the order and words of
 * the seed, with 4.3 第十二条's contents placed in them (the reports made under 五, the level
 * under 六, accountability under 七, problems found under 九). Thread-safe.
 */
public final class PostEventReportRenderer {

	static final List<String> SECTIONS = List.of("一、事件发生的时间和地点", "二、事件发生经过", "三、事件影响范围、影响程度、影响人数以及经济损失情况等",
			"四、事件导致的后果，事件发生的原因及事件性质判定", "五、已采取的措施及效果", "六、是否进行过内部调查以及内部调查的结论",
			"七、调查事件的发生有无人为原因，事件处理过程有无不当处置，如有，是否对相关责任人进行了责任追究", "八、总结事件的经验教训", "九、后续采取的整改措施", "十、其他应予报告的事项");

	static final String PRELIMINARY_NOTE = "本报告为初步报告：事件原因、责任和结论尚未最终确定，将在应急处置结束、系统恢复正常运行后 30 个工作日内提交事件补充报告。";

	private final Texts texts;

	public PostEventReportRenderer(Texts texts) {
		this.texts = texts;
	}

	/** XX期货有限公司关于数据库节点1故障事件的处理情况报告（初步）, without the drill mark. */
	public String title(PostEventReport report) {
		return texts.clean(report.company().name()) + subject(report);
	}

	/** The title after the company's name: 关于……事件的处理情况报告. */
	private String subject(PostEventReport report) {
		String event = texts.orDash(report.eventName());
		return "关于" + event + (event.endsWith("事件") ? "" : "事件") + "的处理情况报告" + (report.preliminary() ? "（初步）" : "");
	}

	public byte[] render(PostEventReport report) {
		Form form = new Form(title(report), report.incidentId(), report.drill(), texts);
		form.title(texts.clean(report.company().name()), subject(report));
		if (report.preliminary()) {
			form.prose(PRELIMINARY_NOTE);
		}
		header(form, report.company(), report.incidentId());
		form.heading(SECTIONS.get(0));
		form.prose(timeAndPlace(report));
		form.heading(SECTIONS.get(1));
		report.narrative().forEach((paragraph) -> form.prose(texts.orDash(paragraph)));
		if (!report.narrative().isEmpty() && !report.course().isEmpty()) {
			form.prose("主要时间节点：");
		}
		form.items(texts.timeline(report.course()));
		if (report.narrative().isEmpty() && report.course().isEmpty()) {
			form.item(Texts.EMPTY);
		}
		form.heading(SECTIONS.get(2));
		form.items(ReportBookRenderer.impact(texts, report.impact()));
		form.heading(SECTIONS.get(3));
		form.items(ReportBookRenderer.assessment(texts, report.assessment(), false));
		form.heading(SECTIONS.get(4));
		form.item("（一）事件报告情况");
		reports(form, report.reports());
		form.item("（二）采取的措施及效果");
		listOrDash(form, ReportBookRenderer.measures(texts, report.measures()));
		investigation(form, report.investigation(), report.assessment());
		form.heading(SECTIONS.get(7));
		form.prose(texts.orDash(report.lessons()));
		form.heading(SECTIONS.get(8));
		form.item("（一）事件暴露出的问题");
		listOrDash(form, texts.numbered(report.problems()));
		form.item("（二）整改措施");
		listOrDash(form, texts.numbered(report.correctiveActions()));
		form.heading(SECTIONS.get(9));
		form.prose(Texts.isBlank(report.other()) ? "无。" : texts.clean(report.other()));
		form.space(8);
		form.right(texts.clean(report.company().name()));
		form.right((report.reportedAt() != null) ? texts.date(report.reportedAt()) : "　　　　年　　月　　日");
		return form.finish();
	}

	private void header(Form form, CompanyInfo company, String incidentId) {
		form.sideBySide("报告单位：" + texts.clean(company.name()), "事件编号：" + texts.clean(incidentId));
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
		form.heading("报告正文：");
	}

	private String timeAndPlace(PostEventReport report) {
		String place = texts.orDash(Texts.isBlank(report.place()) ? report.company().location() : report.place());
		if (report.occurredAt() == null) {
			return "事件发生时间：" + Texts.EMPTY + "；事件发生地点为" + place + "。";
		}
		String from = texts.dateTime(report.occurredAt());
		if (report.recoveredAt() == null) {
			return "事件发生时间为 " + from + "，截至本报告时系统尚未恢复正常运行；事件发生地点为" + place + "。";
		}
		return "事件发生时间为 " + from + " 至 " + texts.timeOn(report.recoveredAt(), texts.day(report.occurredAt())) + "，共计 "
				+ Texts.duration(report.occurredAt(), report.recoveredAt()) + "；事件发生地点为" + place + "。";
	}

	private void reports(Form form, List<ReportMade> reports) {
		if (reports.isEmpty()) {
			form.item(Texts.EMPTY);
			return;
		}
		Table table = Form.grid(31, 35, 20, 40, 30).setMarginTop(1 * Form.MM).setMarginBottom(1.5f * Form.MM);
		for (String label : List.of("次序", "报告时间", "报告方式", "报送对象", "签发人")) {
			table.addHeaderCell(Form.label(label));
		}
		for (ReportMade made : reports) {
			// 第 3 次 and its name on a line each, never broken inside
			table.addCell(Form.label(texts.clean(made.sequence().text()).replace("（", "\n（")));
			table.addCell(form.value(1,
					List.of(Line.of(texts.date(made.at())), Line.of(texts.timeOn(made.at(), texts.day(made.at()))))));
			table.addCell(form.value(1, made.channel()));
			table.addCell(form.value(1, String.join("、", made.recipients().stream().map(texts::orDash).toList())));
			table.addCell(
					form.value(1, made.signers().stream().map((signer) -> Line.of(texts.orDash(signer))).toList()));
		}
		form.doc().add(table);
	}

	private void investigation(Form form, Investigation investigation, Assessment assessment) {
		form.heading(SECTIONS.get(5));
		form.prose(Texts.isBlank(investigation.conclusion()) ? "尚未进行内部调查。" : texts.clean(investigation.conclusion()));
		form.items(List.of(new Line("事件级别：", ReportBookRenderer.level(texts, assessment))));
		form.heading(SECTIONS.get(6));
		form.items(List.of(new Line("有无人为原因：", texts.orDash(investigation.humanCause())),
				new Line("有无不当处置：", texts.orDash(investigation.handlingIssues())),
				new Line("责任追究情况：", texts.orDash(investigation.accountability()))));
	}

	private static void listOrDash(Form form, List<Line> items) {
		if (items.isEmpty()) {
			form.item(Texts.EMPTY);
		}
		form.items(items);
	}

}
