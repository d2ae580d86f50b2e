package com.warroom.bot.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.warroom.bot.clock.Escalations;
import com.warroom.bot.clock.ReminderPlanner;
import com.warroom.bot.clock.ReminderRecovery;
import com.warroom.bot.clock.ReminderRelay;
import com.warroom.notify.Reminder.Stage;
import com.warroom.notify.Reminder;
import com.warroom.notify.ReminderDue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.warroom.bot.engine.EngineHarness.LIAISON;
import static com.warroom.bot.engine.EngineHarness.button;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, "a crash inside the press that records a report stops the reminders": the
 * state changes but the re-planning after the request never runs (a simulated crash); at
 * the next start every open incident's reminders are derived from its state again. The
 * cadence is 4.2 第五章 (L10478-10483: at once, then every 30 minutes) as in
 * {@link ReminderClockTests}; REMINDER_LEAD and OVERDUE_AFTER are 5 minutes.
 */
class ReminderRecoveryTests {

	private EngineHarness chat;

	private final ReminderClockTests.Plans plans = new ReminderClockTests.Plans();

	private final ReminderClockTests.Sink sink = new ReminderClockTests.Sink("tg");

	private Escalations escalations;

	private ReminderPlanner planner;

	private ReminderRelay relay;

	/**
	 * Whether the re-planning after each request runs (false: the process "crashed"
	 * first).
	 */
	private volatile boolean replanning = true;

	private final com.warroom.notify.Outbox outbox = new com.warroom.notify.Outbox() {

		@Override
		public boolean enqueue(String type, String incidentId, com.warroom.notify.spi.Notification n) {
			return true;
		}

		@Override
		public int pending() {
			return 0;
		}

	};

	@BeforeEach
	void setUp() throws Exception {
		chat = new EngineHarness(TestRedis.fresh());
		String policy;
		try (var in = getClass().getClassLoader().getResourceAsStream("warroom/escalation.yaml")) {
			policy = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		}
		escalations = new Escalations(chat.incidents, chat.roster, chat.tokens, Texts.chinese(),
				Escalations.Policy.parse(policy, Duration.ofMinutes(5)), chat.clock, outbox,
				com.warroom.bot.delivery.TestDirectory.webAndTelegram());
		start();
		chat.also = (id) -> {
			if (replanning) {
				relay.regrade(id);
				planner.changed(id);
			}
		};
	}

	/** A new planner and relay on the same stores, as after a restart. */
	private void start() {
		planner = new ReminderPlanner(chat.incidents, EngineHarness.LIBRARY, chat.assessments, plans, chat.redis,
				chat.clock, Duration.ofMinutes(5), Duration.ofMinutes(5), escalations);
		relay = new ReminderRelay(chat.incidents, EngineHarness.LIBRARY, chat.views, planner, chat.roster,
				Texts.chinese(), com.warroom.bot.delivery.Delivery.of(List.of(sink)), chat.clock, escalations);
	}

	private String id() {
		return chat.incidents.openIn(chat.chat).get(0).id();
	}

	private List<String> plan() {
		return plans.pending(id())
			.stream()
			.filter((r) -> r.key().startsWith("CYCLE"))
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

	/**
	 * Declared at 13:58 (at once), the first report made at 14:05 — and the process dies
	 * before it re-plans.
	 */
	private void reportAndCrash() {
		chat.declare(LIAISON, "网页 篡改", "网页内容被篡改");
		fire(reminder("CYCLE:1", Stage.DUE));
		chat.clock.advance(Duration.ofMinutes(7)); // 14:05
		replanning = false;
		List<Outbound> which = chat.command(LIAISON, "/reported");
		List<Outbound> time = chat.press(LIAISON,
				button(chat.press(LIAISON, button(which, "定期报告 第 1 次（11-23 13:58 前）")), "电话"));
		chat.press(LIAISON, button(time, "现在"));
		// the plan still holds the first cycle, nothing of the second
		assertThat(plan()).containsExactly("CYCLE:1 DUE 13:58:01", "CYCLE:1 OVERDUE 14:03");
	}

	@Test
	void atStartTheRemindersOfAReportRecordedJustBeforeACrashArePlanned() {
		reportAndCrash();
		start();
		int recovered = new ReminderRecovery(planner, Duration.ofMinutes(5)).recover();
		assertThat(recovered).isEqualTo(1);
		assertThat(plan()).containsExactly("CYCLE:2 BEFORE 14:30", "CYCLE:2 DUE 14:35", "CYCLE:2 OVERDUE 14:40");
		// planning again changes nothing (idempotent)
		planner.recoverAll();
		assertThat(plan()).containsExactly("CYCLE:2 BEFORE 14:30", "CYCLE:2 DUE 14:35", "CYCLE:2 OVERDUE 14:40");
	}

	@Test
	void aBeforeReminderWhoseTimePassedWhileDownIsSentWithItsOwnTime() {
		reportAndCrash();
		chat.clock.advance(Duration.ofMinutes(27)); // 14:32: down across the BEFORE of
													// 14:30, the due time 14:35 is ahead
		start();
		planner.recoverAll();
		Reminder before = reminder("CYCLE:2", Stage.BEFORE);
		assertThat(before.fireAt()).isEqualTo(Instant.parse("2026-11-23T06:30:00Z")); // its
																						// own
																						// time,
																						// 14:30
		sink.delivered.clear();
		fire(before);
		assertThat(sink.texts()).contains("定期报告 第 2 次将于 11-23 14:35 到期").contains("原定 11-23 14:30 提醒");
	}

	@Test
	void aBeforeReminderIsSupersededOnceItsReportIsDue() {
		reportAndCrash();
		chat.clock.advance(Duration.ofMinutes(31)); // 14:36: down across both the BEFORE
													// and the due time
		start();
		planner.recoverAll();
		assertThat(plan()).containsExactly("CYCLE:2 DUE 14:36:01", "CYCLE:2 OVERDUE 14:40");
		sink.delivered.clear();
		fire(reminder("CYCLE:2", Stage.DUE));
		assertThat(sink.texts()).contains("定期报告 第 2 次现在到期").doesNotContain("将于");
		// a BEFORE still in a job store from before the crash says nothing once the
		// report is due
		sink.delivered.clear();
		fire(new Reminder(id(), "CYCLE:2", Stage.BEFORE, Instant.parse("2026-11-23T06:30:00Z"),
				Instant.parse("2026-11-23T06:35:00Z")));
		assertThat(sink.delivered).isEmpty();
	}

}
