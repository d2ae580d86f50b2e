package com.warroom.bot.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.warroom.bot.chat.Actor;
import com.warroom.bot.clock.Escalations;
import com.warroom.bot.clock.ReminderPlanner;
import com.warroom.bot.clock.ReminderRelay;
import com.warroom.bot.delivery.OutboundSink;
import com.warroom.bot.incident.Incident;
import com.warroom.bot.incident.TimelineEntry;
import com.warroom.notify.Reminder.Stage;
import com.warroom.notify.Reminder;
import com.warroom.notify.ReminderDue;
import com.warroom.notify.ReminderScheduler;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.warroom.bot.engine.EngineHarness.COMMANDER;
import static com.warroom.bot.engine.EngineHarness.DBA;
import static com.warroom.bot.engine.EngineHarness.LIAISON;
import static com.warroom.bot.engine.EngineHarness.button;
import static com.warroom.bot.engine.EngineHarness.texts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The regulator clock with a controlled clock: what is planned, and what a fired reminder
 * says.
 */
class ReminderClockTests {

	/** An in-memory scheduler that remembers the plan. */
	static final class Plans implements ReminderScheduler {

		final Map<String, List<Reminder>> byIncident = new java.util.concurrent.ConcurrentHashMap<>();

		final Map<String, java.time.LocalTime> daily = new HashMap<>();

		@Override
		public void daily(String name, java.time.LocalTime time, java.time.ZoneId zone) {
			daily.put(name, time);
		}

		@Override
		public void replace(String incidentId, Collection<Reminder> reminders) {
			List<Reminder> sorted = new ArrayList<>(reminders);
			sorted.sort(Comparator.comparing(Reminder::fireAt).thenComparing(Reminder::stage));
			byIncident.put(incidentId, sorted);
		}

		@Override
		public void cancel(String incidentId) {
			byIncident.remove(incidentId);
		}

		@Override
		public List<Reminder> pending(String incidentId) {
			return byIncident.getOrDefault(incidentId, List.of());
		}

	}

	/** Records what a channel would deliver. */
	static final class Sink implements OutboundSink {

		final List<Outbound> delivered = new ArrayList<>();

		private final String channel;

		Sink(String channel) {
			this.channel = channel;
		}

		@Override
		public String channel() {
			return channel;
		}

		@Override
		public void deliver(Outbound action) {
			delivered.add(action);
		}

		String texts() {
			return EngineHarness.texts(delivered);
		}

	}

	private EngineHarness chat;

	private final Plans plans = new Plans();

	private final Sink sink = new Sink("tg");

	/** The web chat: people's own chats keep what is sent to them. */
	private final Sink web = new Sink("web");

	private ReminderPlanner planner;

	private ReminderRelay relay;

	private Escalations escalations;

	/** Records what the escalations store for the group robots. */
	private final List<String[]> queued = new ArrayList<>();

	private final com.warroom.notify.Outbox outbox = new com.warroom.notify.Outbox() {

		@Override
		public boolean enqueue(String type, String incidentId, com.warroom.notify.spi.Notification n) {
			if (queued.stream().anyMatch((q) -> q[1].equals(n.id()))) {
				return false;
			}
			queued.add(new String[] { type, n.id(), n.target(), n.body() });
			return true;
		}

		@Override
		public int pending() {
			return queued.size();
		}

	};

	@BeforeEach
	void setUp() {
		chat = new EngineHarness(TestRedis.fresh());
		String policy;
		try (var in = getClass().getClassLoader().getResourceAsStream("warroom/escalation.yaml")) {
			policy = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		policy = policy.replace("    duties: [tech-manager]\n",
				"    duties: [tech-manager]\n    channels:\n      - { type: wecom, target: \"http://robot/tier1\" }\n");
		escalations = new Escalations(chat.incidents, chat.roster, chat.tokens, Texts.chinese(),
				Escalations.Policy.parse(policy, Duration.ofMinutes(5)), chat.clock, outbox,
				com.warroom.bot.delivery.TestDirectory.webAndTelegram());
		planner = new ReminderPlanner(chat.incidents, EngineHarness.LIBRARY, chat.assessments, plans, chat.redis,
				chat.clock, Duration.ofMinutes(5), Duration.ofMinutes(5), escalations);
		relay = new ReminderRelay(chat.incidents, EngineHarness.LIBRARY, chat.views, planner, chat.roster,
				Texts.chinese(), com.warroom.bot.delivery.Delivery.of(List.of(sink, web)), chat.clock, escalations);
		chat.also = (id) -> {
			relay.regrade(id);
			planner.changed(id);
		};
	}

	private static Instant at(String shanghaiTime) {
		return java.time.LocalDateTime.parse("2026-11-23T" + shanghaiTime).atZone(EngineHarness.SHANGHAI).toInstant();
	}

	private String id() {
		return chat.incidents.openIn(chat.chat).get(0).id();
	}

	private List<String> plan() {
		return plans.pending(id())
			.stream()
			.filter((r) -> !r.key().equals(ReminderPlanner.LEVEL) && !r.key().startsWith("ESC:"))
			.map((r) -> r.key() + " " + r.stage() + " " + r.fireAt().atZone(EngineHarness.SHANGHAI).toLocalTime())
			.toList();
	}

	private Reminder reminder(String key, Stage stage) {
		return plans.pending(id())
			.stream()
			.filter((r) -> r.key().equals(key) && r.stage() == stage)
			.findFirst()
			.orElseThrow();
	}

	private void fire(Reminder reminder) {
		relay.on(new ReminderDue(reminder.incidentId(), reminder.key(), reminder.stage(), reminder.dueAt(),
				reminder.fireAt(), chat.clock.instant()));
	}

	private void report(Actor who, String option) {
		List<Outbound> which = chat.command(who, "/reported");
		List<Outbound> time = chat.press(who, button(chat.press(who, button(which, option)), "电话"));
		chat.press(who, button(time, "现在"));
	}

	@Test // GH-13
	void aReminderNamesTheReportAndItsDueTimeAndTheRecipientsAreOnTheCardOnly() {
		List<Outbound> declared = chat.declare(LIAISON, "网页 篡改", "网页内容被篡改"); // 13:58,
																				// website,
																				// reports
																				// at once
		String card = declared.stream()
			.filter((a) -> a instanceof Outbound.Edit edit && edit.slot().endsWith(":card"))
			.map((a) -> ((Outbound.Edit) a).html())
			.findFirst()
			.orElseThrow();
		assertThat(card).containsOnlyOnce("报送对象：当地证监局期货处");
		// the level line: the level and the one rule, in
		// a few words; the reasoning is under /level
		String levelLine = card.lines().filter((line) -> line.startsWith("级别：")).findFirst().orElseThrow();
		assertThat(levelLine).contains("/level").hasSizeLessThan(60);
		fire(reminder("CYCLE:1", Stage.DUE));
		Outbound.Send reminder = sink.delivered.stream()
			.filter(Outbound.Send.class::isInstance)
			.map(Outbound.Send.class::cast)
			.filter((send) -> send.html().startsWith("⏰"))
			.findFirst()
			.orElseThrow();
		assertThat(reminder.html()).contains("定期报告 第 1 次现在到期（11-23 13:58）")
			.doesNotContain("报送对象：")
			.doesNotContain("当地证监局期货处");
	}

	@Test
	void anAtOnceIncidentIsRemindedNowAndEscalatedWhenOverdue() {
		chat.declare(LIAISON, "网页 篡改", "网页内容被篡改"); // 13:58, website, reports at once
		assertThat(plan()).containsExactly("CYCLE:1 DUE 13:58:01", "CYCLE:1 OVERDUE 14:03");
		fire(reminder("CYCLE:1", Stage.DUE));
		assertThat(sink.texts()).contains("<b>INC-20261123-001</b> 定期报告 第 1 次现在到期（11-23 13:58）")
			.contains("报送对象：当地证监局期货处")
			.contains("依据：预案处置流程第 4 步");
		chat.clock.advance(Duration.ofMinutes(5));
		sink.delivered.clear();
		fire(reminder("CYCLE:1", Stage.OVERDUE));
		assertThat(sink.texts()).contains("⚠️ <b>INC-20261123-001</b> 定期报告 第 1 次已超时（应于 11-23 13:58 前），已逐级升级通知")
			.contains("已通知技术部负责人（周技术部经理）：定期报告 第 1 次已超时");
		// the first tier is told directly, with a button to acknowledge
		assertThat(sink.delivered)
			.filteredOn((a) -> a instanceof Outbound.Send send && send.chat().chatId().equals("900000005"))
			.singleElement()
			.satisfies((dm) -> assertThat(((Outbound.Send) dm).buttons().get(0).get(0).label()).isEqualTo("确认收到"));
		// and in their own web chat, with the same button
		assertThat(web.delivered)
			.filteredOn((a) -> a instanceof Outbound.Send send && send.chat().chatId().equals("p-zhou-tech")
					&& send.html().contains("已超时"))
			.singleElement()
			.satisfies((dm) -> assertThat(EngineHarness.buttons(dm).get(0).get(0).label()).isEqualTo("确认收到"));
		// and the escalation waits ACK_TIMEOUT for
		// an acknowledgement before the next tier
		assertThat(plans.pending(id())).filteredOn((r) -> r.key().startsWith("ESC:"))
			.extracting(Reminder::fireAt)
			.contains(at("14:08:00"));
		// a reminder fired twice (a retry after a crash,
		// another instance) sends nothing more
		sink.delivered.clear();
		fire(new Reminder(id(), "CYCLE:1", Stage.OVERDUE, chat.clock.instant(), at("13:58:00")));
		assertThat(sink.delivered).isEmpty();
	}

	@Test
	void eachReportRestartsTheCycleAndSentRemindersAreNotPlannedAgain() {
		chat.declare(LIAISON, "网页 篡改", "网页内容被篡改");
		fire(reminder("CYCLE:1", Stage.DUE)); // at-once DUE sent
		chat.clock.advance(Duration.ofMinutes(7)); // 14:05
		report(LIAISON, "定期报告 第 1 次（11-23 13:58 前）");
		assertThat(plan()).containsExactly("CYCLE:2 BEFORE 14:30", "CYCLE:2 DUE 14:35", "CYCLE:2 OVERDUE 14:40");
		chat.clock.advance(Duration.ofMinutes(25)); // 14:30
		fire(reminder("CYCLE:2", Stage.BEFORE));
		assertThat(sink.texts()).contains("定期报告 第 2 次将于 11-23 14:35 到期");
		chat.command(DBA, "/note 触发重新安排");
		chat.command(DBA, "/status");
		chat.press(DBA, button(chat.command(DBA, "/steps"), "完成")); // a step changes the
																	// incident: re-plan
		assertThat(plan()).containsExactly("CYCLE:2 DUE 14:35", "CYCLE:2 OVERDUE 14:40");
	}

	@Test
	void aReminderForAReportAlreadyMadeSaysNothing() {
		chat.declare(LIAISON, "网页 篡改", "网页内容被篡改");
		Reminder due = reminder("CYCLE:1", Stage.DUE);
		chat.clock.advance(Duration.ofMinutes(2));
		report(LIAISON, "定期报告 第 1 次（11-23 13:58 前）");
		sink.delivered.clear();
		fire(due);
		assertThat(sink.delivered).isEmpty();
	}

	@Test
	void recoveryStopsTheCycleAndPlansThePostEventDeadlines() {
		chat.declare(LIAISON, "网页 篡改", "网页内容被篡改");
		chat.clock.advance(Duration.ofMinutes(40)); // 14:38
		chat.recovered(DBA);
		assertThat(plan())
			.contains("FINAL:1 DUE 14:38:01", "ANALYSIS:1 BEFORE 00:38", "ANALYSIS:1 DUE 02:38",
					"SUMMARY:1 BEFORE 23:59", "SUPPLEMENTARY:1 BEFORE 23:59")
			.noneMatch((line) -> line.startsWith("CYCLE"));
		Incident incident = chat.incidents.find(id()).orElseThrow();
		List<String> owed = plan();
		List<Outbound> ask = chat.command(COMMANDER, "/close");
		chat.press(COMMANDER, button(ask, "确认关闭"));
		// GH-12: closing ends the handling, not the
		// obligations (it used to cancel them all)
		assertThat(plans.pending(incident.id()))
			.extracting(
					(r) -> r.key() + " " + r.stage() + " " + r.fireAt().atZone(EngineHarness.SHANGHAI).toLocalTime())
			.containsExactlyElementsOf(owed);
	}

	@Test
	void theLevelRisesTheMomentAThresholdPassesAndLeadersAreTold() {
		chat.declare(DBA, "数据库主机", "数据库主机硬件故障"); // 200,000 customers, extent unknown =
													// full
		Reminder level = plans.pending(id())
			.stream()
			.filter((r) -> r.key().equals(ReminderPlanner.LEVEL))
			.findFirst()
			.orElseThrow();
		assertThat(level.fireAt()).isEqualTo(at("14:03:00"));
		chat.clock.advance(Duration.ofMinutes(5));
		fire(level);
		assertThat(sink.texts()).contains("📈 <b>INC-20261123-001</b> 级别由 一般 升至 <b>较大</b>").contains("依据：4.2 第四章二（二）1");
		assertThat(sink.delivered)
			.filteredOn((a) -> a instanceof Outbound.Send send && send.chat().chatId().equals("900000005")
					&& send.html().contains("级别由 一般 升至 较大"))
			.singleElement()
			.satisfies((dm) -> assertThat(EngineHarness.buttons(dm).get(0).get(0).label()).isEqualTo("确认收到"));
		TimelineEntry raised = chat.incidents.timeline(id())
			.stream()
			.filter((e) -> e.type() == com.warroom.bot.incident.TimelineType.LEVEL_RAISED)
			.findFirst()
			.orElseThrow();
		// GH-14: the entry stores the level's name; the timeline renders its label
		assertThat(raised.detail("level")).isEqualTo("LARGER");
		assertThat(chat.views.timelineText().level(raised)).isEqualTo("较大");
		// next: 重大 at 30 minutes (10万+ customers, full interruption)
		Reminder next = plans.pending(id())
			.stream()
			.filter((r) -> r.key().equals(ReminderPlanner.LEVEL))
			.findFirst()
			.orElseThrow();
		assertThat(next.fireAt()).isEqualTo(at("14:28:00"));
		// firing the same threshold again announces nothing
		sink.delivered.clear();
		fire(level);
		assertThat(sink.delivered).isEmpty();
	}

	private Reminder escalation() {
		return plans.pending(id()).stream().filter((r) -> r.key().startsWith("ESC:")).findFirst().orElseThrow();
	}

	@Test
	void aDeclarationEscalatesTierByTierUntilSomeoneAcknowledges() {
		chat.declare(DBA, "数据库主机", "数据库主机硬件故障");
		Reminder timeout = escalation();
		assertThat(timeout.key()).isEqualTo("ESC:1");
		assertThat(timeout.fireAt()).isEqualTo(at("14:03:00"));
		chat.clock.advance(Duration.ofMinutes(5));
		sink.delivered.clear();
		fire(timeout);
		assertThat(sink.texts()).contains("已通知应急工作小组组长（李信息技术部总经理）");
		assertThat(escalation().fireAt()).isEqualTo(at("14:08:00"));
		Outbound dm = sink.delivered.stream()
			.filter((a) -> a instanceof Outbound.Send send && send.chat().chatId().equals("900000004"))
			.findFirst()
			.orElseThrow();
		List<Outbound> acked = chat.press(EngineHarness.COMMANDER, EngineHarness.buttons(dm).get(0).get(0));
		assertThat(texts(acked)).contains("已确认收到，升级通知停止").contains("李信息技术部总经理 已确认收到 INC-20261123-001");
		// ESC:1 stopped (the press also re-graded:
		// the level rose at 14:03, which is ESC:2)
		assertThat(plans.pending(id())).noneMatch((r) -> r.key().equals("ESC:1"));
		assertThat(texts(chat.press(DBA, EngineHarness.buttons(dm).get(0).get(0)))).contains("此升级通知已由 李信息技术部总经理 确认");
		sink.delivered.clear();
		fire(timeout);
		assertThat(sink.delivered).isEmpty();
		assertThat(chat.incidents.timeline(id())).extracting(TimelineEntry::type)
			.containsSubsequence(com.warroom.bot.incident.TimelineType.ESCALATED,
					com.warroom.bot.incident.TimelineType.ESCALATED,
					com.warroom.bot.incident.TimelineType.ESCALATION_ACKED);
	}

	@Test
	void aTiersGroupRobotGetsThePlainTextThroughTheOutbox() {
		chat.declare(DBA, "数据库主机", "数据库主机硬件故障");
		assertThat(queued).singleElement().satisfies((q) -> {
			assertThat(q[0]).isEqualTo("wecom");
			assertThat(q[1]).isEqualTo("INC-20261123-001:esc:1:1:0:0");
			assertThat(q[2]).isEqualTo("http://robot/tier1");
			assertThat(q[3]).startsWith("INC-20261123-001 技术部负责人\n").contains("宣布事件：数据库主机硬件故障").doesNotContain("<b>");
		});
	}

	@Test
	void withoutAcknowledgementTheRoundsRepeatAndThenStop() {
		chat.declare(DBA, "数据库主机", "数据库主机硬件故障");
		List<String> tiers = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			chat.clock.advance(Duration.ofMinutes(5));
			sink.delivered.clear();
			fire(escalation());
			tiers.add(sink.texts().contains("❗") ? "stop" : sink.texts().replaceAll("(?s).*已通知([^（]*)（.*", "$1"));
		}
		// tiers 2 and 3 of round 1, then round 2 (tiers 1-3), then it stops
		assertThat(tiers).containsExactly("应急工作小组组长", "应急领导小组组长、首席风险官", "技术部负责人", "应急工作小组组长", "应急领导小组组长、首席风险官", "stop");
		assertThat(plans.pending(id())).noneMatch((r) -> r.key().startsWith("ESC:"));
	}

	@Test
	void ackCommandAcknowledgesTheIncidentsOpenEscalations() {
		chat.declare(DBA, "数据库主机", "数据库主机硬件故障");
		assertThat(texts(chat.command(EngineHarness.GM, "/ack"))).contains("赵总经理 已确认收到 INC-20261123-001 的升级通知");
		assertThat(texts(chat.command(EngineHarness.GM, "/ack"))).contains("没有待确认的升级通知");
		assertThat(plans.pending(id())).noneMatch((r) -> r.key().startsWith("ESC:"));
	}

	@Test
	void liaisonsAreRemindedDailyDuringSensitivePeriodsOnly() {
		com.warroom.bot.clock.SensitivePeriods sensitive = new com.warroom.bot.clock.SensitivePeriods(
				"2026-11-20/2026-11-25, 2026-12-31", chat.roster, Texts.chinese(),
				com.warroom.bot.delivery.Delivery.of(List.of(sink, web)),
				com.warroom.bot.delivery.TestDirectory.webAndTelegram(), chat.redis, EngineHarness.SHANGHAI);
		sensitive.schedule(plans, java.time.LocalTime.of(9, 0));
		assertThat(plans.daily).containsEntry("sensitive-periods", java.time.LocalTime.of(9, 0));
		sensitive.on(new com.warroom.notify.DailyTick("sensitive-periods", at("09:00:00")));
		assertThat(sink.delivered).singleElement().satisfies((dm) -> {
			assertThat(((Outbound.Send) dm).chat().chatId()).isEqualTo("900000009");
			assertThat(((Outbound.Send) dm).html()).contains("敏感时期（2026-11-20 至 2026-11-25）")
				.contains("今日（2026-11-23）");
		});
		assertThat(web.delivered).singleElement()
			.satisfies((dm) -> assertThat(((Outbound.Send) dm).chat().chatId()).isEqualTo("p-feng-liaison"));
		sensitive.on(new com.warroom.notify.DailyTick("sensitive-periods", at("09:00:05")));
		assertThat(sink.delivered).hasSize(1);
		sensitive.on(new com.warroom.notify.DailyTick("sensitive-periods", Instant.parse("2026-11-27T01:00:00Z")));
		assertThat(sink.delivered).hasSize(1);
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> new com.warroom.bot.clock.SensitivePeriods("2026-12-10/2026-12-01", chat.roster,
					Texts.chinese(), com.warroom.bot.delivery.Delivery.of(List.of(sink)),
					com.warroom.bot.delivery.TestDirectory.webAndTelegram(), chat.redis, EngineHarness.SHANGHAI))
			.withMessageContaining("2026-12-10/2026-12-01");
	}

	@Test
	void aReportBookLeftUnsignedIsEscalated() {
		chat.declare(LIAISON, "数据库主机", "数据库主机硬件故障");
		List<Outbound> which = chat.command(LIAISON, "/reported");
		List<Outbound> time = chat.press(LIAISON,
				button(chat.press(LIAISON, button(which, "定期报告 第 1 次（11-23 13:58 前）")), "电话"));
		chat.press(LIAISON, button(time, "现在"));
		Reminder pending = reminder("APPR:CYCLE:1", Stage.OVERDUE);
		assertThat(pending.fireAt()).isEqualTo(at("14:03:00"));
		chat.clock.advance(Duration.ofMinutes(5));
		sink.delivered.clear();
		fire(pending);
		assertThat(sink.texts()).contains("⏳ <b>INC-20261123-001</b> 定期报告 第 1 次报告书自 11-23 13:58 起待签发，仍未签发")
			.contains("已通知技术部负责人");
		sink.delivered.clear();
		fire(pending);
		assertThat(sink.delivered).isEmpty();
		assertThat(plans.pending(id())).noneMatch((r) -> r.key().startsWith("APPR:"));
	}

	@Test
	void aCentralFaultWithoutHaltIsInternalAndByClassFaultsWaitThirtyMinutes() {
		chat.declare(DBA, "至交易所 SDH 专线", "至交易所网络故障 / 至交易所某条 SDH 专线故障"); // by-class
																		// central,
																		// no halt
		assertThat(plan()).isEmpty();
		chat.recovered(DBA);
		// GH-10: the 12-hour analysis and the 5-working-day summary are owed without any
		// external report too (4.2 L10659-10671, 4.3 第十二条 L15131-15136); the cause is not
		// known, so the supplementary report as well (L10792-10798)
		assertThat(plan()).filteredOn((line) -> !line.startsWith("SUPPLEMENTARY"))
			.containsExactly("INTERNAL:1 BEFORE 14:08", "INTERNAL:1 DUE 14:13", "INTERNAL:1 OVERDUE 14:18",
					"ANALYSIS:1 BEFORE 23:58", "ANALYSIS:1 DUE 01:58", "ANALYSIS:1 OVERDUE 02:03",
					"SUMMARY:1 BEFORE 23:59", "SUMMARY:1 DUE 23:59", "SUMMARY:1 OVERDUE 00:04");
		assertThat(plan()).filteredOn((line) -> line.startsWith("SUPPLEMENTARY")).hasSize(3);
	}

	@Test
	void aReminderOfADeadlineInAYearTheCalendarLacksSaysSo() {
		// GH-10: 30 working days after 2026-11-23 run
		// into 2027, which the bundled calendar lacks
		chat.declare(DBA, "数据库主机", "数据库主机硬件故障");
		chat.recovered(DBA);
		Reminder supplementary = reminder("SUPPLEMENTARY:1", Stage.DUE);
		Reminder summary = reminder("SUMMARY:1", Stage.DUE);
		sink.delivered.clear();
		fire(summary);
		// the reminder itself (the card edited with it
		// shows the supplementary report's warning)
		assertThat(EngineHarness.texts(sink.delivered.subList(0, 1))).contains("事件总结报告").doesNotContain("工作日历未配置");
		sink.delivered.clear();
		fire(supplementary);
		assertThat(EngineHarness.texts(sink.delivered.subList(0, 1))).contains("补充报告")
			.contains("⚠️ 2027 年的工作日历未配置：截止时间按周一至周五计算，可能有误，请按当年国务院节假日安排补充日历（CALENDAR_FILE）。");
	}

}
