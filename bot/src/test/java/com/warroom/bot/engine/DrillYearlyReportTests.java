package com.warroom.bot.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfReader;
import com.itextpdf.kernel.pdf.canvas.parser.PdfTextExtractor;
import com.warroom.bot.documents.DrillContexts;
import com.warroom.bot.documents.IncidentPaperwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static com.warroom.bot.engine.EngineHarness.button;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * GH-16: {@code /drill yearly [year]} makes the year's drill report in 4.7's own shape
 * (L15375-15460: dates, contents, results, problems and their fixes) from every closed
 * drill of the year, each summarised as at its close, with the year's trainings (4.5,
 * L15315-15331); kept in the archive under {@code DRL-<year>} and sent to the
 * coordinator.
 */
class DrillYearlyReportTests {

	private static String pdfText(byte[] pdf) throws Exception {
		StringBuilder text = new StringBuilder();
		try (PdfDocument doc = new PdfDocument(new PdfReader(new java.io.ByteArrayInputStream(pdf)))) {
			for (int page = 1; page <= doc.getNumberOfPages(); page++) {
				text.append(PdfTextExtractor.getTextFromPage(doc.getPage(page))).append('\n');
			}
		}
		return text.toString();
	}

	@Test
	void theYearlyReportGathersEveryClosedDrillOfTheYearAndItsTrainings(@TempDir Path dir) throws Exception {
		DrillRig rig = new DrillRig(DrillRig.plansDir(dir, "three.yaml", DrillPlanRecordTests.PLAN));
		((IncidentPaperwork) rig.chat.services.paperwork())
			.drillContexts(new DrillContexts(rig.store, rig.plans, rig.chat.roster)::of);
		assertThat(DrillRig.texts(rig.command(DrillRig.COORDINATOR, "/drill yearly 2026"))).as("no drill closed yet")
			.contains("2026 年还没有已结束的演练");

		// an ad-hoc drill, closed
		List<Outbound> picker = rig.chat.command(DrillRig.COORDINATOR, "/drill 行情不更新");
		List<Outbound> confirm = rig.chat.press(DrillRig.COORDINATOR, button(picker, "站点行情不更新"));
		rig.chat.press(DrillRig.COORDINATOR, button(confirm, "确认宣布"));
		rig.chat.clock.advance(Duration.ofMinutes(4));
		rig.chat.recovered(DrillRig.COORDINATOR);
		rig.chat.press(DrillRig.COORDINATOR, button(rig.chat.command(DrillRig.COORDINATOR, "/close"), "确认关闭"));

		// a planned drill, its declare inject firing a minute after the start, closed
		rig.command(DrillRig.COORDINATOR, "/drill start three");
		rig.chat.clock.advance(Duration.ofMinutes(1));
		rig.tick();
		String planned = rig.store.incidents("RUN-20261123-001").get(0);
		rig.command(DrillRig.COORDINATOR, "/drill followup add 节点 2 未能自动接管 wu-dba 2026-12-10");
		rig.chat.clock.advance(Duration.ofMinutes(6));
		rig.chat.recovered(DrillRig.COORDINATOR);
		rig.chat.press(DrillRig.COORDINATOR, button(rig.chat.command(DrillRig.COORDINATOR, "/close"), "确认关闭"));
		rig.command(DrillRig.COORDINATOR, "/drill stop");
		assertThat(planned).isEqualTo("DRL-20261123-002");

		rig.command(DrillRig.COORDINATOR, "/drill training add 2026-12-20 li-it feng-liaison 报盘切换操作复训");

		assertThat(DrillRig.texts(rig.command(EngineHarness.OBSERVER, "/drill yearly 2026"))).as("a participant")
			.contains("只有演练协调人");
		assertThat(DrillRig.texts(rig.command(DrillRig.COORDINATOR, "/drill yearly 20x6"))).contains("年份 “20x6” 无效");
		assertThat(DrillRig.texts(rig.command(DrillRig.COORDINATOR, "/drill yearly 2025"))).contains("2025 年还没有已结束的演练");

		List<Outbound> answer = rig.command(DrillRig.COORDINATOR, "/drill yearly 2026");
		assertThat(DrillRig.texts(answer)).as("asked in the group, sent in private").contains("私聊");
		Outbound.Document document = answer.stream()
			.filter(Outbound.Document.class::isInstance)
			.map(Outbound.Document.class::cast)
			.findFirst()
			.orElseThrow();
		assertThat(document.incidentId()).isEqualTo("DRL-2026");
		assertThat(document.name()).isEqualTo("2026年度应急演练情况总结报告.pdf");
		assertThat(document.chat().isPrivate()).isTrue();
		assertThat(document.caption()).contains("2026 年度应急演练情况总结报告");
		byte[] pdf = rig.chat.archive.read("DRL-2026", document.name()).orElseThrow();
		java.nio.file.Files.write(Path.of("target", "yearly-drill-report-2026.pdf"), pdf);
		String text = pdfText(pdf);
		System.out.println("=== 2026 年度应急演练情况总结报告 ===\n" + text);
		String flat = text.replaceAll("\\s+", "");
		assertThat(flat).contains("2026")
			.contains("DRL-20261123-001")
			.contains("DRL-20261123-002")
			.contains("模拟站点行情不更新的应急处置过程")
			.contains("主数据库切换演练：模拟数据库主机硬件故障的应急处置过程")
			.contains("节点2未能自动接管")
			.contains("报盘切换操作复训")
			// the configured training of 2027 is not this year's
			.doesNotContain("2027-03-13");

		// asked again: a new version next to the first, which stays
		List<Outbound> again = rig.command(DrillRig.COORDINATOR, "/drill yearly 2026");
		assertThat(again.stream()
			.filter(Outbound.Document.class::isInstance)
			.map(Outbound.Document.class::cast)
			.findFirst()
			.orElseThrow()
			.name()).isEqualTo("2026年度应急演练情况总结报告-2.pdf");
		assertThat(rig.chat.archive.read("DRL-2026", document.name())).isPresent();
	}

}
