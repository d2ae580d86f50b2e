package com.warroom.bot.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.warroom.bot.assessment.Assessment;
import com.warroom.bot.incident.Incident;
import com.warroom.bot.store.RawFields;
import com.warroom.playbooks.Obligation;
import com.warroom.playbooks.ObligationKind;
import com.warroom.playbooks.Playbook;
import com.warroom.playbooks.Severity;
import com.warroom.playbooks.SystemClass;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.warroom.bot.engine.EngineHarness.DBA;
import static com.warroom.bot.engine.EngineHarness.button;
import static com.warroom.bot.engine.EngineHarness.findButton;
import static com.warroom.bot.engine.EngineHarness.texts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * GH-10: the facts the bot passes on to grading and reporting — the other systems an
 * incident touches (each with its own extent and accumulated clock, from the playbook and
 * from /level), remote access to exchange systems, whether the cause is known. Seed lines
 * are those of {@code 000_a2617cc3342f8e1a.txt}.
 */
class AffectedSystemsFactTests {

	private EngineHarness chat;

	@BeforeEach
	void setUp() {
		chat = new EngineHarness(TestRedis.fresh());
	}

	private Incident only() {
		return chat.incidents.openIn(chat.chat).get(0);
	}

	private Playbook playbook() {
		return EngineHarness.LIBRARY.find(only().playbookId()).orElseThrow();
	}

	@Test
	void bankTransferAddedToACentralFaultRaisesItToLargerAfterThirtyMinutesAccumulated() {
		// 4.2 第四章二（二）2, L10335-10337: 银期转账……影响业务时间累计 30 分钟以上 → 较大
		chat.declare(DBA, "数据库主机", "数据库主机硬件故障");
		chat.press(DBA, button(chat.command(DBA, "/level"), "部分中断"));
		List<Outbound> added = chat.press(DBA, button(chat.command(DBA, "/level"), "＋银期转账系统"));
		assertThat(texts(added)).contains("另涉及银期转账系统");
		chat.clock.advance(Duration.ofMinutes(3));
		assertThat(chat.assessments.assess(only(), playbook()).grade().level()).isEqualTo(Severity.GENERAL);
		chat.clock.advance(Duration.ofMinutes(20));
		// bank transfer back after 23 minutes: its clock stops, what it accumulated stays
		chat.press(DBA, button(chat.command(DBA, "/level"), "结束：银期转账系统"));
		chat.clock.advance(Duration.ofMinutes(30));
		// central partial for 53 minutes gives 较大 by itself; the point here is bank
		// transfer's own total
		assertThat(texts(chat.command(DBA, "/level"))).contains("另涉及银期转账系统：范围不明，累计 23 分钟（已结束）");
		// it stops again: 累计 adds up, 23 + 7 = 30 minutes
		chat.press(DBA, button(chat.command(DBA, "/level"), "＋银期转账系统"));
		chat.clock.advance(Duration.ofMinutes(7));
		List<Outbound> level = chat.command(DBA, "/level");
		assertThat(texts(level)).contains("另涉及银期转账系统：范围不明，累计 30 分钟（仍在中断）")
			.contains("4.2 第四章二（二）2：银期转账系统全部或者部分停止运行，影响业务时间累计 30 分钟以上");
		assertThat(findButton(level, "＋银期转账系统")).isEmpty();
		assertThat(texts(chat.press(DBA, button(level, "银期转账系统全部中断")))).contains("已更新").contains("银期转账系统全部中断");
	}

	@Test
	void aNetworkPlaybookStartsWithTheSystemsItsImpactLineNamesAndReportsAsOnlineTrading() {
		// 附件六 L13051-13053: 切换过程中，主机房所有电信站点和联通站点均不可用
		chat.declare(DBA, "互联网防火墙", "互联网出入口故障 / 互联网防火墙故障");
		assertThat(playbook().systemClass()).isEqualTo(SystemClass.NETWORK);
		chat.clock.advance(Duration.ofMinutes(10));
		// before GH-10: 轻微 and no report; now online trading down 10 minutes is 较大 (（二）1)
		assertThat(chat.assessments.assess(only(), playbook()).grade().level()).isEqualTo(Severity.LARGER);
		assertThat(texts(chat.command(DBA, "/level"))).contains("另涉及网上交易系统：全部中断，累计 10 分钟（仍在中断）");
		Obligation first = chat.assessments.assess(only(), playbook()).owed().get(0);
		assertThat(first.kind()).isEqualTo(ObligationKind.CYCLE);
		assertThat(first.dueAt()).isEqualTo(only().startedAt().plus(Duration.ofMinutes(30)));
	}

	@Test
	void anAtOncePlaybookIsNeverMinorOnItsCard() {
		// 附件四 五/六: an at-once playbook cannot read 轻微（内部记录，纳入每月运维报告）
		List<Outbound> declared = chat.declare(DBA, "数据库主机", "数据库主机硬件故障");
		assertThat(texts(declared)).doesNotContain("级别：<b>轻微</b>");
		assertThat(chat.assessments.assess(only(), playbook()).grade().level()).isEqualTo(Severity.GENERAL);
	}

	@Test
	void remoteAccessAndAKnownCauseAreFactsTheReportsFollow() {
		chat.declare(DBA, "数据库主机", "数据库主机硬件故障");
		assertThat(Assessment.remoteExchangeAccess(only(), playbook())).isFalse();
		List<Outbound> level = chat.command(DBA, "/level");
		assertThat(texts(level)).contains("不涉及远程接入交易所系统").contains("原因尚未查明");
		chat.press(DBA, button(level, "涉及远程接入交易所系统"));
		chat.press(DBA, button(chat.command(DBA, "/level"), "原因已查明"));
		assertThat(chat.assessments.assess(only(), playbook()).reportingFacts().remoteExchangeAccess()).isTrue();
		assertThat(chat.assessments.assess(only(), playbook()).reportingFacts().causeKnown()).isTrue();
		assertThat(texts(chat.command(DBA, "/level"))).contains("；涉及远程接入交易所系统").contains("；原因已查明");
	}

	@Test
	void theExchangePlaybooksInvolveRemoteAccessAndASummaryCauseMakesTheCauseKnown() {
		// 4.2 L10669-10671 (exchanges get the 12-hour report);
		// L10792-10798 (补充报告 only while unknown)
		chat.declare(DBA, "至交易所 SDH 专线", "至交易所网络故障 / 至交易所某条 SDH 专线故障");
		assertThat(chat.assessments.assess(only(), playbook()).reportingFacts().remoteExchangeAccess()).isTrue();
		assertThat(Assessment.causeKnown(only())).isFalse();
		// what /summary stores for 事件发生的原因
		RawFields.set(chat.incidents, only().id(), Map.of("sum:cause", "SDH 专线被施工挖断"));
		assertThat(Assessment.causeKnown(only())).isTrue();
	}

	@Test
	void moreInvestorsDataLeakedMidCycleIsOwedAtOnceNotAtTheNextSlot() {
		// 4.3 第十一条（二）3 (L15107-15111): 如有重要情况立即进行报告
		chat.declare(DBA, "数据库主机", "数据库主机硬件故障");
		chat.press(DBA, button(chat.command(DBA, "/level"), "数据泄露人数"));
		chat.text(DBA, "100");
		chat.incidents.append(only(), java.util.EnumSet.of(com.warroom.bot.incident.IncidentStatus.OPEN),
				new com.warroom.bot.incident.IncidentStore.Entry(com.warroom.bot.incident.TimelineType.REPORTED,
						"feng-liaison", "冯技术服务岗", "test", chat.clock.instant(), java.util.Map.of("kind", "CYCLE", "seq",
								"1", "reportAt", String.valueOf(chat.clock.instant().toEpochMilli()))));
		chat.clock.advance(Duration.ofMinutes(10));
		assertThat(chat.assessments.assess(only(), playbook()).owed().get(0).dueAt())
			.isEqualTo(chat.clock.instant().plus(Duration.ofMinutes(20)));
		// the fact button shows the number recorded so far (GH-13)
		chat.press(DBA, button(chat.command(DBA, "/level"), "数据泄露人数（100）"));
		chat.text(DBA, "5000");
		Obligation next = chat.assessments.assess(only(), playbook()).owed().get(0);
		assertThat(next.sequence()).isEqualTo(2);
		assertThat(next.dueAt()).isEqualTo(chat.clock.instant());
	}

	@Test
	void aHaltCanBeRecordedOnceCentralTradingIsAmongTheAffectedSystems() {
		// 4.2 第五章二（三） (L10483-10510): a company-wide halt
		// starts central trading's external cycle
		chat.declare(DBA, "互联网防火墙", "互联网出入口故障 / 互联网防火墙故障");
		assertThat(findButton(chat.command(DBA, "/level"), "全公司交易中断或严重缓慢")).isEmpty();
		chat.press(DBA, button(chat.command(DBA, "/level"), "＋集中交易系统"));
		chat.press(DBA, button(chat.command(DBA, "/level"), "全公司交易中断或严重缓慢"));
		Obligation first = chat.assessments.assess(only(), playbook()).owed().get(0);
		assertThat(first.dueAt()).isEqualTo(chat.clock.instant());
		assertThat(first.approvers()).containsExactly("cro", "gm");
	}

	@Test
	void aSystemThatCannotBeChangedThatWayIsRefusedPolitelyAndNothingChanges() {
		chat.declare(DBA, "数据库主机", "数据库主机硬件故障");
		List<Outbound> level = chat.command(DBA, "/level");
		chat.press(DBA, button(level, "＋银期转账系统"));
		// the stale ＋ button of the first /level: already affected
		assertThat(texts(chat.press(DBA, button(level, "＋银期转账系统")))).contains("该系统当前不能这样调整，未更改");
		assertThat(only().facts().systems()).containsKey(SystemClass.BANK_TRANSFER);
	}

}
