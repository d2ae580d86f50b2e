package com.warroom.bot.engine;

import java.time.Duration;
import java.util.List;

import com.warroom.bot.chat.Actor;
import com.warroom.bot.incident.Incident;
import com.warroom.bot.incident.TimelineEntry;
import com.warroom.bot.incident.TimelineType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.warroom.bot.engine.EngineHarness.DBA;
import static com.warroom.bot.engine.EngineHarness.LIAISON;
import static com.warroom.bot.engine.EngineHarness.button;
import static com.warroom.bot.engine.EngineHarness.texts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * /reported: numbered reports that restart the cycle, with 签发 where the policy wants it.
 */
class ReportFlowTests {

	static final Actor CRO = EngineHarness.user("900000003");

	static final Actor DEPUTY = EngineHarness.user("900000002");

	private EngineHarness chat;

	@BeforeEach
	void setUp() {
		chat = new EngineHarness(TestRedis.fresh());
	}

	private Incident only() {
		return chat.incidents.openIn(chat.chat).get(0);
	}

	@Test
	void aReportIsNumberedAndRestartsTheCycle() {
		chat.declare(LIAISON, "网页 篡改", "网页内容被篡改");
		chat.clock.advance(Duration.ofMinutes(7)); // 14:05
		List<Outbound> which = chat.command(LIAISON, "/reported");
		assertThat(texts(which)).contains("记录哪一次报告");
		List<Outbound> channel = chat.press(LIAISON, button(which, "定期报告 第 1 次（11-23 13:58 前）"));
		List<Outbound> time = chat.press(LIAISON, button(channel, "电话"));
		List<Outbound> done = chat.press(LIAISON, button(time, "现在"));
		assertThat(texts(done)).contains("已记录 INC-20261123-001：定期报告 第 1 次，11-23 14:05 以电话方式报告")
			.contains("已报告：1 次")
			.contains("下次报告：定期报告 第 2 次，11-23 14:35 前");
		TimelineEntry reported = chat.incidents.timeline(only().id())
			.stream()
			.filter((e) -> e.type() == TimelineType.REPORTED)
			.findFirst()
			.orElseThrow();
		assertThat(reported.detail("via")).isEqualTo("电话");
		assertThat(reported.detail("recipients")).contains("当地证监局期货处").contains("董事会（股东）");
		// the same button again records nothing
		assertThat(texts(chat.press(LIAISON, button(time, "现在")))).contains("该报告已记录");
		assertThat(chat.incidents.timeline(only().id())).filteredOn((e) -> e.type() == TimelineType.REPORTED)
			.hasSize(1);
	}

	@Test
	void aTypedReportTimeIsUsedForTheNextDueTime() {
		chat.declare(LIAISON, "网页 篡改", "网页内容被篡改");
		chat.clock.advance(Duration.ofMinutes(20)); // 14:18
		List<Outbound> which = chat.command(LIAISON, "/reported");
		List<Outbound> time = chat.press(LIAISON,
				button(chat.press(LIAISON, button(which, "定期报告 第 1 次（11-23 13:58 前）")), "书面"));
		chat.press(LIAISON, button(time, "填写时间"));
		assertThat(texts(chat.text(LIAISON, "13:00"))).contains("早于事件开始");
		List<Outbound> done = chat.text(LIAISON, "14:01");
		assertThat(texts(done)).contains("11-23 14:01 以书面方式报告").contains("定期报告 第 2 次，11-23 14:31 前");
	}

	@Test
	void aCentralTradingReportWaitsForTheSigners() {
		chat.declare(LIAISON, "数据库主机", "数据库主机硬件故障");
		List<Outbound> which = chat.command(LIAISON, "/reported");
		List<Outbound> time = chat.press(LIAISON,
				button(chat.press(LIAISON, button(which, "定期报告 第 1 次（11-23 13:58 前）")), "电话"));
		List<Outbound> pending = chat.press(LIAISON, button(time, "现在"));
		assertThat(texts(pending)).contains("待签发：需 首席风险官、总经理（应急领导小组组长） 签发后才算正式报出");
		Button approve = button(pending, "签发");
		assertThat(texts(chat.press(DBA, approve))).contains("只有 首席风险官、总经理（应急领导小组组长）（或其备岗）可以签发");
		assertThat(texts(chat.press(CRO, approve))).contains("已签发，仍待 总经理（应急领导小组组长） 签发");
		assertThat(texts(chat.press(CRO, approve))).contains("您已签发");
		assertThat(chat.incidents.timeline(only().id())).extracting(TimelineEntry::type)
			.doesNotContain(TimelineType.REPORTED);
		// the deputy (备岗) of the general manager signs for him
		List<Outbound> done = chat.press(DEPUTY, approve);
		assertThat(texts(done)).contains("已签发，报告已记录").contains("定期报告 第 1 次").contains("已报告：1 次");
		assertThat(chat.incidents.timeline(only().id())).extracting(TimelineEntry::type)
			.containsSubsequence(TimelineType.REPORT_APPROVAL_REQUESTED, TimelineType.REPORT_APPROVED,
					TimelineType.REPORT_APPROVED, TimelineType.REPORTED);
		assertThat(texts(chat.press(DEPUTY, approve))).contains("已报出");
	}

	@Test
	void onlyReportersMayRecordReports() {
		chat.declare(DBA, "数据库主机", "数据库主机硬件故障");
		assertThat(texts(chat.command(DBA, "/reported"))).contains("无权");
	}

	@Test
	void afterRecoveryThePostEventReportsAreOffered() {
		chat.declare(LIAISON, "网页 篡改", "网页内容被篡改");
		chat.clock.advance(Duration.ofMinutes(40));
		chat.recovered(DBA);
		List<Outbound> which = chat.command(LIAISON, "/reported");
		assertThat(texts(which)).contains("记录哪一次报告");
		assertThat(EngineHarness.findButton(which, "恢复后报告 第 1 次（11-23 14:38 前）")).isPresent();
		assertThat(EngineHarness.findButton(which, "事件分析总结报告 第 1 次（11-24 02:38 前）")).isPresent();
		assertThat(EngineHarness.findButton(which, "事件总结报告 第 1 次（11-30 23:59 前）")).isPresent();
	}

}
