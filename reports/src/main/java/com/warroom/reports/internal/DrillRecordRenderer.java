package com.warroom.reports.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.itextpdf.layout.element.Table;
import com.warroom.reports.DrillRecord;
import org.jspecify.annotations.Nullable;

/**
 * Draws the drill record as 附件九's form (L14796-14818), its fields two to a row where the
 * seed pairs them, with 模拟故障发生时间 / 故障排除时间 (and the time between) and the decision log
 * (应急决策处置过程记录) that 4.1 第三十条 requires added after 演练具体情况. Thread-safe.
 */
public final class DrillRecordRenderer {

	static final String TITLE = "应急演练记录";

	private final Texts texts;

	public DrillRecordRenderer(Texts texts) {
		this.texts = texts;
	}

	public String title(DrillRecord record) {
		return texts.clean(record.company().name()) + TITLE;
	}

	public byte[] render(DrillRecord record) {
		Form form = new Form(title(record), record.incidentId(), true, texts);
		form.title(title(record));
		LocalDate day = texts.day(record.startedAt());
		Table table = Form.grid(38, 42, 32, 46);
		pair(form, table, "演练操作编号", record.number(), "演练操作名称", record.name());
		wide(form, table, "演练目标", lines(record.objective()), 9);
		wide(form, table, "演练操作影响", lines(record.impact()), 9);
		// the seed pairs 演练环境 with 演练成功标准 and 演练人员 with 总结人员; measured criteria
		// and participants with what they did need the whole width
		pair(form, table, "演练环境", record.environment(), "总结人员", record.summarizer());
		wide(form, table, "演练成功标准", numbered(record.criteria()), 9);
		wide(form, table, "演练人员", record.participants().isEmpty() ? List.of(Line.of(Texts.EMPTY))
				: record.participants().stream().map((person) -> Line.of(texts.clean(person))).toList(), 9);
		pair(form, table, "演练开始时间", texts.dateTime(record.startedAt()), "演练结束时间",
				(record.endedAt() != null) ? texts.timeOn(record.endedAt(), day) : null);
		String took = (record.clearedAt() != null) ? "（历时 " + Texts.duration(record.faultAt(), record.clearedAt()) + "）"
				: "";
		pair(form, table, "模拟故障发生时间", texts.timeOn(record.faultAt(), day), "故障排除时间",
				(record.clearedAt() != null) ? texts.timeOn(record.clearedAt(), day) + took : "未排除");
		wide(form, table, "演练具体情况", texts.timeline(record.course()), 20);
		wide(form, table, "应急决策处置过程记录",
				record.decisions().isEmpty() ? List.of(Line.of("本次演练未作决策")) : texts.timeline(record.decisions()), 16);
		wide(form, table, "演练结果", lines(record.result()), 10);
		wide(form, table, "演练总结", lines(record.summary()), 14);
		for (String signer : List.of("演练人员签名", "总结人员签名")) {
			// left blank for the pen
			table.addCell(Form.label(signer).setMinHeight(10 * Form.MM));
			table.addCell(form.value(1, List.of(Line.of(""))));
			table.addCell(Form.label("签名时间"));
			table.addCell(form.value(1, List.of(Line.of(""))));
		}
		form.doc().add(table);
		form.note("注：依 4.1 第三十条，演练记录包括模拟故障发生时间、故障排除时间、应急决策处置过程记录等，保存两年以上。");
		return form.finish();
	}

	private List<Line> lines(@Nullable String text) {
		List<Line> lines = new ArrayList<>();
		for (String line : texts.orDash(text).split("\n")) {
			lines.add(Line.of(line));
		}
		return lines;
	}

	private List<Line> numbered(List<String> items) {
		return items.isEmpty() ? List.of(Line.of(Texts.EMPTY)) : texts.numbered(items);
	}

	private static void pair(Form form, Table table, String label1, @Nullable String value1, String label2,
			@Nullable String value2) {
		table.addCell(Form.label(label1).setMinHeight(10 * Form.MM));
		table.addCell(form.value(1, value1));
		table.addCell(Form.label(label2));
		table.addCell(form.value(1, value2));
	}

	private static void wide(Form form, Table table, String label, List<Line> lines, float minHeightMm) {
		table.addCell(Form.label(label).setMinHeight(minHeightMm * Form.MM));
		table.addCell(form.value(3, lines));
	}

}
