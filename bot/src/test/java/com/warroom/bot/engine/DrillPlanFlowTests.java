package com.warroom.bot.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import com.warroom.bot.delivery.Delivery;
import com.warroom.bot.drill.DrillStore;
import com.warroom.bot.clock.FollowUpReminders;
import com.warroom.bot.incident.Incident;
import com.warroom.bot.incident.IncidentKind;
import com.warroom.notify.Reminder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /drill} with plans (GH-16, 4.4): coordinators list, show, validate, start,
 * pause, resume, skip, stop and follow a run; injects fire in order on durable timers,
 * are held by a pause and never fire after stop; participants see only the injects.
 */
class DrillPlanFlowTests {

	/**
	 * Three injects one minute apart; the clock starts at 13:58 on a Monday (a trading
	 * day).
	 */
	static final String PLAN = """
			id: three
			title: 主数据库切换演练
			objective: 验证热备数据库
			environment: test
			window: "09:00-15:00"
			participants:
			  - role: 总体协调指挥
			    people: [chen-drill]
			  - role: 数据库切换
			    people: [wu-dba]
			scenarios:
			  - id: db
			    title: 主数据库系统切换至热备数据库系统演练
			    playbook: central.db-host-hardware
			    description: 模拟主数据库系统故障
			injects:
			  - id: fault
			    kind: declare
			    at: PT1M
			    scenario: db
			  - id: node2
			    kind: complication
			    at: PT2M
			    incident: fault
			    text: 节点 2 未能接管
			  - id: spread
			    kind: fact
			    at: PT3M
			    incident: fault
			    fact: system
			    value: bank-transfer:add
			    text: 故障扩大：银期转账受到影响
			criteria:
			  - id: hot
			    text: 15 分钟内切换至热备数据库
			    from: fault
			    reach: step
			    step: m3
			    within: PT15M
			restoration:
			  - text: 恢复清理环境
			""";

	@Test
	void aCoordinatorListsShowsAndValidatesThePlans(@TempDir Path dir) {
		DrillRig rig = new DrillRig(DrillRig.plansDir(dir, "three.yaml", PLAN));
		String list = DrillRig.texts(rig.command(DrillRig.COORDINATOR, "/drill plan"));
		assertThat(list).contains("seed.4-4-gateway-database", "three", "主数据库切换演练");
		String show = DrillRig.texts(rig.command(DrillRig.COORDINATOR, "/drill plan show seed.4-4-gateway-database"));
		assertThat(show).contains("总体协调指挥", "报盘切换", "数据库切换", "技术服务岗", "备岗记录人员", "网络设备检查", "T+0:30:00", "备份报盘服务器参数错误",
				"15 分钟内切换至热备数据库", "演练结束，总部进行系统恢复");
		// the seed's window 9:00-15:00 without a date:
		// hold it on a non-trading day (4.1 第二十八条)
		assertThat(show).contains("日期未定", "与交易日的交易时段重叠");
		DrillRig.plansDir(dir, "broken.yaml",
				PLAN.replace("id: three", "id: broken").replace("kind: fact", "kind: surprise"));
		String validate = DrillRig.texts(rig.command(DrillRig.COORDINATOR, "/drill plan validate"));
		assertThat(validate).contains("演练计划有 1 处错误")
			.contains("broken.yaml:27: injects[2].kind: 应为 declare（宣布演练）、complication（情况通报）或 fact（事实变化）");
		assertThat(DrillRig.texts(rig.command(DrillRig.COORDINATOR, "/drill plan show nothing")))
			.contains("没有编号为 “nothing” 的演练计划");
	}

	@Test
	void participantsSeeNeitherThePlansNorTheProgress(@TempDir Path dir) {
		DrillRig rig = new DrillRig(DrillRig.plansDir(dir, "three.yaml", PLAN));
		for (String line : List.of("/drill plan", "/drill plan show three", "/drill start three", "/drill status",
				"/drill stop")) {
			assertThat(DrillRig.texts(rig.command(EngineHarness.DBA, line))).as(line)
				.contains("只有演练协调人")
				.doesNotContain("节点 2");
		}
		assertThat(rig.store.runs()).isEmpty();
	}

	@Test
	void inAGroupThePlanAndTheProgressGoToTheCoordinatorPrivately(@TempDir Path dir) {
		DrillRig rig = new DrillRig(DrillRig.plansDir(dir, "three.yaml", PLAN));
		String started = DrillRig.texts(rig.command(DrillRig.COORDINATOR, "/drill start three"));
		assertThat(started).as("when, not what").contains("下一个注入：T+0:01:00").doesNotContain("主数据库系统切换至热备数据库系统演练");
		List<Outbound> status = rig.command(DrillRig.COORDINATOR, "/drill status");
		assertThat(status).filteredOn((a) -> a instanceof Outbound.Send send && send.chat().equals(rig.chat.chat))
			.singleElement()
			.satisfies((a) -> assertThat(((Outbound.Send) a).html()).contains("已私聊发给你").doesNotContain("node2"));
		assertThat(status)
			.filteredOn((a) -> a instanceof Outbound.Send send && send.chat().chatId().equals("900000010"))
			.singleElement()
			.satisfies((a) -> assertThat(((Outbound.Send) a).html()).contains("下一个注入：T+0:01:00 <code>fault</code>"));
	}

	@Test
	void plainDrillWordsStillDeclareAnAdHocDrill(@TempDir Path dir) {
		DrillRig rig = new DrillRig(DrillRig.plansDir(dir, "three.yaml", PLAN));
		List<Outbound> picker = rig.command(EngineHarness.DBA, "/drill 数据库主机");
		assertThat(DrillRig.texts(picker)).contains("【演练】").contains("最接近的预案");
		assertThat(picker.stream()
			.flatMap((action) -> EngineHarness.buttons(action).stream())
			.flatMap(List::stream)
			.map(Button::label)).anySatisfy((label) -> assertThat(label).contains("数据库主机硬件故障"));
		assertThat(rig.store.runs()).isEmpty();
	}

	@Test
	void injectsFireInOrderOnTheirTimersAndAPauseHoldsThem(@TempDir Path dir) {
		DrillRig rig = new DrillRig(DrillRig.plansDir(dir, "three.yaml", PLAN));
		Instant start = rig.chat.clock.instant();
		String started = DrillRig.texts(rig.command(DrillRig.COORDINATOR, "/drill start three"));
		assertThat(started).contains("【演练】演练 RUN-20261123-001 开始", "共 3 个注入");
		// 13:58 on a trading day: inside the day session (4.1 第二十八条)
		assertThat(started).contains("2026-11-23 是交易日，13:30-15:00 为日盘交易时段");
		String run = "RUN-20261123-001";
		assertThat(rig.timers.pending(run)).extracting(Reminder::fireAt)
			.containsExactly(start.plusSeconds(60), start.plusSeconds(120), start.plusSeconds(180));
		assertThat(rig.tick()).as("nothing is due yet").isEmpty();

		rig.chat.clock.advance(Duration.ofMinutes(1));
		String declared = DrillRig.texts(rig.tick());
		assertThat(declared).contains("【演练】注入 fault（T+0:01:00）：宣布「主数据库系统切换至热备数据库系统演练」为演练 DRL-");
		String incident = rig.store.incidents(run).get(0);
		assertThat(rig.chat.incidents.find(incident).orElseThrow().kind()).isEqualTo(IncidentKind.DRILL);

		rig.chat.clock.advance(Duration.ofSeconds(30));
		assertThat(DrillRig.texts(rig.command(DrillRig.COORDINATOR, "/drill pause"))).contains("已暂停（T+0:01:30）");
		assertThat(rig.timers.pending(run)).isEmpty();
		rig.chat.clock.advance(Duration.ofMinutes(10));
		assertThat(rig.engine.fireDrill(run)).as("a paused run fires nothing, even if a timer was already running")
			.isEmpty();
		String resumed = DrillRig.texts(rig.command(DrillRig.COORDINATOR, "/drill resume"));
		assertThat(resumed).contains("暂停了 10 分钟");
		// the remaining offsets moved by the pause
		assertThat(rig.timers.pending(run)).extracting(Reminder::fireAt)
			.containsExactly(start.plusSeconds(120 + 600), start.plusSeconds(180 + 600));
		rig.chat.clock.advance(Duration.ofSeconds(30));
		assertThat(DrillRig.texts(rig.tick())).contains("【演练】情况通报（注入 node2，T+0:02:00）：节点 2 未能接管");
		rig.chat.clock.advance(Duration.ofMinutes(1));
		assertThat(DrillRig.texts(rig.tick())).contains("【演练】事实变化（注入 spread，T+0:03:00）：故障扩大：银期转账受到影响");
		assertThat(rig.store.events(run)).filteredOn((e) -> e.type() == DrillStore.EventType.INJECT)
			.extracting(DrillStore.Event::injectId)
			.containsExactly("fault", "node2", "spread");
		assertThat(rig.timers.pending(run)).isEmpty();
	}

	@Test
	void aLateTimerFiresTheEarlierInjectsFirst(@TempDir Path dir) {
		DrillRig rig = new DrillRig(DrillRig.plansDir(dir, "three.yaml", PLAN));
		rig.command(DrillRig.COORDINATOR, "/drill start three");
		// the bot was down for all three: the first timer to fire after the restart fires
		// them in order
		rig.chat.clock.advance(Duration.ofMinutes(5));
		String texts = DrillRig.texts(rig.tick());
		assertThat(texts.indexOf("注入 fault")).isLessThan(texts.indexOf("注入 node2"));
		assertThat(texts.indexOf("注入 node2")).isLessThan(texts.indexOf("注入 spread"));
		assertThat(rig.engine.fireDrill("RUN-20261123-001")).as("each once").isEmpty();
	}

	@Test
	void nothingFiresAfterStop(@TempDir Path dir) {
		DrillRig rig = new DrillRig(DrillRig.plansDir(dir, "three.yaml", PLAN));
		rig.command(DrillRig.COORDINATOR, "/drill start three");
		rig.chat.clock.advance(Duration.ofMinutes(1));
		rig.tick();
		String stopped = DrillRig.texts(rig.command(DrillRig.COORDINATOR, "/drill stop"));
		assertThat(stopped).contains("演练 RUN-20261123-001 已结束", "已执行注入 1/3", "恢复清理环境", "/drill followup add");
		assertThat(rig.timers.pending("RUN-20261123-001")).isEmpty();
		rig.chat.clock.advance(Duration.ofMinutes(10));
		// a timer that was already on its way when stop came
		assertThat(rig.engine.fireDrill("RUN-20261123-001")).isEmpty();
		assertThat(rig.store.events("RUN-20261123-001")).filteredOn((e) -> e.type() == DrillStore.EventType.INJECT)
			.extracting(DrillStore.Event::injectId)
			.containsExactly("fault");
		assertThat(DrillRig.texts(rig.command(DrillRig.COORDINATOR, "/drill pause"))).contains("本聊天没有进行中的演练");
	}

	@Test
	void skipFiresTheNextInjectNowAndKeepsTheIntervals(@TempDir Path dir) {
		DrillRig rig = new DrillRig(DrillRig.plansDir(dir, "three.yaml", PLAN));
		Instant start = rig.chat.clock.instant();
		rig.command(DrillRig.COORDINATOR, "/drill start three");
		rig.chat.clock.advance(Duration.ofSeconds(20));
		String skipped = DrillRig.texts(rig.command(DrillRig.COORDINATOR, "/drill skip"));
		assertThat(skipped).contains("已立即执行下一个注入 <code>fault</code>", "选择“立即执行”而不是“跳过不执行”", "整体提前 40 秒")
			.contains("宣布「主数据库系统切换至热备数据库系统演练」为演练 DRL-");
		assertThat(rig.timers.pending("RUN-20261123-001")).extracting(Reminder::fireAt)
			.containsExactly(start.plusSeconds(80), start.plusSeconds(140));
	}

	@Test
	void statusShowsThePlanTheElapsedTimeTheNextInjectAndTheIncidents(@TempDir Path dir) {
		DrillRig rig = new DrillRig(DrillRig.plansDir(dir, "three.yaml", PLAN));
		assertThat(DrillRig.texts(rig.command(DrillRig.COORDINATOR, "/drill status"))).contains("还没有运行过演练计划");
		rig.command(DrillRig.COORDINATOR, "/drill start three");
		rig.chat.clock.advance(Duration.ofSeconds(70));
		rig.tick();
		String status = DrillRig.texts(rig.command(DrillRig.COORDINATOR, "/drill status"));
		String incident = rig.store.incidents("RUN-20261123-001").get(0);
		assertThat(status).contains("主数据库切换演练", "RUN-20261123-001", "进行中", "T+0:01:10", "已执行注入 1/3",
				"下一个注入：T+0:02:00 <code>node2</code>", incident + " 数据库主机硬件故障（处置中）");
	}

	@Test
	void aStartInASensitivePeriodWarns(@TempDir Path dir) {
		DrillRig rig = new DrillRig(DrillRig.plansDir(dir, "three.yaml", PLAN),
				(day) -> day.equals(LocalDate.of(2026, 11, 23)) ? Optional.of("2026-11-20/2026-11-30")
						: Optional.empty());
		assertThat(DrillRig.texts(rig.command(DrillRig.COORDINATOR, "/drill start three")))
			.contains("2026-11-23 在敏感时期（2026-11-20/2026-11-30）内");
	}

	@Test
	void peopleOffTheRosterAndUnknownChatsAreWarnedAtValidateAndStart(@TempDir Path dir) {
		DrillRig rig = new DrillRig(
				DrillRig.plansDir(dir, "three.yaml", PLAN.replace("people: [wu-dba]", "people: [wu-dba, 某某]")
					.replace("    scenario: db\n", "    scenario: db\n    chat: war-room\n")));
		String validate = DrillRig.texts(rig.command(DrillRig.COORDINATOR, "/drill plan validate"));
		assertThat(validate).contains("计划 three 的数据库切换“某某”不在应急名册中", "计划 three 的注入 fault 要在“war-room”宣布，但没有配置这个聊天");
		assertThat(DrillRig.texts(rig.command(DrillRig.COORDINATOR, "/drill start three"))).contains("“某某”不在应急名册中");
		rig.chat.clock.advance(Duration.ofMinutes(1));
		rig.tick();
		assertThat(incident(rig, "RUN-20261123-001").chat()).as("declared in the drill's own chat instead")
			.isEqualTo(rig.chat.chat);
	}

	@Test
	void aDeclareInjectGoesToTheConfiguredChat(@TempDir Path dir) {
		DrillRig rig = new DrillRig(DrillRig.plansDir(dir, "three.yaml",
				PLAN.replace("    scenario: db\n", "    scenario: db\n    chat: drill-room\n")));
		rig.command(DrillRig.COORDINATOR, "/drill start three");
		rig.chat.clock.advance(Duration.ofMinutes(3));
		List<Outbound> fired = rig.tick();
		Incident incident = incident(rig, "RUN-20261123-001");
		assertThat(incident.chat().chatId()).isEqualTo("-2002");
		// the complication and the fact change about it are told in its chat
		assertThat(fired).filteredOn((a) -> a instanceof Outbound.Send send && send.html().contains("节点 2 未能接管"))
			.singleElement()
			.satisfies((a) -> assertThat(((Outbound.Send) a).chat().chatId()).isEqualTo("-2002"));
	}

	@Test
	void aSecondStartInTheSameChatIsRefused(@TempDir Path dir) {
		DrillRig rig = new DrillRig(DrillRig.plansDir(dir, "three.yaml", PLAN));
		rig.command(DrillRig.COORDINATOR, "/drill start three");
		assertThat(DrillRig.texts(rig.command(DrillRig.COORDINATOR, "/drill start three")))
			.contains("本聊天已有进行中的演练 RUN-20261123-001");
		assertThat(DrillRig.texts(rig.command(DrillRig.COORDINATOR, "/drill start nope")))
			.contains("没有编号为 “nope” 的演练计划");
		assertThat(rig.store.runs()).hasSize(1);
	}

	@Test
	void followUpItemsHaveAnOwnerADueDateAndAreRemindedUntilClosed(@TempDir Path dir) {
		DrillRig rig = new DrillRig(DrillRig.plansDir(dir, "three.yaml", PLAN));
		rig.command(DrillRig.COORDINATOR, "/drill start three");
		rig.command(DrillRig.COORDINATOR, "/drill stop");
		assertThat(
				DrillRig.texts(rig.command(DrillRig.COORDINATOR, "/drill followup add 备份报盘参数 未同步 nobody 2026-12-01")))
			.contains("名册中没有 “nobody”");
		assertThat(DrillRig.texts(rig.command(DrillRig.COORDINATOR, "/drill followup add 备份报盘参数未同步 wu-dba 2026-11-01")))
			.contains("截止日期 “2026-11-01” 无效");
		assertThat(rig.store.followUps()).isEmpty();
		assertThat(
				DrillRig.texts(rig.command(DrillRig.COORDINATOR, "/drill followup add 备份报盘参数 未同步 wu-dba 2026-11-25")))
			.contains("已记下整改事项 #1：备份报盘参数 未同步");
		DrillStore.FollowUp item = rig.store.followUps().get(0);
		assertThat(item.runId()).isEqualTo("RUN-20261123-001");
		assertThat(item.owner()).isEqualTo("wu-dba");
		assertThat(DrillRig.texts(rig.command(DrillRig.COORDINATOR, "/drill status"))).contains("#1 备份报盘参数 未同步");
		FollowUpReminders reminders = new FollowUpReminders(rig.store, rig.chat.roster, Delivery.of(List.of()),
				EngineHarness.SHANGHAI);
		assertThat(reminders.remind(LocalDate.of(2026, 11, 23))).as("not yet: due in two days").isEmpty();
		assertThat(DrillRig.texts(reminders.remind(LocalDate.of(2026, 11, 24)))).contains("整改事项 #1", "截止 2026-11-25");
		assertThat(DrillRig.texts(reminders.remind(LocalDate.of(2026, 11, 27)))).contains("已逾期");
		assertThat(DrillRig.texts(rig.command(EngineHarness.SYSADMIN, "/drill followup done 1")))
			.contains("只有负责人或演练协调人");
		assertThat(DrillRig.texts(rig.command(EngineHarness.DBA, "/drill followup done 1"))).contains("整改事项 #1 已完成");
		assertThat(DrillRig.texts(rig.command(EngineHarness.DBA, "/drill followup done 1"))).contains("已经完成了");
		assertThat(reminders.remind(LocalDate.of(2026, 11, 27))).as("closed: no more reminders").isEmpty();
		assertThat(DrillRig.texts(rig.command(EngineHarness.OBSERVER, "/drill followup"))).contains("未完成 0 项", "已完成");
	}

	@Test
	void theTrainingPlanComesFromConfigurationAndChat(@TempDir Path dir) {
		DrillRig rig = new DrillRig(DrillRig.plansDir(dir, "three.yaml", PLAN));
		assertThat(DrillRig.texts(rig.command(EngineHarness.OBSERVER, "/drill training"))).contains("应急培训计划",
				"2027-03-13", "报盘切换、主数据库切换至热备数据库的操作培训");
		assertThat(DrillRig
			.texts(rig.command(EngineHarness.OBSERVER, "/drill training add 2027-05-01 li-it feng-liaison 培训")))
			.contains("只有演练协调人");
		assertThat(DrillRig
			.texts(rig.command(DrillRig.COORDINATOR, "/drill training add 2027-13-01 li-it feng-liaison 培训")))
			.contains("培训日期 “2027-13-01” 无效");
		assertThat(DrillRig
			.texts(rig.command(DrillRig.COORDINATOR, "/drill training add 2027-05-01 li-it feng-liaison 数据库切换复训")))
			.contains("已加入培训计划");
		String list = DrillRig.texts(rig.command(EngineHarness.OBSERVER, "/drill training"));
		assertThat(list.indexOf("2027-03-13")).isLessThan(list.indexOf("2027-05-01"));
		assertThat(list).contains("数据库切换复训");
	}

	static Incident incident(DrillRig rig, String runId) {
		return rig.chat.incidents.find(rig.store.incidents(runId).get(0)).orElseThrow();
	}

}
