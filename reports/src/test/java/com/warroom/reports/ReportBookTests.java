package com.warroom.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import static com.warroom.reports.Pdfs.flat;
import static com.warroom.reports.ReportFixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

class ReportBookTests {

	private final PdfDocuments documents = new PdfDocuments();

	@Test
	void showsEveryLabelOfTheSeedsFormAndEveryValueOfTheRealCase() {
		byte[] pdf = documents.reportBook(ReportFixtures.reportBook());
		String text = Pdfs.flatText(pdf);

		assertThat(text).contains("网络与信息安全事件情况报告书", "报告时间：2012年6月15日14时10分", "第1次", "事件编号：" + ReportFixtures.ID,
				"注：单位名称处需要加盖公章或信息技术负责人签字");
		assertThat(text).contains("单位名称XX期货有限公司", "报告人李明", "联系人王芳", "联系电话010-88886666", "传真010-88886667",
				"联系方式（含手机）13800138000", "签发人赵刚（首席风险官）钱进（总经理）", "事件发生时间、地点2012年6月15日13:58:16，公司总部数据中心机房");
		assertThat(text).contains("事件简要经过2012年6月15日13:58:16技术部监控人员从监控系统监控到数据库节点1故障", "13:59:45AS积压消失，交易系统恢复正常");
		ReportFixtures.course().forEach((line) -> assertThat(text).contains(flat(line.text())));
		assertThat(text).contains("事件影响范围、影响程度、影响人数、经济损失情况影响范围：公司范围内使用主系统交易和银期转账的客户", "影响程度：数据库切换期间的报单委托和银期转账受到影响",
				"影响人数：约500至1000人", "经济损失：初步判定经济损失在100万元以下");
		assertThat(text).contains("事件导致的后果、发生原因和事件性质判断后果：对公司造成了一定的经济损失", "原因：主数据库系统节点1服务器硬件故障", "事件分类：设备设施故障事件",
				"事件级别：一般事件（集中交易系统中断不足5分钟）", "事件性质：非责任事件");
		assertThat(text).contains("已采取的措施及效果1、2012年6月15日13:58:52关闭节点1服务器主机电源，由节点2自动接管。效果：1分钟后节点2成功接管",
				"2、14:05:00逐笔确认期间发生的报单委托和银期转账信息，致电受影响客户。效果：未与客户产生纠纷", "3、联系硬件厂商，对发生故障的服务器进行检测，找出发生故障的原因");
		assertThat(text).contains("需要有关部门和单位协助处置的有关事宜请恒生电子协助分析数据库集群切换日志", "备注系统已于13:59:45恢复正常");
		assertThat(Pdfs.title(pdf)).isEqualTo("网络与信息安全事件情况报告书");
	}

	@Test
	void embedsASubsetOfItsChineseFontAndUsesNoOther() {
		List<String> fonts = Pdfs.fonts(documents.reportBook(ReportFixtures.reportBook()));

		assertThat(fonts).isNotEmpty()
			.allSatisfy((font) -> assertThat(font).matches("[A-Z]{6}\\+WenQuanYiMicroHei embedded"));
	}

	@Test
	void putsTheIncidentIdAndPageNumbersOnEveryPage() {
		List<String> pages = Pdfs.pages(documents.reportBook(ReportFixtures.reportBook()));

		for (int n = 1; n <= pages.size(); n++) {
			assertThat(flat(pages.get(n - 1)))
				.contains("事件编号：" + ReportFixtures.ID + "第" + n + "页共" + pages.size() + "页");
		}
	}

	@Test
	void marksADrillInTheTitleAndWithAWatermarkOnEveryPage() {
		String note = "演练备注。".repeat(400);
		byte[] pdf = documents.reportBook(ReportFixtures.reportBook(true, ReportFixtures.course(), List.of(), note));
		List<String> pages = Pdfs.pages(pdf);

		assertThat(pages).hasSizeGreaterThan(1);
		assertThat(flat(pages.get(0))).startsWith("【演练】网络与信息安全事件情况报告书");
		assertThat(Pdfs.title(pdf)).isEqualTo("【演练】网络与信息安全事件情况报告书");
		assertThat(Pdfs.watermarkedPages(pdf)).isEqualTo(pages.size());
		assertThat(Pdfs.watermarkedPages(documents.reportBook(ReportFixtures.reportBook()))).isZero();
	}

	@Test
	void wrapsA2000CharacterNoteOverPagesWithoutLosingAnything() {
		StringBuilder note = new StringBuilder();
		for (int i = 1; note.length() < 1700; i++) {
			note.append("第").append(i).append("句：机房空调故障导致温度升高，值班人员已处置。");
		}
		note.append("https://example.com/");
		note.append("a".repeat(2000 - note.length()));
		assertThat(note).hasSize(2000);

		byte[] pdf = documents.reportBook(
				ReportFixtures.reportBook(false, ReportFixtures.course(), ReportFixtures.measures(), note.toString()));

		assertThat(Pdfs.pages(pdf)).hasSizeGreaterThanOrEqualTo(2);
		assertThat(Pdfs.flatText(pdf)).contains("备注" + note);
	}

	@Test
	void printsMarkupAndPlaceholdersInANoteLiterally() {
		String note = "<b>加粗</b> <script>alert('x')</script> ${env:HOME} ${sys:user.dir} $${x} %s {0} &amp;";
		String text = Pdfs.flatText(documents.reportBook(ReportFixtures.reportBook(false, List.of(), List.of(), note)));

		assertThat(text).contains(flat(note));
		assertThat(text).doesNotContain(flat(System.getProperty("user.dir")));
	}

	@Test
	void showsADashWhereNothingWasDoneOrKnownYet() {
		CompanyInfo bare = new CompanyInfo("XX期货有限公司", null, null, null, null, null, null, null, null);
		ReportBook book = new ReportBook("INC-20120615-002", false, ReportBook.Sequence.labelled("恢复后报告"), null, bare,
				List.of(), null, null, List.of(), Impact.UNKNOWN, Assessment.UNKNOWN, List.of(), null, null);
		String text = Pdfs.flatText(documents.reportBook(book));

		assertThat(text).contains("报告时间：年月日时分恢复后报告", "报告人—", "联系电话—", "事件发生时间、地点—，公司总部数据中心机房", "事件简要经过—", "影响范围：—",
				"后果：—", "事件级别：—", "事件性质：—", "已采取的措施及效果—", "需要有关部门和单位协助处置的有关事宜—", "备注—");
	}

	@Test
	void showsTheDateOfEveryLineAfterMidnight() {
		List<TimedLine> course = List.of(new TimedLine(at("2012-06-15T23:50:00"), "夜盘行情中断"),
				new TimedLine(at("2012-06-15T23:59:30"), "切换备用行情线路"), new TimedLine(at("2012-06-16T00:10:00"), "行情恢复"));
		List<Measure> measures = List.of(new Measure(at("2012-06-15T23:59:30"), "切换备用行情线路", "无效"),
				new Measure(at("2012-06-16T00:05:00"), "重启行情服务器", "行情恢复"));
		String text = Pdfs.flatText(documents.reportBook(ReportFixtures.reportBook(false, course, measures, "")));

		assertThat(text).contains("2012年6月15日23:50:00夜盘行情中断23:59:30切换备用行情线路2012年6月16日00:10:00行情恢复");
		assertThat(text).contains("1、2012年6月15日23:59:30切换备用行情线路。效果：无效2、2012年6月16日00:05:00重启行情服务器。效果：行情恢复");
	}

	@Test
	void printsCharactersTheFontLacksAsAMarkWithTheirCodePoint() {
		String note = "客户𠮷田反馈 😀 延迟\u0000\u0007\u202E；中文正常";
		String text = Pdfs.flatText(documents.reportBook(ReportFixtures.reportBook(false, List.of(), List.of(), note)));

		assertThat(text).contains("客户〓(U+20BB7)田反馈〓(U+1F600)延迟；中文正常");
	}

	@Test
	void rendersTheSameTextEachTimeAndFromManyThreadsAtOnce() throws Exception {
		String expected = Pdfs.flatText(documents.reportBook(ReportFixtures.reportBook()));
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<byte[]>> runs = new ArrayList<>();
			for (int i = 0; i < 12; i++) {
				runs.add(pool.submit(() -> documents.reportBook(ReportFixtures.reportBook())));
			}
			for (Future<byte[]> run : runs) {
				assertThat(Pdfs.flatText(run.get())).isEqualTo(expected);
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test // GH-12: "第 2 次（恢/复后报告）"
	void keepsTheReportsSequenceWholeOnTheHeaderLine() {
		for (ReportBook.Sequence sequence : List.of(new ReportBook.Sequence(2, "恢复后报告"),
				new ReportBook.Sequence(13, "5个工作日事件总结报告"), ReportBook.Sequence.labelled("30个工作日补充报告"))) {
			ReportBook base = ReportFixtures.reportBook();
			ReportBook book = new ReportBook(base.incidentId(), false, sequence, at("2026-11-23T14:10:00"),
					base.company(), base.signers(), base.occurredAt(), null, base.course(), base.impact(),
					base.assessment(), base.measures(), null, null);
			String firstPage = Pdfs.pages(documents.reportBook(book)).get(0);

			assertThat(firstPage.lines().map(Pdfs::flat)).as(sequence.text())
				.anySatisfy((line) -> assertThat(line).contains(flat(sequence.text())))
				.anySatisfy((line) -> assertThat(line).startsWith("报告时间：2026年11月23日14时10分"));
		}
	}

	@Test // GH-12
	void showsTheLeadersOverrideWithItsReasonAndTheComputedLevel() {
		ReportBook base = ReportFixtures.reportBook();
		Assessment overridden = new Assessment("后果", "原因", EventClass.EQUIPMENT_FAILURE,
				com.warroom.playbooks.Severity.MAJOR, "集中交易系统中断不足 5 分钟", Nature.PENDING,
				com.warroom.playbooks.Severity.GENERAL, "涉及全公司客户，按从高原则。");
		ReportBook book = new ReportBook(base.incidentId(), false, base.sequence(), base.reportedAt(), base.company(),
				base.signers(), base.occurredAt(), null, base.course(), base.impact(), overridden, base.measures(),
				null, null);

		assertThat(Pdfs.flatText(documents.reportBook(book)))
			.contains("事件级别：重大事件（应急领导小组调整，理由：涉及全公司客户，按从高原则；按分级规则为一般事件：集中交易系统中断不足5分钟）");
	}

	@Test // GH-12: no "。。", no "1、1、"
	void numbersMeasuresOnceAndNeverDoublesTheirPunctuation() {
		List<Measure> measures = List.of(new Measure(at("2012-06-15T13:58:52"), "1、关闭节点 1 电源。", "节点 2 接管。"),
				new Measure(null, "2. 联系硬件厂商；", null));
		String text = Pdfs.flatText(documents.reportBook(ReportFixtures.reportBook(false, List.of(), measures, "")));

		assertThat(text).contains("1、2012年6月15日13:58:52关闭节点1电源。效果：节点2接管2、联系硬件厂商；")
			.doesNotContain("1、1、")
			.doesNotContain("2、2.")
			.doesNotContain("。。")
			.doesNotContain("。效果：节点2接管。");
	}

	@Test
	void namesALabelledReportAfterItsNumber() {
		assertThat(ReportBook.Sequence.nth(3).text()).isEqualTo("第 3 次");
		assertThat(new ReportBook.Sequence(3, "恢复后报告").text()).isEqualTo("第 3 次（恢复后报告）");
		assertThat(ReportBook.Sequence.labelled("12小时分析报告").text()).isEqualTo("12小时分析报告");
	}

}
