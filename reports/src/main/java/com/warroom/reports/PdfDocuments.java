package com.warroom.reports;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

import com.warroom.reports.internal.DrillRecordRenderer;
import com.warroom.reports.internal.DrillSummaryRenderer;
import com.warroom.reports.internal.IncidentRecordRenderer;
import com.warroom.reports.internal.NoticeRenderer;
import com.warroom.reports.internal.PostEventReportRenderer;
import com.warroom.reports.internal.ReportBookRenderer;
import com.warroom.reports.internal.Texts;

/**
 * Renders the incident documents as PDF (A4), in Chinese with the font embedded as a
 * subset (WenQuanYi Micro Hei), laid out like the seed's forms. Every page shows the
 * incident id and 第 x 页 共 y 页 in its footer; a drill has 【演练】 in its title and a diagonal
 * 演练 watermark on every page. Long values wrap and flow onto further pages; user text is
 * printed literally (no markup, no placeholders), and characters the font lacks print as
 * 〓 with their code point.
 * <p>
 * Times are shown in the zone given at construction. Thread-safe: one instance may serve
 * all threads. The font is loaded once, on first use (about 5 MB read, once).
 */
public final class PdfDocuments {

	/** The zone of a Chinese futures company. */
	public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

	private final ReportBookRenderer reportBooks;

	private final PostEventReportRenderer postEventReports;

	private final IncidentRecordRenderer incidentRecords;

	private final NoticeRenderer notices;

	private final DrillRecordRenderer drillRecords;

	private final DrillSummaryRenderer drillSummaries;

	/** Documents with times in {@link #CHINA}. */
	public PdfDocuments() {
		this(CHINA);
	}

	/** Documents with times in {@code zone}. */
	public PdfDocuments(ZoneId zone) {
		Texts texts = new Texts(Objects.requireNonNull(zone, "zone"));
		this.reportBooks = new ReportBookRenderer(texts);
		this.postEventReports = new PostEventReportRenderer(texts);
		this.incidentRecords = new IncidentRecordRenderer(texts);
		this.notices = new NoticeRenderer(texts);
		this.drillRecords = new DrillRecordRenderer(texts);
		this.drillSummaries = new DrillSummaryRenderer(texts);
	}

	/** 《应急演练记录》 (附件九, with 4.1 第三十条's times and decision log). */
	public byte[] drillRecord(DrillRecord record) {
		return drillRecords.render(Objects.requireNonNull(record, "record"));
	}

	/** One drill's 《应急演练情况总结报告》 (4.7's five sections). */
	public byte[] drillSummary(DrillSummary summary) {
		return drillSummaries.render(Objects.requireNonNull(summary, "summary"));
	}

	/** The year's 《应急演练情况总结报告》 (4.7) over every drill of the year. */
	public byte[] yearlyDrillReport(YearlyDrillReport report) {
		return drillSummaries.render(Objects.requireNonNull(report, "report"));
	}

	/** 《网络与信息安全事件情况报告书》 (附件三 / 4.6), one per report made. */
	public byte[] reportBook(ReportBook book) {
		return reportBooks.render(Objects.requireNonNull(book, "book"));
	}

	/**
	 * The report book as sent, from the book its 签发人 approved: a PDF incremental update
	 * whose first {@code approved.length} bytes are {@code approved} unchanged (so the
	 * approved revision's SHA-256 stays checkable on the sent file), followed by one
	 * appended revision that fills the blank 报告时间 (when the report counted as made) and
	 * 签发人. Viewers show the filled form; cutting the file at {@code approved.length}
	 * gives back the approved one.
	 * @param approved a book rendered with {@link ReportBook#reportedAt()} null and no
	 * signers
	 * @param signers the 签发人 in the order they signed
	 * @throws IllegalArgumentException when {@code approved} shows no blank 报告时间 or 签发人
	 */
	public byte[] sentReportBook(byte[] approved, Instant reportedAt, List<String> signers) {
		return reportBooks.sent(Objects.requireNonNull(approved, "approved"),
				Objects.requireNonNull(reportedAt, "reportedAt"), List.copyOf(signers));
	}

	/** 《关于……事件的处理情况报告》 (4.8, with 4.3 第十二条's contents). */
	public byte[] postEventReport(PostEventReport report) {
		return postEventReports.render(Objects.requireNonNull(report, "report"));
	}

	/** 《信息系统事件记录表》 (2.8.4). */
	public byte[] incidentRecord(IncidentRecord record) {
		return incidentRecords.render(Objects.requireNonNull(record, "record"));
	}

	/**
	 * A customer notice (附件十), e.g. from {@link NoticeTemplates#compose}: the title
	 * centred, the salutation flush left, the body indented, and the lines after 特此通知
	 * (company, date) flush right. Customers read it: it carries no internal incident id
	 * (the footer shows only 第 x 页 共 y 页), and the archive keeps it under the incident.
	 * @param title the notice's title, e.g. 交易暂停通知
	 * @param text the notice's text, lines separated by {@code \n}
	 * @param drill whether it is a drill's notice (marked 演练)
	 */
	public byte[] notice(String title, String text, boolean drill) {
		return notices.render(Objects.requireNonNull(title, "title"), Objects.requireNonNull(text, "text"), drill);
	}

}
