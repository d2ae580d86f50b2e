package com.warroom.reports;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static com.warroom.reports.Pdfs.flat;
import static com.warroom.reports.ReportFixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

class PostEventReportTests {

	private final PdfDocuments documents = new PdfDocuments();

	@Test
	void showsTheTenSectionsOfTheSeedInOrderWithTheRealCase() {
		byte[] pdf = documents.postEventReport(ReportFixtures.postEventReport());
		String text = Pdfs.flatText(pdf);

		assertThat(text).containsSubsequence("XX期货有限公司关于数据库节点1故障事件的处理情况报告", "报告单位：XX期货有限公司",
				"事件编号：" + ReportFixtures.ID, "负责人：张伟", "报告单位联系人：王芳",
				"联系方式（固定电话、移动电话、邮箱等）：010-88886666，13800138000，it@xxqh.example", "报告正文：", "一、事件发生的时间和地点", "二、事件发生经过",
				"三、事件影响范围、影响程度、影响人数以及经济损失情况等", "四、事件导致的后果，事件发生的原因及事件性质判定", "五、已采取的措施及效果", "六、是否进行过内部调查以及内部调查的结论",
				"七、调查事件的发生有无人为原因，事件处理过程有无不当处置，如有，是否对相关责任人进行了责任追究", "八、总结事件的经验教训", "九、后续采取的整改措施", "十、其他应予报告的事项", "无。",
				"XX期货有限公司", "2012年6月20日");
		assertThat(text).contains("事件发生时间为2012年6月15日13:58:16至13:59:45，共计1分29秒；事件发生地点为公司总部数据中心机房。");
		ReportFixtures.postEventReport().narrative().forEach((paragraph) -> assertThat(text).contains(flat(paragraph)));
		assertThat(text).contains("主要时间节点：2012年6月15日13:58:16技术部监控人员从监控系统监控到数据库节点1故障");
		assertThat(text).contains("影响范围：公司范围内使用主系统交易和银期转账的客户", "影响人数：约500至1000人", "经济损失：初步判定经济损失在100万元以下");
		assertThat(text).contains("后果：对公司造成了一定的经济损失", "原因：主数据库系统节点1服务器硬件故障", "事件分类：设备设施故障事件", "事件性质：非责任事件");
		assertThat(text).containsSubsequence("（一）事件报告情况", "次序报告时间报告方式报送对象签发人", "第1次2012年6月15日13:59:05电话当地证监局期货处、期货业协会",
				"恢复后报告2012年6月15日14:10:00书面报告书当地证监局期货处、期货业协会、四大期货交易所、董事会（股东）赵刚钱进", "（二）采取的措施及效果",
				"1、2012年6月15日13:58:52关闭节点1服务器主机电源");
		assertThat(text).contains("经过详细的内部调查，根据事件发生后的影响范围、程度、持续时间及《事件报告与调查处理办法》中关于事件分级的定义，该事件级别属于一般事件。",
				"事件级别：一般事件（集中交易系统中断不足5分钟）", "有无人为原因：无，事件起因为服务器硬件故障", "有无不当处置：无，各部门及相关岗位人员处置得当", "责任追究情况：不涉及责任追究",
				"良好的应急预案制定是事件处置的关键", "（一）事件暴露出的问题1、关键服务器硬件缺少预防性检测",
				"（二）整改措施1、对整个系统各关键部件进行全面排查，及早发现并消除存在的隐患2、对应急预案进行全面梳理");
		assertThat(Pdfs.title(pdf)).isEqualTo("XX期货有限公司关于数据库节点1故障事件的处理情况报告");
		assertThat(Pdfs.fonts(pdf)).allSatisfy((font) -> assertThat(font).endsWith("WenQuanYiMicroHei embedded"));
	}

	@Test
	void callsAReportWithoutASettledCauseInitialAndSaysASupplementFollows() {
		byte[] pdf = documents.postEventReport(report(true, true, null, List.of(), List.of()));
		String text = Pdfs.flatText(pdf);

		assertThat(Pdfs.title(pdf)).isEqualTo("【演练】XX期货有限公司关于行情中断事件的处理情况报告（初步）");
		assertThat(text).startsWith("【演练】XX期货有限公司关于行情中断事件的处理情况报告（初步）本报告为初步报告");
		assertThat(text).contains("30个工作日内提交事件补充报告");
		assertThat(Pdfs.watermarkedPages(pdf)).isEqualTo(Pdfs.pages(pdf).size());
	}

	@Test
	void saysWhatIsNotKnownOrNotDoneInsteadOfLeavingGaps() {
		String text = Pdfs.flatText(documents.postEventReport(report(false, true, null, List.of(), List.of())));

		assertThat(text).contains("事件发生时间为2012年6月15日23:50:00，截至本报告时系统尚未恢复正常运行；事件发生地点为公司总部数据中心机房。", "二、事件发生经过—",
				"（一）事件报告情况—（二）采取的措施及效果—", "尚未进行内部调查。", "事件级别：—", "有无人为原因：—", "八、总结事件的经验教训—", "（一）事件暴露出的问题—（二）整改措施—",
				"十、其他应予报告的事项无。");
	}

	@Test
	void writesTheDateOfEachTimeAfterMidnight() {
		List<TimedLine> course = List.of(new TimedLine(at("2012-06-15T23:50:00"), "夜盘行情中断"),
				new TimedLine(at("2012-06-16T00:20:00"), "行情恢复"));
		String text = Pdfs
			.flatText(documents.postEventReport(report(false, false, at("2012-06-16T00:20:00"), course, List.of())));

		assertThat(text).contains("事件发生时间为2012年6月15日23:50:00至2012年6月16日00:20:00，共计30分0秒");
		assertThat(text).contains("2012年6月15日23:50:00夜盘行情中断2012年6月16日00:20:00行情恢复");
	}

	@Test // GH-12: 整改措施 typed "1、…" printed "1、1、…"; "。；" and "。。" in the prose
	void numbersTypedListsOnceAndNeverDoublesPunctuation() {
		PostEventReport base = ReportFixtures.postEventReport();
		PostEventReport report = new PostEventReport(base.incidentId(), false, false, base.eventName(), base.company(),
				base.reportedAt(), base.occurredAt(), base.recoveredAt(), null, List.of("处置过程中采取的措施：关闭电源。；切换数据库。。"),
				List.of(), base.impact(), base.assessment(), base.reports(), base.measures(), base.investigation(),
				"教训一。。", List.of("（1）硬件缺少预防性检测。"), List.of("1、对整个系统各关键部件进行全面排查", "2.对应急预案进行全面梳理", "三、加强演练"), null);
		String text = Pdfs.flatText(documents.postEventReport(report));

		assertThat(text).contains("处置过程中采取的措施：关闭电源；切换数据库。", "教训一。", "（一）事件暴露出的问题1、硬件缺少预防性检测。",
				"（二）整改措施1、对整个系统各关键部件进行全面排查2、对应急预案进行全面梳理3、加强演练");
		assertThat(text).doesNotContain("1、1、", "2、2.", "3、三、", "。；", "。。", "1、（1）");
	}

	@Test // GH-12: only a typed enumerator is dropped, never a number that belongs to the
			// text
	void keepsNumbersThatStartAnItemButAreNotItsNumbering() {
		PostEventReport base = ReportFixtures.postEventReport();
		PostEventReport report = new PostEventReport(base.incidentId(), false, false, base.eventName(), base.company(),
				null, null, null, null, List.of(), List.of(), Impact.UNKNOWN, Assessment.UNKNOWN, List.of(), List.of(),
				Investigation.NONE, null, List.of(), List.of("1.5 小时内完成切换演练", "10:30 前完成巡检", "2 号机房加装空调", "①更换主板"),
				null);
		String text = Pdfs.flatText(documents.postEventReport(report));

		assertThat(text).contains("（二）整改措施1、1.5小时内完成切换演练2、10:30前完成巡检3、2号机房加装空调4、更换主板");
	}

	@Test // GH-12: no label wraps mid-word
	void printsANumberedNamedReportInTheTableOnTwoWholeLines() {
		PostEventReport base = ReportFixtures.postEventReport();
		List<ReportMade> reports = List.of(new ReportMade(new ReportBook.Sequence(3, "恢复后报告"),
				at("2012-06-15T14:10:00"), "电话", List.of("当地证监局期货处"), List.of("赵刚", "钱进")));
		PostEventReport report = new PostEventReport(base.incidentId(), false, false, base.eventName(), base.company(),
				base.reportedAt(), base.occurredAt(), base.recoveredAt(), null, List.of(), List.of(), base.impact(),
				base.assessment(), reports, List.of(), base.investigation(), null, List.of(), List.of(), null);

		List<String> lines = Pdfs.pages(documents.postEventReport(report))
			.stream()
			.flatMap(String::lines)
			.map(Pdfs::flat)
			.toList();
		assertThat(lines).anySatisfy((line) -> assertThat(line).startsWith("第3次"))
			.anySatisfy((line) -> assertThat(line).contains("（恢复后报告）"))
			.anySatisfy((line) -> assertThat(line).contains("2012年6月15日"))
			.anySatisfy((line) -> assertThat(line).contains("赵刚"))
			.anySatisfy((line) -> assertThat(line).contains("钱进"));
	}

	@Test // GH-12: section 六 states the level with the override
	void statesTheOverriddenLevelWithItsReasonInSectionSix() {
		PostEventReport base = ReportFixtures.postEventReport();
		Assessment overridden = new Assessment("后果", "原因", EventClass.EQUIPMENT_FAILURE,
				com.warroom.playbooks.Severity.MAJOR, "集中交易系统中断不足 5 分钟", Nature.NOT_RESPONSIBLE,
				com.warroom.playbooks.Severity.GENERAL, "影响全部客户");
		PostEventReport report = new PostEventReport(base.incidentId(), false, false, base.eventName(), base.company(),
				base.reportedAt(), base.occurredAt(), base.recoveredAt(), null, base.narrative(), base.course(),
				base.impact(), overridden, base.reports(), base.measures(), base.investigation(), null, List.of(),
				List.of(), null);
		String text = Pdfs.flatText(documents.postEventReport(report));

		assertThat(text).containsSubsequence("六、是否进行过内部调查以及内部调查的结论",
				"事件级别：重大事件（应急领导小组调整，理由：影响全部客户；按分级规则为一般事件：集中交易系统中断不足5分钟）", "七、");
	}

	@Test
	void keepsAnEventNameThatEndsWithEventAsItIs() {
		PostEventReport report = ReportFixtures.postEventReport();
		PostEventReport named = new PostEventReport(report.incidentId(), false, false, "银期转账中断事件", report.company(),
				null, null, null, null, List.of(), List.of(), Impact.UNKNOWN, Assessment.UNKNOWN, List.of(), List.of(),
				Investigation.NONE, null, List.of(), List.of(), "  ");

		assertThat(Pdfs.title(documents.postEventReport(named))).isEqualTo("XX期货有限公司关于银期转账中断事件的处理情况报告");
	}

	private static PostEventReport report(boolean drill, boolean preliminary, @Nullable Instant recovered,
			List<TimedLine> course, List<String> narrative) {
		return new PostEventReport("DRL-20120615-001", drill, preliminary, "行情中断", ReportFixtures.company(), null,
				at("2012-06-15T23:50:00"), recovered, null, narrative, course, Impact.UNKNOWN,
				new Assessment(null, null, null, null, null, Nature.PENDING), List.of(), List.of(), Investigation.NONE,
				null, List.of(), List.of(), null);
	}

}
