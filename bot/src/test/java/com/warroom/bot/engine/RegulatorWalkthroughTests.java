package com.warroom.bot.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfReader;
import com.itextpdf.kernel.pdf.canvas.parser.PdfTextExtractor;
import com.itextpdf.kernel.pdf.canvas.parser.listener.SimpleTextExtractionStrategy;
import com.warroom.bot.chat.Actor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.warroom.bot.engine.EngineHarness.COMMANDER;
import static com.warroom.bot.engine.EngineHarness.DBA;
import static com.warroom.bot.engine.EngineHarness.GM;
import static com.warroom.bot.engine.EngineHarness.LIAISON;
import static com.warroom.bot.engine.EngineHarness.SYSADMIN;
import static com.warroom.bot.engine.EngineHarness.button;
import static com.warroom.bot.engine.EngineHarness.documents;
import static com.warroom.bot.engine.EngineHarness.texts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One real central-trading incident as a regulator and an auditor would read it (GH-12's
 * "Done when"): the database host fails at 13:50 and is found at 13:58 (附件四 一), the
 * commander overrides the level with a reason, the first report book is signed by the
 * 首席风险官 and the 总经理 (4.2 L10505-10510), one note is marked for the report and one is not,
 * service resumes at a typed time, {@code /summary} is answered and produced, and
 * {@code /close} issues the record. The three documents are written to
 * {@code target/walkthrough/} so a reviewer can render and read them. Seed forms: 附件三
 * L11034-11069 and 4.6 L15332-15374 (report book), 4.8 (post-event report), 2.8.4
 * L8227-8291 (incident record).
 */
class RegulatorWalkthroughTests {

	static final Actor CRO = ReportFlowTests.CRO;

	private static final String ID = "INC-20261123-001";

	private static final Path OUT = Path.of("target", "walkthrough");

	private EngineHarness chat;

	@BeforeEach
	void setUp() {
		chat = new EngineHarness(TestRedis.fresh());
	}

	/**
	 * The first button labelled {@code label} (EngineHarness.button takes the last one).
	 */
	private static Button first(List<Outbound> actions, String label) {
		List<Outbound> reversed = new ArrayList<>(actions);
		Collections.reverse(reversed);
		return button(reversed, label);
	}

	private void answer(String item, String value) {
		chat.press(LIAISON, button(chat.command(LIAISON, "/summary"), item));
		chat.text(LIAISON, value);
	}

	/** A kept document, written out for the reviewer. */
	private byte[] keep(String name, String as) throws Exception {
		byte[] pdf = chat.archive.read(ID, name).orElseThrow();
		Files.createDirectories(OUT);
		Files.write(OUT.resolve(as), pdf);
		return pdf;
	}

	/**
	 * A document's text, whitespace removed: in drawing order (each cell whole, a label
	 * before its value), or as laid out glyph by glyph (how a reader sees the 报告时间 and
	 * 签发人 an appended revision wrote into the blanks).
	 */
	private static String text(byte[] pdf, boolean laidOut) throws Exception {
		StringBuilder text = new StringBuilder();
		try (PdfDocument doc = new PdfDocument(new PdfReader(new java.io.ByteArrayInputStream(pdf)))) {
			for (int page = 1; page <= doc.getNumberOfPages(); page++) {
				text.append(laidOut ? EngineHarness.laidOut(doc.getPage(page))
						: PdfTextExtractor.getTextFromPage(doc.getPage(page), new SimpleTextExtractionStrategy()));
			}
		}
		return text.toString().replaceAll("[\\s\\u3000]+", "");
	}

	@Test // GH-12
	void aCentralTradingIncidentWithAnOverrideTwoSignersAndAMarkedNoteReadsRightInEveryDocument() throws Exception {
		List<Outbound> declared = chat.declare(DBA, "数据库主机", "数据库主机硬件故障");
		List<Outbound> afterFirst = chat.press(DBA, first(declared, "完成")); // 立即启动预案…
		chat.press(DBA, first(afterFirst, "跳过")); // 立即联系设备供应商…
		chat.text(DBA, "供应商工程师已在现场。");
		List<Outbound> awaiting = chat.press(DBA, button(declared, "完成")); // power off:
																			// 双岗复核
		chat.press(SYSADMIN, button(awaiting, "复核确认"));
		chat.clock.advance(Duration.ofMinutes(1));
		chat.command(DBA, "/note 内部：怀疑是内存条，别外传");
		chat.command(DBA, "/note !节点 2 服务器已接管全部业务");
		chat.press(COMMANDER, button(chat.command(COMMANDER, "/level"), "重大"));
		chat.text(COMMANDER, "全部客户无法交易，从严定级。");

		// the first report (13:59), signed by two different people: the CRO at 14:02, the
		// GM at 14:05
		List<Outbound> which = chat.command(LIAISON, "/reported");
		List<Outbound> how = chat.press(LIAISON, button(which, "定期报告 第 1 次（11-23 13:58 前）"));
		List<Outbound> pending = chat.press(LIAISON, button(chat.press(LIAISON, button(how, "电话")), "现在"));
		chat.clock.advance(Duration.ofMinutes(3));
		assertThat(texts(chat.press(CRO, button(pending, "签发")))).contains("已签发，仍待 总经理（应急领导小组组长） 签发");
		chat.clock.advance(Duration.ofMinutes(3));
		List<Outbound> signed = chat.press(GM, button(pending, "签发"));
		assertThat(texts(signed)).contains("已签发，报告已记录");
		byte[] sentBook = keep(documents(signed).get(0).name(), "report-book-sent.pdf");
		String book = text(sentBook, false);

		// service resumed at 14:10:30 (20 分 30 秒 after the fault: 较大 by the rules),
		// entered at 14:11
		chat.clock.advance(Duration.ofMinutes(6));
		chat.press(DBA, button(chat.command(DBA, "/recovered"), "填写恢复时间"));
		assertThat(texts(chat.text(DBA, "14:10:30"))).contains("于 11-23 14:10:30 恢复");
		answer("事件发生时间", "13:50");
		answer("发生原因", "主数据库系统节点 1 服务器主板故障。");
		answer("内部调查结论", "已进行内部调查，结论为服务器主板故障，非人为原因。");
		answer("整改措施", "1、对整个系统各关键部件进行全面排查。\n2、对应急预案进行全面梳理。");
		String report = text(
				keep(documents(chat.press(LIAISON, button(chat.command(LIAISON, "/summary"), "生成报告"))).get(0).name(),
						"post-event-report.pdf"),
				false);
		List<Outbound> closed = chat.press(COMMANDER, button(chat.command(COMMANDER, "/close"), "确认关闭"));
		String record = text(keep(documents(closed).stream()
			.filter((d) -> d.name().contains("记录"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no record in " + texts(closed)))
			.name(), "incident-record.pdf"), false);

		// the sent book: dated by its last signature, both 签发人, the override with its
		// reason and the computed level
		assertThat(text(sentBook, true)).contains("报告时间：2026年11月23日14时05分第1次", "签发人孙首席风险官赵总经理");
		assertThat(book).containsPattern("事件级别：重大事件（应急领导小组调整，理由：全部客户无法交易，从严定级；按分级规则为..事件")
			.contains("吴数据库管理员记录：节点2服务器已接管全部业务。");
		// the post-event report: the level line, the reports table with both signers, the
		// typed recovery time
		assertThat(report).containsPattern("事件级别：重大事件（应急领导小组调整，理由：全部客户无法交易，从严定级；按分级规则为..事件")
			.contains("13:50:00至14:10:30")
			.contains("按分级规则为较大事件：4.2第四章二（二）1", "已20分30秒")
			.containsPattern("第1次2026年11月23日14:05:00电话[^第]*孙首席风险官赵总经理")
			.contains("节点2服务器已接管全部业务", "已进行内部调查，结论为服务器主板故障，非人为原因。");
		// the record: the level raised with the override, the commander as its manager
		assertThat(record).contains("事件级别较大事件，升级至重大事件（应急领导小组调整，理由：全部客户无法交易，从严定级；按分级规则为", "事件管理人：李信息技术部总经理");
		// the unmarked note stays internal: on the company's own record (现场记录), never in
		// what goes out
		assertThat(book).doesNotContain("怀疑是内存条");
		assertThat(report).doesNotContain("怀疑是内存条");
		assertThat(record).contains("现场记录：", "怀疑是内存条");
		for (String document : List.of(book, report, record)) {
			assertThat(document).doesNotContain("…", "。；", "。。", "；。", "，。", "？。", "：：", "1、1、", "、、");
		}
	}

	@Test // GH-12: the post-event report said 共计 12 分 and graded on the 4 minutes since
			// discovery
	void theGradeCountsTheInterruptionFromTheOccurrenceTimeTheDocumentsState() throws Exception {
		chat.declare(DBA, "数据库主机", "数据库主机硬件故障"); // found 13:58
		answer("事件发生时间", "13:50"); // failed 13:50 (4.2 第四章二（二）1: 5 分钟以上 is 较大)
		chat.clock.advance(Duration.ofMinutes(4));
		chat.recovered(DBA); // 14:02: 4 minutes after discovery, 12 after the fault
		assertThat(texts(chat.command(DBA, "/status"))).contains("级别：<b>较大</b>");
		String report = text(
				keep(documents(chat.press(LIAISON, button(chat.command(LIAISON, "/summary"), "生成报告"))).get(0).name(),
						"post-event-report-occurred.pdf"),
				false);
		assertThat(report).contains("13:50:00至14:02:00", "事件级别：较大事件")
			.contains("累计5分钟以上（已12分钟）")
			.doesNotContain("5分钟以下");
	}

}
