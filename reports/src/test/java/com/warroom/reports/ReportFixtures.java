package com.warroom.reports;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import com.warroom.playbooks.Severity;

/**
 * The seed's real case (4.8): database node 1 failed on 2012-06-15 at 13:58:16 and the
 * trading system was back at 13:59:45. Names and numbers of people are made up; the seed
 * leaves them as XX.
 */
final class ReportFixtures {

	static final String ID = "INC-20120615-001";

	static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

	static final Instant OCCURRED = at("2012-06-15T13:58:16");

	static final Instant RECOVERED = at("2012-06-15T13:59:45");

	private ReportFixtures() {
	}

	static Instant at(String localDateTime) {
		return LocalDateTime.parse(localDateTime).atZone(CHINA).toInstant();
	}

	static CompanyInfo company() {
		return new CompanyInfo("XX期货有限公司", "张伟", "李明", "王芳", "010-8888 6666", "010-8888 6667", "138 0013 8000",
				"it@xxqh.example", null);
	}

	static List<TimedLine> course() {
		return List.of(new TimedLine(OCCURRED, "技术部监控人员从监控系统监控到数据库节点 1 故障，恒生 AS 程序出现大量积压"),
				new TimedLine(at("2012-06-15T13:58:30"), "数据库管理员紧急排查数据库，其他岗位排查集中交易系统、网络"),
				new TimedLine(at("2012-06-15T13:58:41"), "技术服务岗向公司领导和应急小组报告，应急小组启动应急预案"),
				new TimedLine(at("2012-06-15T13:58:52"), "数据库管理员关闭节点 1 服务器主机电源，监控节点 2 接管过程"),
				new TimedLine(at("2012-06-15T13:59:16"), "节点 2 服务器成功接管"), new TimedLine(RECOVERED, "AS 积压消失，交易系统恢复正常"));
	}

	static Impact impact() {
		return new Impact("公司范围内使用主系统交易和银期转账的客户", "数据库切换期间的报单委托和银期转账受到影响", "约 500 至 1000 人", "初步判定经济损失在 100 万元以下");
	}

	static Assessment assessment() {
		return new Assessment("对公司造成了一定的经济损失，并对公司形象造成了一定的负面影响", "主数据库系统节点 1 服务器硬件故障", EventClass.EQUIPMENT_FAILURE,
				Severity.GENERAL, "集中交易系统中断不足 5 分钟", Nature.NOT_RESPONSIBLE);
	}

	static List<Measure> measures() {
		return List.of(new Measure(at("2012-06-15T13:58:52"), "关闭节点 1 服务器主机电源，由节点 2 自动接管", "1 分钟后节点 2 成功接管"),
				new Measure(at("2012-06-15T14:05:00"), "逐笔确认期间发生的报单委托和银期转账信息，致电受影响客户", "未与客户产生纠纷"),
				new Measure(null, "联系硬件厂商，对发生故障的服务器进行检测，找出发生故障的原因", null));
	}

	static ReportBook reportBook() {
		return reportBook(false, course(), measures(), "系统已于 13:59:45 恢复正常");
	}

	/** The real case's first report with another course, measures or 备注. */
	static ReportBook reportBook(boolean drill, List<TimedLine> course, List<Measure> measures, String remarks) {
		return new ReportBook(ID, drill, ReportBook.Sequence.nth(1), at("2012-06-15T14:10:00"), company(),
				List.of("赵刚（首席风险官）", "钱进（总经理）"), OCCURRED, null, course, impact(), assessment(), measures,
				"请恒生电子协助分析数据库集群切换日志", remarks);
	}

	static PostEventReport postEventReport() {
		return new PostEventReport(ID, false, false, "数据库节点1故障", company(), at("2012-06-20T10:00:00"), OCCURRED,
				RECOVERED, null,
				List.of("2012 年 6 月 15 日 13 点 58 分 16 秒，技术部监控人员从监控系统监控到数据库节点 1 故障，并且恒生 AS 程序出现大量积压现象，数据库管理员紧急对数据库进行排查，其他岗位也紧急对集中交易系统、网络等进行排查，技术服务岗立即向公司领导和应急小组报告了情况，应急小组成员立即启动应急预案。",
						"根据系统部署，主数据库系统采用集群模式，节点 1 服务器故障后，节点 2 服务器会自动接管节点 1 所有业务。1 分钟后，节点 2 服务器成功接管，1 分 30 秒后，AS 积压消失，交易系统恢复正常。"),
				course(), impact(), assessment(), reportsMade(), measures(),
				new Investigation("经过详细的内部调查，根据事件发生后的影响范围、程度、持续时间及《事件报告与调查处理办法》中关于事件分级的定义，该事件级别属于一般事件。",
						"无，事件起因为服务器硬件故障", "无，各部门及相关岗位人员处置得当，事件影响在可控范围", "不涉及责任追究"),
				"良好的应急预案制定是事件处置的关键，在平时工作中，应当加强应急演练，使各部门、岗位熟悉事件处置流程。", List.of("关键服务器硬件缺少预防性检测"),
				List.of("对整个系统各关键部件进行全面排查，及早发现并消除存在的隐患", "对应急预案进行全面梳理，通过加强应急演练来强化各岗位人员的忧患意识"), null);
	}

	static List<ReportMade> reportsMade() {
		return List.of(
				new ReportMade(ReportBook.Sequence.nth(1), at("2012-06-15T13:59:05"), "电话",
						List.of("当地证监局期货处", "期货业协会")),
				new ReportMade(ReportBook.Sequence.labelled("恢复后报告"), at("2012-06-15T14:10:00"), "书面报告书",
						List.of("当地证监局期货处", "期货业协会", "四大期货交易所", "董事会（股东）"), List.of("赵刚", "钱进")));
	}

	static IncidentRecord incidentRecord() {
		return new IncidentRecord(ID, false, company(), "数据库节点 1 故障，恒生 AS 程序出现大量积压",
				"使用主系统交易和银期转账的客户报单委托和银期转账受影响，约 500 至 1000 人", OCCURRED, at("2012-06-15T13:58:16"),
				at("2012-06-15T13:58:41"), at("2012-06-15T13:58:30"), RECOVERED, "孙丽", "周强", Severity.GENERAL, null,
				null, null, SignedSection.of("主数据库系统节点 1 服务器硬件故障，集群自动切换至节点 2", "吴军", at("2012-06-15T15:00:00")),
				SignedSection.of("关闭节点 1 电源，监控节点 2 接管，准备切换热备数据库", "吴军", at("2012-06-15T13:58:50")),
				new SignedSection(null, course(), "周强", at("2012-06-15T14:30:00")),
				SignedSection.of("联系硬件厂商检测故障服务器；全面排查关键部件", "周强", at("2012-06-16T09:00:00")),
				SignedSection.of("厂商已更换节点 1 主板，集群恢复双节点运行", "吴军", at("2012-06-18T17:00:00")),
				SignedSection.of("处置得当，同意关闭", "吴军", at("2012-06-19T10:00:00")), "—");
	}

}
