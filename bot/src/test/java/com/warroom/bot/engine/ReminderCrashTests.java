package com.warroom.bot.engine;

import java.util.ArrayList;
import java.util.List;

import com.warroom.bot.clock.ReminderPlanner;
import com.warroom.bot.incident.Effects;
import com.warroom.notify.Reminder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * GH-11, "a reminder marked sent before its message is stored is lost by a crash
 * between": the relay on the real engine and Redis, with the channel failing while the
 * reminder's messages are handed over (the process dies there), then the reminders
 * re-derived as at start-up and fired again. The messages are handed over before the
 * mark, named by the reminder, so the outbox stores what a second firing produces only
 * once.
 */
class ReminderCrashTests {

	private ClockRig rig;

	private EngineHarness chat;

	private ReminderPlanner planner;

	/**
	 * The Telegram side: fails while {@code failing}, otherwise records each action and
	 * the event naming it.
	 */
	private final class Channel implements com.warroom.bot.delivery.OutboundSink {

		volatile boolean failing;

		final List<Outbound> delivered = new ArrayList<>();

		final List<String> causes = new ArrayList<>();

		@Override
		public String channel() {
			return "tg";
		}

		@Override
		public void deliver(Outbound action) {
			if (failing) {
				throw new IllegalStateException("killed while the reminder's messages were stored");
			}
			delivered.add(action);
			causes.add(Effects.eventId());
		}

	}

	private final Channel channel = new Channel();

	@BeforeEach
	void setUp() {
		rig = ClockRig.deliveringOnlyTo(channel);
		chat = rig.chat;
		planner = rig.planner;
	}

	private String id() {
		return chat.incidents.openIn(chat.chat).get(0).id();
	}

	private void fire(String key, Reminder.Stage stage) {
		rig.fire(id(), key, stage);
	}

	private List<String> reminders() {
		return channel.delivered.stream()
			.filter(Outbound.Send.class::isInstance)
			.map((a) -> ((Outbound.Send) a).html())
			.filter((html) -> html.contains("现在到期"))
			.toList();
	}

	@Test // GH-11: the fault run's known window, clock/ReminderRelay marking before
			// storing
	void aReminderWhoseMessagesWereNotStoredWhenTheProcessDiedIsSentAfterTheRestart() {
		chat.declare(EngineHarness.LIAISON, "网页 篡改", "网页内容被篡改"); // website: reports at
																	// once
		channel.delivered.clear();
		channel.causes.clear();
		channel.failing = true;
		assertThatThrownBy(() -> fire("CYCLE:1", Reminder.Stage.DUE)).hasMessageContaining("killed");
		channel.failing = false;

		// the next start re-derives the reminders from
		// the incident: this one is still owed
		planner.recoverAll();
		fire("CYCLE:1", Reminder.Stage.DUE);

		assertThat(reminders()).hasSize(1);
		assertThat(planner.markSent(id(), "CYCLE:1", Reminder.Stage.DUE)).as("marked once it was handed over")
			.isFalse();
	}

	@Test // GH-11
	void aReminderFiredAgainAfterItWasSentSendsNothingAndItsMessagesAreNamedByTheReminder() {
		chat.declare(EngineHarness.LIAISON, "网页 篡改", "网页内容被篡改");
		channel.delivered.clear();
		channel.causes.clear();
		fire("CYCLE:1", Reminder.Stage.DUE);
		fire("CYCLE:1", Reminder.Stage.DUE);

		assertThat(reminders()).hasSize(1);
		// the outbox names each message by this: a firing
		// cut short after storing stores nothing twice
		assertThat(channel.causes).isNotEmpty().allMatch(("rem:" + id() + ":CYCLE:1:DUE")::equals);
	}

}
