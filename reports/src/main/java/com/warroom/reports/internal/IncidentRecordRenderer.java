package com.warroom.reports.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.itextpdf.layout.element.Cell;
import com.itextpdf.layout.element.Table;
import com.itextpdf.layout.properties.TextAlignment;
import com.warroom.playbooks.Severity;
import com.warroom.reports.IncidentRecord;
import com.warroom.reports.SignedSection;
import org.jspecify.annotations.Nullable;

/**
 * Draws the incident record as the seed's form (2.8.4), with 恢复时间 and 持续时间 added: the
 * times two to a row, then the signed sections, each closed by its 事件管理人 or 事件处理人 and 时间.
 * Thread-safe.
 */
public final class IncidentRecordRenderer {

	static final String TITLE = "信息系统事件记录表";

	private final Texts texts;

	public IncidentRecordRenderer(Texts texts) {
		this.texts = texts;
	}

	public String title(IncidentRecord record) {
		return texts.clean(record.company().name()) + TITLE;
	}

	public byte[] render(IncidentRecord record) {
		Form form = new Form(title(record), record.incidentId(), record.drill(), texts);
		form.title(title(record));
		LocalDate day = (record.occurredAt() != null) ? texts.day(record.occurredAt()) : null;
		form.sideBySide("故障发生日期：" + ((record.occurredAt() != null) ? texts.date(record.occurredAt()) : "　　　　年　　月　　日"),
				"事件编号：" + texts.clean(record.incidentId()));
		Table table = Form.grid(32, 46, 32, 46);
		wide(form, table, "事件现象", List.of(Line.of(texts.orDash(record.phenomenon()))), 14);
		wide(form, table, "事件影响", List.of(Line.of(texts.orDash(record.impact()))), 14);
		pair(form, table, "发生时间", texts.timeOn(record.occurredAt(), day), "发现时间",
				texts.timeOn(record.discoveredAt(), day));
		pair(form, table, "上报时间", texts.timeOn(record.reportedAt(), day), "处理时间",
				texts.timeOn(record.handledAt(), day));
		String lasted = (record.occurredAt() != null && record.recoveredAt() != null)
				? Texts.duration(record.occurredAt(), record.recoveredAt()) : Texts.EMPTY;
		pair(form, table, "恢复时间", texts.timeOn(record.recoveredAt(), day), "持续时间", lasted);
		pair(form, table, "受理人", record.receiver(), "处理人", record.handler());
		String level = raised(level(record.level()), level(record.levelRaisedTo()));
		String accident = raised(texts.orDash(record.accidentLevel()), texts.orDash(record.accidentRaisedTo()));
		if (Texts.isBlank(record.levelNote())) {
			pair(form, table, "事件级别", level, "事故级别", accident);
		}
		else {
			// a level with its note (a leader's override
			// and its reason) takes the whole width
			wide(form, table, "事件级别",
					List.of(Line.of(level + "（" + Texts.sentence(texts.clean(record.levelNote())) + "）")), 9);
			wide(form, table, "事故级别", List.of(Line.of(accident)), 9);
		}
		signed(form, table, "事件分析", record.analysis(), "事件管理人");
		signed(form, table, "处理方案", record.plan(), "事件管理人");
		signed(form, table, "处理过程", record.process(), "事件处理人");
		signed(form, table, "改进计划", record.improvement(), "事件处理人");
		signed(form, table, "跟踪情况", record.tracking(), "事件管理人");
		signed(form, table, "事件管理人意见", record.managerOpinion(), "事件管理人");
		wide(form, table, "备注", List.of(Line.of(texts.orDash(record.remarks()))), 12);
		form.doc().add(table);
		return form.finish();
	}

	private static String level(@Nullable Severity severity) {
		return (severity != null) ? severity.label() + "事件" : Texts.EMPTY;
	}

	private static String raised(String level, String raisedTo) {
		return Texts.EMPTY.equals(raisedTo) ? level : level + "，升级至" + raisedTo;
	}

	private static void pair(Form form, Table table, String label1, @Nullable String value1, String label2,
			@Nullable String value2) {
		table.addCell(Form.label(label1).setMinHeight(9 * Form.MM));
		table.addCell(form.value(1, value1));
		table.addCell(Form.label(label2));
		table.addCell(form.value(1, value2));
	}

	private static void wide(Form form, Table table, String label, List<Line> lines, float minHeightMm) {
		table.addCell(Form.label(label).setMinHeight(minHeightMm * Form.MM));
		table.addCell(form.value(3, lines));
	}

	private void signed(Form form, Table table, String label, SignedSection section, String signer) {
		List<Line> lines = new ArrayList<>();
		if (!Texts.isBlank(section.text())) {
			lines.add(Line.of(texts.clean(section.text())));
		}
		lines.addAll(texts.timeline(section.lines()));
		Cell value = form.value(3, lines);
		String at = (section.signedAt() != null) ? texts.dateMinute(section.signedAt()) : "　　　　　　　　";
		String by = Texts.isBlank(section.signedBy()) ? "　　　　　　" : texts.clean(section.signedBy());
		value.add(form.paragraph(Line.of(signer + "：" + by + "　　时间：" + at), 0)
			.setTextAlignment(TextAlignment.RIGHT)
			.setMarginTop(2 * Form.MM));
		table.addCell(Form.label(label).setMinHeight(20 * Form.MM));
		table.addCell(value);
	}

}
