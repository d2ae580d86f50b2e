package com.warroom.reports;

import java.util.List;

import com.warroom.playbooks.Severity;
import org.junit.jupiter.api.Test;

import static com.warroom.reports.ReportFixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

class IncidentRecordTests {

	private final PdfDocuments documents = new PdfDocuments();

	@Test
	void showsEveryFieldOfTheSeedsFormWithTheRealCase() {
		byte[] pdf = documents.incidentRecord(ReportFixtures.incidentRecord());
		String text = Pdfs.flatText(pdf);

		assertThat(text).containsSubsequence("XX期货有限公司信息系统事件记录表", "故障发生日期：2012年6月15日", "事件编号：" + ReportFixtures.ID,
				"事件现象数据库节点1故障，恒生AS程序出现大量积压", "事件影响使用主系统交易和银期转账的客户报单委托和银期转账受影响，约500至1000人", "发生时间13:58:16发现时间13:58:16",
				"上报时间13:58:41处理时间13:58:30", "恢复时间13:59:45持续时间1分29秒", "受理人孙丽处理人周强", "事件级别一般事件事故级别—",
				"事件分析主数据库系统节点1服务器硬件故障，集群自动切换至节点2事件管理人：吴军时间：2012年6月15日15:00",
				"处理方案关闭节点1电源，监控节点2接管，准备切换热备数据库事件管理人：吴军时间：2012年6月15日13:58",
				"处理过程2012年6月15日13:58:16技术部监控人员从监控系统监控到数据库节点1故障", "13:59:45AS积压消失，交易系统恢复正常事件处理人：周强时间：2012年6月15日14:30",
				"改进计划联系硬件厂商检测故障服务器；全面排查关键部件事件处理人：周强时间：2012年6月16日09:00",
				"跟踪情况厂商已更换节点1主板，集群恢复双节点运行事件管理人：吴军时间：2012年6月18日17:00", "事件管理人意见处置得当，同意关闭事件管理人：吴军时间：2012年6月19日10:00",
				"备注—");
		assertThat(Pdfs.title(pdf)).isEqualTo("XX期货有限公司信息系统事件记录表");
		assertThat(Pdfs.fonts(pdf)).allSatisfy((font) -> assertThat(font).endsWith("WenQuanYiMicroHei embedded"));
	}

	@Test
	void writesTheDateOfTimesAfterMidnightAndARaisedLevel() {
		IncidentRecord record = new IncidentRecord("INC-20120615-009", true, ReportFixtures.company(), "夜盘行情中断", null,
				at("2012-06-15T23:50:00"), at("2012-06-15T23:52:00"), at("2012-06-16T00:01:00"), null,
				at("2012-06-16T00:20:00"), null, null, Severity.GENERAL, Severity.LARGER, "一般事故", null,
				SignedSection.EMPTY, SignedSection.EMPTY, SignedSection.EMPTY, SignedSection.EMPTY, SignedSection.EMPTY,
				SignedSection.EMPTY, null);
		byte[] pdf = documents.incidentRecord(record);
		String text = Pdfs.flatText(pdf);

		assertThat(text).contains("发生时间23:50:00发现时间23:52:00", "上报时间2012年6月16日00:01:00处理时间—",
				"恢复时间2012年6月16日00:20:00持续时间30分0秒", "受理人—处理人—", "事件级别一般事件，升级至较大事件事故级别一般事故", "事件分析—事件管理人：时间：",
				"处理过程—事件处理人：时间：");
		assertThat(Pdfs.title(pdf)).startsWith("【演练】");
		assertThat(Pdfs.watermarkedPages(pdf)).isEqualTo(Pdfs.pages(pdf).size());
	}

	@Test // GH-12: the record's 事件级别 … 升级至 … field carries the override
	void printsWhyTheLevelWasRaised() {
		IncidentRecord base = ReportFixtures.incidentRecord();
		IncidentRecord record = new IncidentRecord(base.incidentId(), false, base.company(), base.phenomenon(),
				base.impact(), base.occurredAt(), base.discoveredAt(), base.reportedAt(), base.handledAt(),
				base.recoveredAt(), base.receiver(), base.handler(), Severity.GENERAL, Severity.MAJOR, null, null,
				base.analysis(), base.plan(), base.process(), base.improvement(), base.tracking(),
				base.managerOpinion(), null, "应急领导小组调整，理由：影响全部客户。");

		assertThat(Pdfs.flatText(documents.incidentRecord(record)))
			.contains("事件级别一般事件，升级至重大事件（应急领导小组调整，理由：影响全部客户）事故级别—事件分析");
	}

	@Test
	void leavesTheFormsBlanksWhenNothingIsKnown() {
		IncidentRecord record = new IncidentRecord("INC-20120615-010", false, ReportFixtures.company(), null, null,
				null, null, null, null, null, null, null, null, null, null, null, SignedSection.EMPTY,
				SignedSection.EMPTY, new SignedSection(null, List.of(), null, null), SignedSection.EMPTY,
				SignedSection.EMPTY, SignedSection.EMPTY, null);
		String text = Pdfs.flatText(documents.incidentRecord(record));

		assertThat(text).contains("故障发生日期：年月日", "事件现象—", "发生时间—发现时间—", "恢复时间—持续时间—", "事件级别—事故级别—");
	}

}
