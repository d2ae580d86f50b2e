package com.warroom.reports;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Writes sample documents to a folder, to look at them (see README "Documents"):
 * {@code RenderSamples [dir]}. The real case of 4.8, a drill with a long note, and the
 * two customer notices.
 */
public final class RenderSamples {

	private RenderSamples() {
	}

	public static void main(String[] args) throws Exception {
		Path dir = Files.createDirectories(Path.of((args.length > 0) ? args[0] : "target/samples"));
		PdfDocuments documents = new PdfDocuments();
		Files.write(dir.resolve("report-book.pdf"), documents.reportBook(ReportFixtures.reportBook()));
		Files.write(dir.resolve("post-event-report.pdf"), documents.postEventReport(ReportFixtures.postEventReport()));
		Files.write(dir.resolve("incident-record.pdf"), documents.incidentRecord(ReportFixtures.incidentRecord()));
		String note = "<b>HTML 原样印出</b> ${env:HOME} 客户𠮷田 😀 " + "长备注：机房空调故障导致温度升高，值班人员已处置。".repeat(60);
		Files.write(dir.resolve("report-book-drill.pdf"),
				documents.reportBook(ReportFixtures.reportBook(true, ReportFixtures.course(), List.of(), note)));
		Files.write(dir.resolve("drill-record.pdf"), documents.drillRecord(DrillDocumentsTests.record()));
		Files.write(dir.resolve("drill-summary.pdf"), documents.drillSummary(DrillDocumentsTests.summary()));
		NoticeTemplates templates = new NoticeTemplates();
		Map<String, String> values = Map.of("业务", "交易", "原因", "计算机系统", "预计恢复时间", "今日 14:30", "公司名称", "XX期货有限公司", "日期",
				NoticeTemplates.date(LocalDate.of(2012, 6, 15)));
		for (String id : List.of("trading-halt", "settlement-delay")) {
			Notice notice = templates.compose(id, values);
			Files.write(dir.resolve("notice-" + id + ".pdf"),
					documents.notice(notice.title(), notice.text(), id.equals("settlement-delay")));
		}
		System.out.println("Written to " + dir.toAbsolutePath());
	}

}
