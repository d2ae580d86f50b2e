package com.warroom.bot.engine;

import java.time.Duration;
import java.util.List;

import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfReader;
import com.itextpdf.kernel.pdf.canvas.parser.PdfTextExtractor;
import com.warroom.bot.chat.Actor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.warroom.bot.engine.EngineHarness.button;
import static com.warroom.bot.engine.EngineHarness.texts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * GH-16: a drill closes with its drill record (附件九 L14796-14818, with 4.1 第三十条
 * L10075-10077's 模拟故障发生时间, 故障排除时间 and decision log) and its summary (4.7 L15375-15460),
 * measured from its timeline: inject → declaration → each step → each decision →
 * recovery, who did what, the skipped step as a problem.
 */
class DrillRecordTests {

	static final Actor COORDINATOR = EngineHarness.user("900000010");

	private EngineHarness chat;

	@BeforeEach
	void setUp() {
		chat = new EngineHarness(TestRedis.fresh());
	}

	private String pdfText(String id, String name) throws Exception {
		byte[] pdf = chat.archive.read(id, name).orElseThrow();
		StringBuilder text = new StringBuilder();
		try (PdfDocument doc = new PdfDocument(new PdfReader(new java.io.ByteArrayInputStream(pdf)))) {
			for (int page = 1; page <= doc.getNumberOfPages(); page++) {
				text.append(PdfTextExtractor.getTextFromPage(doc.getPage(page))).append('\n');
			}
		}
		return text.toString();
	}

	@Test
	void aClosedDrillKeepsItsRecordAndSummaryWithTheMeasuredTimes() throws Exception {
		List<Outbound> picker = chat.command(COORDINATOR, "/drill 行情不更新");
		List<Outbound> confirm = chat.press(COORDINATOR, button(picker, "站点行情不更新"));
		List<Outbound> declared = chat.press(COORDINATOR, button(confirm, "确认宣布"));
		chat.clock.advance(Duration.ofMinutes(2));
		List<Outbound> first = chat.press(COORDINATOR, button(declared, "完成"));
		chat.clock.advance(Duration.ofMinutes(3));
		List<Outbound> answered = chat.press(COORDINATOR, button(first, "已解决"));
		chat.clock.advance(Duration.ofMinutes(1));
		chat.press(COORDINATOR, button(answered, "跳过"));
		chat.text(COORDINATOR, "演练中由厂商远程确认");
		chat.clock.advance(Duration.ofMinutes(4));
		chat.recovered(COORDINATOR);
		List<Outbound> closed = chat.press(COORDINATOR, button(chat.command(COORDINATOR, "/close"), "确认关闭"));
		String id = "DRL-20261123-001";
		assertThat(texts(closed)).contains(id + "</b> 已归档");
		assertThat(chat.archive.documents(id)).extracting(com.warroom.reports.Archive.StoredDocument::name)
			.contains("应急演练记录.pdf", "应急演练情况总结报告.pdf");

		String record = pdfText(id, "应急演练记录.pdf");
		System.out.println("=== 应急演练记录 ===\n" + record);
		String flat = record.replaceAll("\\s+", "");
		assertThat(flat).contains("【演练】示例期货有限公司应急演练记录")
			.contains("演练操作编号" + id)
			.contains("演练操作名称站点行情不更新")
			// without a plan (no inject) the simulated fault
			// is the drill's start, its declaration
			.contains("13:58:00　模拟故障发生：站点行情不更新")
			.contains("陈演练协调人宣布演练事件（故障后0秒）")
			.contains("14:00:00　陈演练协调人完成：检查行情服务器行情软件是否正常")
			.contains("（故障后2分0秒）")
			.contains("14:03:00　陈演练协调人决策：如果重启行情软件未解决故障（已解决）（故障后5分0秒）")
			.contains("14:04:00　陈演练协调人跳过：检查该行情站点的行情数据是否恢复。（演练中由厂商远程确认）（故障后6分0秒）")
			.contains("14:08:00　故障排除，系统恢复（故障后10分0秒）")
			.contains("模拟故障发生时间13:58:00故障排除时间")
			.contains("应急决策处置过程14:03:00　陈演练协调人决策：如果重启行情软件未解决故障—已解")
			.contains("完成步骤1个，跳过1个，受阻0个，决策1项；模拟故障至宣布0")
			// the report after recovery was owed at recovery and never made in the drill
			.contains("恢复后报告未在时限（11-2314:08:00）前报出")
			.contains("陈演练协调人：宣布演练事件；完成1项；决策1项；跳过；确认系");

		String summary = pdfText(id, "应急演练情况总结报告.pdf");
		System.out.println("=== 应急演练情况总结报告 ===\n" + summary);
		assertThat(summary.replaceAll("\\s+", "")).contains("【演练】示例期货有限公司应急演练情况总结报告")
			.contains("一、应急演练基本情况")
			.contains("模拟故障→宣布演练事件：0秒")
			.contains("模拟故障→故障排除：10分0秒")
			.contains("二、应急演练是否达到预期目的")
			.contains("三、应急演练过程中是否发现问题")
			.contains("跳过：演练中由厂商远程确认。对此问题：整改措施待定。")
			.contains("四、演练情况总结")
			.contains("五、其他应予报告的事项无。");
	}

}
