package com.warroom.reports.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.itextpdf.layout.element.Table;
import com.warroom.reports.Assessment;
import com.warroom.reports.CompanyInfo;
import com.warroom.reports.Impact;
import com.warroom.reports.Measure;
import com.warroom.reports.ReportBook;
import org.jspecify.annotations.Nullable;

/**
 * Draws the report book as the seed's form (附件三 / 4.6): title, 报告时间 and 第 N 次, then one
 * bordered table, the short fields two to a row, the long ones across the width.
 * Thread-safe: all state lives in the {@link Form} of each call.
 */
public final class ReportBookRenderer {

	/** PRODUCT.md decision 5: 附件三's title. */
	public static final String TITLE = "网络与信息安全事件情况报告书";

	static final String FOOTNOTE = "注：单位名称处需要加盖公章或信息技术负责人签字";

	/** Widths of the table's columns in millimetres: label, value, label, value. */
	private static final float[] COLUMNS = { 32, 46, 32, 46 };

	/**
	 * Where the first label column ends (points from the page's left edge): values start
	 * right of it.
	 */
	static final float LABEL_COLUMN_END = Form.LEFT + COLUMNS[0] * Form.MM;

	private final Texts texts;

	private final SentStamp stamp;

	public ReportBookRenderer(Texts texts) {
		this.texts = texts;
		this.stamp = new SentStamp(texts);
	}

	/**
	 * The book as sent: {@code approved} (rendered with blank 报告时间 and 签发人, as signed)
	 * unchanged as its first bytes, then an appended revision filling in both.
	 */
	public byte[] sent(byte[] approved, java.time.Instant reportedAt, List<String> signers) {
		return stamp.stamp(approved, reportedAt, signers);
	}

	public byte[] render(ReportBook book) {
		Form form = new Form(TITLE, book.incidentId(), book.drill(), texts);
		form.title(TITLE);
		// the form's one header line (附件三 L11036, 4.6 L15336): 报告时间 … 第 N 次, the
		// sequence never broken inside ("第 2 次（恢复后报告）" moves to the next line whole)
		form.header("报告时间：" + texts.formTime(book.reportedAt()), texts.clean(book.sequence().text()));
		form.right("事件编号：" + texts.clean(book.incidentId()));
		CompanyInfo company = book.company();
		Table table = Form.grid(COLUMNS);
		pair(form, table, "单位名称", company.name(), "报告人", company.reporter());
		pair(form, table, "联系人", company.contact(), "联系电话", company.phone());
		pair(form, table, "传真", company.fax(), "联系方式\n（含手机）", company.mobile());
		table.addCell(Form.label("签发人").setMinHeight(12 * Form.MM));
		table.addCell(form.value(3,
				List.of(Line.of(String.join("　　", book.signers().stream().map(texts::orDash).toList())))));
		String place = texts.orDash(Texts.isBlank(book.place()) ? company.location() : book.place());
		wide(form, table, "事件发生时间、地点", List.of(Line.of(texts.dateTimeOrDash(book.occurredAt()) + "，" + place)));
		wide(form, table, "事件简要经过", texts.timeline(book.course()));
		wide(form, table, "事件影响范围、影响程度、影响人数、经济损失情况", impact(texts, book.impact()));
		wide(form, table, "事件导致的后果、发生原因和事件性质判断", assessment(texts, book.assessment(), true));
		wide(form, table, "已采取的措施及效果", measures(texts, book.measures()));
		wide(form, table, "需要有关部门和单位协助处置的有关事宜", List.of(Line.of(texts.orDash(book.assistance()))));
		wide(form, table, "备注", List.of(Line.of(texts.orDash(book.remarks()))));
		form.doc().add(table);
		form.note(FOOTNOTE);
		return form.finish();
	}

	private static void pair(Form form, Table table, String label1, @Nullable String value1, String label2,
			@Nullable String value2) {
		table.addCell(Form.label(label1).setMinHeight(8 * Form.MM));
		table.addCell(form.value(1, value1));
		table.addCell(Form.label(label2));
		table.addCell(form.value(1, value2));
	}

	private static void wide(Form form, Table table, String label, List<Line> lines) {
		table.addCell(Form.label(label).setMinHeight(12 * Form.MM));
		table.addCell(form.value(3, lines));
	}

	static List<Line> impact(Texts texts, Impact impact) {
		return List.of(new Line("影响范围：", texts.orDash(impact.scope())),
				new Line("影响程度：", texts.orDash(impact.degree())), new Line("影响人数：", texts.orDash(impact.people())),
				new Line("经济损失：", texts.orDash(impact.loss())));
	}

	/** 后果, 原因, 事件分类, then 事件级别 when {@code withLevel}, and 事件性质. */
	static List<Line> assessment(Texts texts, Assessment assessment, boolean withLevel) {
		List<Line> lines = new ArrayList<>();
		lines.add(new Line("后果：", texts.orDash(assessment.consequences())));
		lines.add(new Line("原因：", texts.orDash(assessment.cause())));
		lines.add(new Line("事件分类：",
				(assessment.eventClass() != null) ? assessment.eventClass().label() + "事件" : Texts.EMPTY));
		if (withLevel) {
			lines.add(new Line("事件级别：", level(texts, assessment)));
		}
		lines.add(new Line("事件性质：", (assessment.nature() != null) ? assessment.nature().label() : Texts.EMPTY));
		return lines;
	}

	/**
	 * The effective level; with an override, also who set it and why, and what the
	 * grading rules give: 重大事件（应急领导小组调整，理由：…；按分级规则为一般事件：…）.
	 */
	static String level(Texts texts, Assessment assessment) {
		if (assessment.level() == null) {
			return Texts.EMPTY;
		}
		String level = assessment.level().label() + "事件";
		String rule = Texts.isBlank(assessment.levelReason()) ? ""
				: Texts.sentence(texts.clean(assessment.levelReason()));
		if (!assessment.overridden()) {
			return rule.isEmpty() ? level : level + "（" + rule + "）";
		}
		String reason = Texts.isBlank(assessment.overrideReason()) ? Texts.EMPTY
				: Texts.sentence(texts.clean(assessment.overrideReason()));
		String computed = (assessment.computedLevel() != null) ? assessment.computedLevel().label() + "事件"
				: Texts.EMPTY;
		return level + "（应急领导小组调整，理由：" + reason + "；按分级规则为" + computed + (rule.isEmpty() ? "" : "：" + rule) + "）";
	}

	/** Numbered, each with its time (the date when it changes) and its effect. */
	static List<Line> measures(Texts texts, List<Measure> measures) {
		List<Line> lines = new ArrayList<>(measures.size());
		LocalDate day = null;
		for (int i = 0; i < measures.size(); i++) {
			Measure measure = measures.get(i);
			StringBuilder line = new StringBuilder();
			if (measure.at() != null) {
				line.append(texts.stamp(measure.at(), day)).append("　");
				day = texts.day(measure.at());
			}
			String action = texts.orDash(Texts.unnumbered(measure.action()));
			if (Texts.isBlank(measure.effect())) {
				line.append(action);
			}
			else {
				line.append(Texts.sentence(action))
					.append("。效果：")
					.append(Texts.sentence(texts.clean(measure.effect())));
			}
			lines.add(new Line((i + 1) + "、", Texts.tidy(line.toString())));
		}
		return lines;
	}

}
