package com.warroom.bot.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfReader;
import com.itextpdf.kernel.pdf.canvas.parser.PdfTextExtractor;
import com.warroom.bot.documents.IncidentPaperwork;
import com.warroom.bot.documents.DrillContexts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static com.warroom.bot.engine.EngineHarness.button;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * GH-16, "done when": a plan with three injects (declare, complication, fact change) runs
 * end to end on short times, and the drill closes with its record (附件九 L14796-14818 with
 * 4.1 第三十条 L10075-10077) and summary (4.7 L15375-15460) carrying the measured times: the
 * simulated fault is the declare inject's firing, the criteria are measured from it. (The
 * request journals of every channel are asserted in
 * {@code DrillIsolationIntegrationTests}.)
 */
class DrillPlanRecordTests {

	static final String PLAN = DrillPlanFlowTests.PLAN.replace("""
			criteria:
			  - id: hot
			    text: 15 分钟内切换至热备数据库
			    from: fault
			    reach: step
			    step: m3
			    within: PT15M
			""", """
			criteria:
			  - id: power
			    text: 3 分钟内关闭故障数据库主机（双岗复核）
			    from: fault
			    reach: step
			    step: m1
			    within: PT3M
			  - id: back
			    text: 5 分钟内恢复
			    from: fault
			    reach: recovered
			    within: PT5M
			""");

	static String pdfText(EngineHarness chat, String id, String name) throws Exception {
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
	void aThreeInjectPlanEndsWithItsRecordAndSummaryCarryingTheMeasuredTimes(@TempDir Path dir) throws Exception {
		assertThat(PLAN).contains("id: power");
		DrillRig rig = new DrillRig(DrillRig.plansDir(dir, "three.yaml", PLAN));
		((IncidentPaperwork) rig.chat.services.paperwork())
			.drillContexts(new DrillContexts(rig.store, rig.plans, rig.chat.roster)::of);
		rig.command(DrillRig.COORDINATOR, "/drill start three");
		rig.chat.clock.advance(Duration.ofMinutes(1));
		List<Outbound> declared = rig.tick(); // 13:59 inject fault: the drill incident
		String id = rig.store.incidents("RUN-20261123-001").get(0);
		rig.chat.clock.advance(Duration.ofSeconds(40));
		List<Outbound> awaiting = rig.chat.press(EngineHarness.DBA, button(declared, "完成")); // m1,
																								// 双岗复核
		rig.chat.clock.advance(Duration.ofSeconds(20));
		assertThat(EngineHarness.texts(rig.tick())).contains("节点 2 未能接管"); // 14:00 inject
																			// node2
		rig.chat.clock.advance(Duration.ofSeconds(50));
		rig.chat.press(EngineHarness.SYSADMIN, button(awaiting, "复核确认")); // 14:00:50 m1
																			// confirmed
		rig.chat.clock.advance(Duration.ofSeconds(10));
		assertThat(EngineHarness.texts(rig.tick())).contains("银期转账受到影响"); // 14:01 inject
																			// spread
		rig.command(DrillRig.COORDINATOR, "/drill followup add 节点 2 未能自动接管 wu-dba 2026-12-10");
		rig.chat.clock.advance(Duration.ofMinutes(6));
		rig.chat.recovered(DrillRig.COORDINATOR); // 14:07
		rig.chat.press(DrillRig.COORDINATOR, button(rig.chat.command(DrillRig.COORDINATOR, "/close"), "确认关闭"));

		String record = pdfText(rig.chat, id, "应急演练记录.pdf");
		System.out.println("=== 应急演练记录 ===\n" + record);
		String flat = record.replaceAll("\\s+", "");
		assertThat(flat).contains("【演练】示例期货有限公司应急演练记录")
			.contains("主数据库切换演练/")
			.contains(id)
			.contains("演练目标验证热备数据库")
			.contains("演练环境测试环境")
			.contains("1、3分钟内关闭故障数据库主机（双岗复核）：达到（用时1分50")
			.contains("2、5分钟内恢复：未达到（用时8分0秒）")
			.contains("（计划）总体协调指挥：陈演练协调人")
			.contains("（计划）数据库切换：吴数据库管理员")
			.contains("吴数据库管理员：完成操作（待复核）")
			.contains("郑系统管理员：复核确认")
			.contains("14:07:00（历时8分0")
			.contains("模拟故障发生时间13:59:00故障排除时间")
			.contains("13:59:00　模拟故障发生：数据库主机硬件故障")
			.contains("13:59:40　吴数据库管理员完成操作（待复核）：操作人员和相关技术支持人员")
			.contains("14:00:50　郑系统管理员复核确认：")
			.contains("（故障后1分50秒）")
			.contains("14:07:00　故障排除，系统恢复（故障后8分0秒）")
			// the three injects on the course where they fired
			.contains("13:59:00　注入fault")
			.contains("14:00:00　注入node2")
			.contains("14:01:00　注入spread")
			.contains("完成步骤1个，跳过0个，受阻0个，决策0项；模拟故障至宣布0")
			.contains("成功标准")
			.contains("达到1/2");

		String summary = pdfText(rig.chat, id, "应急演练情况总结报告.pdf");
		System.out.println("=== 应急演练情况总结报告 ===\n" + summary);
		assertThat(summary.replaceAll("\\s+", "")).contains("内容为主数据库切换演练：模拟数据库主机硬件故障的应急处置过程")
			.contains("模拟故障→故障排除：8分0秒")
			.contains("本次演练有成功标准未达到，未完全达到预期目的。")
			.contains("5分钟内恢复：未达到")
			.contains("演练中发现：节点2未能自动接管（吴数据库管理员，2026-12-10前）。对此问题：已列为整改事项")
			.contains("成功标准未达到：5分钟内恢复。对此问题：整改措施待定。");
	}

}
