package com.warroom.reports;

import java.util.List;

import org.junit.jupiter.api.Test;

import static com.warroom.reports.Pdfs.flatText;
import static com.warroom.reports.ReportFixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The drill record (附件九 L14796-14818, with 4.1 第三十条 L10075-10077's 模拟故障发生时间, 故障排除时间 and
 * decision log), the drill summary and the yearly drill report (4.7 L15375-15460),
 * asserted on their extracted text.
 */
class DrillDocumentsTests {

	private final PdfDocuments documents = new PdfDocuments();

	static DrillRecord record() {
		return new DrillRecord("DRL-20120317-001", ReportFixtures.company(), "DRL-20120317-001", "主数据库切换至热备数据库",
				"验证主数据库故障时切换至热备数据库的预案", "演练期间交易系统停止对外服务约 15 分钟", "生产环境（非交易时段）",
				List.of("15 分钟内切换至热备数据库：达到（用时 12 分 30 秒）", "30 分钟内恢复交易：未达到（用时 41 分 0 秒）"),
				List.of("赵数据库管理员：宣布演练事件；完成 2 个步骤", "孙技术服务岗：决策 1 次"), "陈演练协调人", at("2012-03-17T09:00:00"),
				at("2012-03-17T10:05:00"), at("2012-03-17T09:00:00"), at("2012-03-17T09:41:00"),
				List.of(new TimedLine(at("2012-03-17T09:00:00"), "模拟故障：主数据库节点 1 宕机"),
						new TimedLine(at("2012-03-17T09:02:10"), "宣布演练事件（故障后 2 分 10 秒）"),
						new TimedLine(at("2012-03-17T09:12:30"), "完成：切换至热备数据库（故障后 12 分 30 秒）")),
				List.of(new TimedLine(at("2012-03-17T09:05:00"), "孙技术服务岗决策：是否切换至热备数据库？— 是")), "演练基本成功：切换达标，恢复交易超时",
				"切换流程熟练；恢复交易前的核对耗时过长");
	}

	static DrillSummary summary() {
		return new DrillSummary("DRL-20120317-001", ReportFixtures.company(), "模拟主数据库系统故障，交易系统切换至热备数据库的过程",
				at("2012-03-17T09:00:00"), at("2012-03-17T10:05:00"), "公司总部数据中心",
				List.of("赵数据库管理员", "孙技术服务岗", "陈演练协调人"), List.of("模拟故障 → 宣布：2 分 10 秒", "模拟故障 → 故障排除：41 分 0 秒"),
				List.of("15 分钟内切换至热备数据库：达到", "30 分钟内恢复交易：未达到"), false, List.of("恢复交易前的核对耗时过长"),
				List.of("整理核对清单，由赵数据库管理员于 2012-04-01 前完成"), List.of("本次演练验证了数据库切换预案的有效性。"), null);
	}

	@Test
	void theDrillRecordHasTheFormsFieldsAndTheTimesAndDecisionsTheFormForgot() {
		String text = flatText(documents.drillRecord(record()));
		assertThat(text).contains("【演练】XX期货有限公司应急演练记录")
			.contains("演练操作编号DRL-20120317-001")
			.contains("演练操作名称主数据库切换至热备数据库")
			.contains("演练目标验证主数据库故障时切换至热备数据库的预案")
			.contains("演练环境生产环境（非交易时段）")
			.contains("演练成功标准1、15分钟内切换至热备数据库：达到（用时12分30秒）")
			.contains("演练人员赵数据库管理员：宣布演练事件；完成2个步骤孙技术服务岗")
			.contains("总结人员陈演练协调人")
			.contains("演练开始时间2012年3月17日09:00:00")
			.contains("演练结束时间10:05:00")
			.contains("模拟故障发生时间09:00:00")
			.contains("故障排除时间09:41:00（历时41分0秒）")
			.contains("演练具体情况2012年3月17日09:00:00模拟故障：主数据库节点1宕机")
			.contains("应急决策处置过程记录")
			.contains("孙技术服务岗决策：是否切换至热备数据库？—是")
			.contains("演练结果演练基本成功")
			.contains("演练总结切换流程熟练")
			.contains("演练人员签名签名时间总结人员签名签名时间注：");
		assertThat(Pdfs.watermarkedPages(documents.drillRecord(record()))).isPositive();
	}

	@Test
	void theDrillSummaryHasFourSevensFiveSections() {
		String text = flatText(documents.drillSummary(summary()));
		assertThat(text).contains("【演练】XX期货有限公司应急演练情况总结报告")
			.contains("报告单位：XX期货有限公司")
			.contains("负责人：张伟")
			.contains("应急演练报告正文：")
			.contains("一、应急演练基本情况")
			.contains("此次演练地点在公司总部数据中心，内容为模拟主数据库系统故障")
			.contains("模拟故障→宣布：2分10秒")
			.contains("二、应急演练是否达到预期目的")
			.contains("有成功标准未达到")
			.contains("30分钟内恢复交易：未达到")
			.contains("三、应急演练过程中是否发现问题")
			.contains("恢复交易前的核对耗时过长。对此问题：整理核对清单")
			.contains("四、演练情况总结")
			.contains("五、其他应予报告的事项无。");
	}

	@Test
	void theYearlyReportGathersTheYearsDrillsAndTrainings() {
		DrillSummary second = new DrillSummary("DRL-20120825-001", ReportFixtures.company(), "参加四大交易所联合组织的应急演练项目",
				at("2012-08-25T09:00:00"), null, null, List.of("公司全体员工"), List.of(), List.of(), true, List.of(),
				List.of(), List.of(), null);
		byte[] pdf = documents.yearlyDrillReport(new YearlyDrillReport(2012, ReportFixtures.company(),
				List.of(summary(), second), List.of("2012-03-10 数据库切换预案培训（培训人：赵数据库管理员，记录人：陈演练协调人）")));
		String text = flatText(pdf);
		assertThat(text).contains("【演练】XX期货有限公司2012年应急演练情况总结报告")
			.contains("我公司于2012年3月17日、8月25日进行了2次应急演练")
			.contains("（一）3月17日演练基本情况（DRL-20120317-001）")
			.contains("（二）8月25日演练基本情况（DRL-20120825-001）")
			.contains("二、各次应急演练是否达到预期目的")
			.contains("3月17日演练：未完全达到预期目的。")
			.contains("8月25日演练：达到预期目的。")
			.contains("8月25日演练：演练过程较为顺畅，未发现问题。")
			.contains("五、其他应予报告的事项本年度应急培训计划（4.5）：1、2012-03-10数据库切换预案培训");
	}

}
