package com.warroom.bot.engine;

import java.time.Duration;
import java.util.List;

import com.warroom.bot.assessment.Assessment;
import com.warroom.bot.chat.Actor;
import com.warroom.bot.chat.ChatRef;
import com.warroom.bot.clock.ReminderPlanner;
import com.warroom.bot.incident.TimelineType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.warroom.bot.engine.EngineHarness.DBA;
import static com.warroom.bot.engine.EngineHarness.LIAISON;
import static com.warroom.bot.engine.EngineHarness.button;
import static com.warroom.bot.engine.EngineHarness.texts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12's controls of escalations and issue 13's one message per escalation: who hears
 * of a declaration, who may acknowledge, and what the room sees.
 */
class EscalationControlsTests {

	static final Actor TECH_MANAGER = EngineHarness.user("900000005");

	private ClockRig rig;

	private EngineHarness chat;

	private ReminderClockTests.Sink sink;

	private ReminderClockTests.Sink web;

	private ReminderClockTests.Plans plans;

	@BeforeEach
	void setUp() {
		rig = new ClockRig();
		chat = rig.chat;
		sink = rig.sink;
		web = rig.web;
		plans = rig.plans;
	}

	private String id() {
		return chat.incidents.open().get(0).id();
	}

	private List<Outbound.Send> sentTo(String chatId) {
		return rig.sentTo(chatId);
	}

	private void fire(String key) {
		rig.fire(id(), key, null);
	}

	/** The room's messages about escalation 1. */
	private List<Outbound> roomEscalation(List<Outbound> actions, int number) {
		String slot = IncidentViews.escalationSlot(id(), number);
		return actions.stream()
			.filter((
					a) -> (a instanceof Outbound.Edit edit && edit.slot().equals(slot) && edit.chat().equals(chat.chat))
							|| (a instanceof Outbound.Send send && send.chat().equals(chat.chat)
									&& send.html().contains("已通知")))
			.toList();
	}

	@Test
	void everyLeaderAndCommanderHearsOfADeclarationAtOnceInTheirOwnChats() {
		// GH-12: 附件四 flow step 3 立即向公司应急小组、公司领导报告 (seeds 4.2); the GM was tier 3
		chat.declare(DBA, "数据库主机", "数据库主机硬件故障");
		for (String leader : List.of("900000001", "900000002", "900000003", "900000004")) {
			assertThat(sentTo(leader)).as(leader).singleElement().satisfies((dm) -> {
				assertThat(dm.html()).contains("宣布事件：数据库主机硬件故障").contains("特此告知").contains("技术部负责人");
				assertThat(dm.buttons()).isEmpty();
			});
		}
		for (String person : List.of("p-zhao-gm", "p-qian-deputy", "p-sun-cro", "p-li-it")) {
			assertThat(web.delivered).as(person)
				.filteredOn((a) -> a instanceof Outbound.Send send && send.chat().chatId().equals(person))
				.hasSize(1);
		}
		// the first tier is still the one asked to acknowledge, with the button
		assertThat(sentTo("900000005")).singleElement()
			.satisfies((dm) -> assertThat(dm.buttons().get(0).get(0).label()).isEqualTo("确认收到"));
		// responders, the liaison and the observer are not leaders
		assertThat(sentTo("900000006")).isEmpty();
		assertThat(sentTo("900000011")).isEmpty();
	}

	@Test
	void onlyTheAddresseesTheirDeputiesOrALeaderMayAcknowledge() {
		chat.declare(DBA, "数据库主机", "数据库主机硬件故障");
		Button ack = button(sink.delivered, "确认收到");
		// the liaison in the room cannot stop an escalation meant for the 技术部负责人
		assertThat(texts(chat.press(LIAISON, ack))).contains("此升级通知是发给 周技术部经理 的");
		assertThat(texts(chat.command(LIAISON, "/ack"))).contains("此升级通知是发给 周技术部经理 的");
		// nor the commander, whose deputy the 技术部负责人 is (not the other way round)
		assertThat(texts(chat.press(EngineHarness.COMMANDER, ack))).contains("只有他们、他们的备岗或应急领导小组成员可以确认收到");
		assertThat(chat.incidents.find(id()).orElseThrow().openEscalations()).containsOnlyKeys(1);
		assertThat(chat.incidents.timeline(id())).extracting((e) -> e.type())
			.doesNotContain(TimelineType.ESCALATION_ACKED);
		// the addressee may
		assertThat(texts(chat.press(TECH_MANAGER, ack))).contains("已确认收到，升级通知停止（1 条");
		assertThat(chat.incidents.find(id()).orElseThrow().openEscalations()).isEmpty();
	}

	@Test
	void aLeaderMayAcknowledgeAnEscalationOfAnyTier() {
		chat.declare(DBA, "数据库主机", "数据库主机硬件故障");
		assertThat(texts(chat.command(ReportFlowTests.CRO, "/ack")))
			.contains("孙首席风险官 已确认收到 INC-20261123-001 的升级通知（1 条）");
	}

	@Test
	void onePressAcknowledgesEveryOpenEscalationOfThePersonAndSaysWhichStopped() {
		chat.declare(DBA, "数据库主机", "数据库主机硬件故障"); // ESC:1 declared
		chat.clock.advance(Duration.ofMinutes(5));
		fire(ReminderPlanner.LEVEL); // 14:03: 一般 → 较大, ESC:2
		assertThat(chat.incidents.find(id()).orElseThrow().openEscalations()).containsOnlyKeys(1, 2);
		List<Outbound> acked = chat.press(TECH_MANAGER, button(roomEscalation(sink.delivered, 1), "确认收到"));
		assertThat(texts(acked)).contains("已确认收到，升级通知停止（2 条")
			.contains("周技术部经理 已确认收到 INC-20261123-001 的升级通知（2 条），以下升级不再通知下一级：")
			.contains("• 宣布事件：数据库主机硬件故障，当前级别 一般")
			.contains("• 级别由 一般 升至 较大");
		assertThat(chat.incidents.find(id()).orElseThrow().openEscalations()).isEmpty();
		// each acknowledged message in the room loses its button and shows who and when
		for (int number : List.of(1, 2)) {
			assertThat(roomEscalation(acked, number)).singleElement().satisfies((edit) -> {
				assertThat(EngineHarness.buttons(edit)).isEmpty();
				assertThat(((Outbound.Edit) edit).html()).contains("已由 周技术部经理 于 11-23 14:03 确认收到，不再通知下一级");
			});
		}
		// and so do the addressee's own copies in the web chat
		assertThat(acked)
			.filteredOn((a) -> a instanceof Outbound.Edit edit && edit.chat().chatId().equals("p-zhou-tech"))
			.hasSize(2)
			.allSatisfy((edit) -> assertThat(EngineHarness.buttons(edit)).isEmpty());
	}

	@Test
	void aPressOnAnAcknowledgedDirectMessageTakesItsButtonAway() {
		chat.declare(DBA, "数据库主机", "数据库主机硬件故障");
		Outbound.Send dm = sentTo("900000005").get(0);
		chat.press(TECH_MANAGER, dm.buttons().get(0).get(0));
		ChatRef own = new ChatRef("tg", "900000005", null, false);
		List<Outbound> again = chat.engine
			.handle(new Inbound.Press(own, TECH_MANAGER, "cb-dm", dm.buttons().get(0).get(0).token(), "4711"));
		assertThat(texts(again)).contains("此升级通知已由 周技术部经理 确认");
		assertThat(again).filteredOn((a) -> a instanceof Outbound.Edit edit && edit.chat().equals(own))
			.singleElement()
			.satisfies((edit) -> {
				assertThat(EngineHarness.buttons(edit)).isEmpty();
				assertThat(chat.slots.messageOf(own, ((Outbound.Edit) edit).slot())).contains("4711");
			});
	}

	@Test
	void theRoomHasOneMessagePerEscalationEditedAsItMovesFromTierToTier() {
		// GH-13: every tier was echoed into the room with its own live 确认收到 button
		chat.declare(DBA, "数据库主机", "数据库主机硬件故障");
		chat.clock.advance(Duration.ofMinutes(5));
		fire("ESC:1");
		chat.clock.advance(Duration.ofMinutes(5));
		fire("ESC:1");
		List<Outbound> room = roomEscalation(sink.delivered, 1);
		assertThat(room).hasSize(3).allMatch(Outbound.Edit.class::isInstance);
		assertThat(((Outbound.Edit) room.get(2)).html()).contains("已通知应急领导小组组长、首席风险官（赵总经理、孙首席风险官）");
		assertThat(sink.delivered)
			.filteredOn((a) -> a instanceof Outbound.Send send && send.chat().equals(chat.chat)
					&& !EngineHarness.buttons(send).isEmpty())
			.isEmpty();
		// the tiers' people were told in their own chats
		assertThat(sentTo("900000004")).anyMatch((dm) -> !dm.buttons().isEmpty());
		assertThat(sentTo("900000001")).anyMatch((dm) -> !dm.buttons().isEmpty());
	}

	@Test // GH-13: the end was said twice in the room, once as an edit and once anew, in
			// the same words
	void anEscalationNobodyAcknowledgesEndsOnItsOwnMessageAndAlertsTheRoomOnce() {
		chat.declare(DBA, "数据库主机", "数据库主机硬件故障");
		for (int i = 0; i < 6; i++) { // three tiers, two rounds (escalation.yaml)
			chat.clock.advance(Duration.ofMinutes(5));
			fire("ESC:1");
		}
		List<Outbound> room = roomEscalation(sink.delivered, 1);
		assertThat(((Outbound.Edit) room.get(room.size() - 1)).html()).contains("无人确认，已停止").doesNotContain("经多轮");
		assertThat(((Outbound.Edit) room.get(room.size() - 1)).buttons()).isEmpty();
		assertThat(sink.delivered)
			.filteredOn((a) -> a instanceof Outbound.Send send && send.chat().equals(chat.chat)
					&& send.html().contains("经多轮仍无人确认"))
			.hasSize(1);
		assertThat(chat.incidents.timeline(id())).filteredOn((e) -> e.type() == TimelineType.ESCALATION_EXHAUSTED)
			.hasSize(1);
	}

	@Test // GH-13: after an override to 重大 the clock said "级别由 一般 升至 较大" and escalated it
	void aRuleRiseBelowALeadersHigherLevelIsRecordedButNotEscalated() {
		chat.declare(DBA, "数据库主机", "数据库主机硬件故障");
		chat.command(ReportFlowTests.CRO, "/ack");
		List<Outbound> level = chat.command(EngineHarness.COMMANDER, "/level");
		chat.press(EngineHarness.COMMANDER, button(level, "重大"));
		chat.text(EngineHarness.COMMANDER, "交易所反馈全市场影响");
		int escalations = chat.incidents.find(id()).orElseThrow().openEscalations().size();
		sink.delivered.clear();
		chat.clock.advance(Duration.ofMinutes(6)); // central trading down 5 minutes: 较大
													// by the rule
		fire(ReminderPlanner.LEVEL);
		assertThat(sink.texts()).contains("按规则计算的级别由 一般 升至 较大")
			.contains("现行级别仍为 <b>重大</b>")
			.doesNotContain("级别由 一般 升至 <b>较大</b>");
		assertThat(chat.incidents.timeline(id())).anyMatch((e) -> e.type() == TimelineType.LEVEL_RAISED);
		assertThat(chat.incidents.find(id()).orElseThrow().openEscalations()).hasSize(escalations);
		assertThat(sentTo("900000005")).noneMatch((dm) -> dm.html().contains("升至"));
	}

	@Test
	void aLeadersOverrideIsEscalatedLikeAnyLevelChangeAndShownOnTheCard() {
		// GH-12: the override was recorded and shown, but nobody was told
		chat.declare(DBA, "数据库主机", "数据库主机硬件故障");
		chat.command(ReportFlowTests.CRO, "/ack");
		List<Outbound> level = chat.command(EngineHarness.COMMANDER, "/level");
		chat.press(EngineHarness.COMMANDER, button(level, "重大"));
		sink.delivered.clear();
		List<Outbound> set = chat.text(EngineHarness.COMMANDER, "交易所反馈全市场影响");
		assertThat(texts(set)).contains("级别：<b>重大</b>（人工调整：交易所反馈全市场影响；计算结果 一般）");
		assertThat(sentTo("900000005")).singleElement().satisfies((dm) -> {
			assertThat(dm.html()).contains("级别由 一般 人工调整为 重大（李信息技术部总经理：交易所反馈全市场影响；计算结果 一般）");
			assertThat(dm.buttons().get(0).get(0).label()).isEqualTo("确认收到");
		});
		assertThat(chat.incidents.find(id()).orElseThrow().openEscalations()).hasSize(1);
		// the same override is not escalated again on the next change
		sink.delivered.clear();
		chat.command(DBA, "/note 继续排查");
		assertThat(sentTo("900000005")).isEmpty();
		Assessment.Level now = chat.assessments
			.assess(chat.incidents.find(id()).orElseThrow(),
					EngineHarness.LIBRARY.find("central.db-host-hardware").orElseThrow())
			.level();
		assertThat(now.effective()).isEqualTo(com.warroom.playbooks.Severity.valueOf("MAJOR"));
		assertThat(now.computed().level().label()).isEqualTo("一般");
		assertThat(now.reason()).isEqualTo("交易所反馈全市场影响");
		assertThat(now.by()).isEqualTo("li-it");
	}

}
