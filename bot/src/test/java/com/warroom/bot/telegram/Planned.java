package com.warroom.bot.telegram;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

import com.warroom.notify.Outbox;
import com.warroom.notify.Reminder;
import com.warroom.notify.ReminderScheduler;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a running application's clock has planned and what it still has to send (GH-14):
 * the end-to-end tests on the real Quartz read the scheduled reminders and the outboxes
 * instead of sleeping a fixed time, both to know when a reminder falls due and to know
 * that nothing more can come ("sent once").
 */
final class Planned {

	private Planned() {
	}

	/**
	 * The pending reminders (or a drill run's inject timers) of {@code id}, earliest
	 * first.
	 */
	static List<Reminder> pending(ConfigurableApplicationContext app, String id) {
		return app.getBean(ReminderScheduler.class).pending(id);
	}

	/**
	 * The one pending reminder of {@code id} for {@code key} at {@code stage}; fails when
	 * none is planned.
	 */
	static Reminder reminder(ConfigurableApplicationContext app, String id, String key, Reminder.Stage stage) {
		List<Reminder> found = pending(app, id).stream()
			.filter((r) -> r.key().equals(key) && r.stage() == stage)
			.toList();
		assertThat(found).as("%s %s of %s planned", key, stage, id).hasSize(1);
		return found.get(0);
	}

	/**
	 * Sleeps until {@code at} has passed by {@code margin} on the real clock (Quartz's).
	 */
	static void sleepPast(Instant at, Duration margin) {
		FakeBotApi.sleep(Math.max(0, Duration.between(Instant.now(), at.plus(margin)).toMillis()));
	}

	/**
	 * Waits until no pending reminder of {@code id} matches {@code fired} (its job has
	 * run to the end: Quartz removes a fired trigger once its job completed, and a job to
	 * recover or to retry has a trigger of its own) and both outboxes, the Bot API calls
	 * and the notifications, have nothing left to send: what was sent then is all that
	 * will be.
	 */
	static void awaitSettled(ConfigurableApplicationContext app, String id, Predicate<Reminder> fired) {
		TelegramOutbox calls = app.getBean(TelegramOutbox.class);
		Outbox notifications = app.getBean(Outbox.class);
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (System.nanoTime() < deadline) {
			if (pending(app, id).stream().noneMatch(fired) && calls.open() == 0 && notifications.pending() == 0) {
				return;
			}
			FakeBotApi.sleep(20);
		}
		throw new AssertionError("not settled: pending " + pending(app, id) + ", Bot API calls open " + calls.open()
				+ ", notifications pending " + notifications.pending());
	}

	/** Matches the reminder of {@code key} at {@code stage}. */
	static Predicate<Reminder> of(String key, Reminder.Stage stage) {
		return (r) -> r.key().equals(key) && r.stage() == stage;
	}

}
