package com.warroom.bot.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.warroom.bot.clock.Escalations;
import com.warroom.bot.clock.ReminderPlanner;
import com.warroom.bot.clock.ReminderRelay;
import com.warroom.bot.engine.ReminderClockTests.Plans;
import com.warroom.bot.engine.ReminderClockTests.Sink;
import com.warroom.notify.Reminder;
import com.warroom.notify.ReminderDue;

/**
 * The engine with the regulator clock plugged in, on a controlled clock: the bundled
 * escalation policy, an in-memory plan of reminders, and sinks that record what the
 * channels would deliver (Telegram direct messages go out directly, without an outbox).
 */
final class ClockRig {

	final EngineHarness chat;

	final Plans plans = new Plans();

	final Sink sink = new Sink("tg");

	final Sink web = new Sink("web");

	final ReminderRelay relay;

	final ReminderPlanner planner;

	final Escalations escalations;

	ClockRig() {
		this(java.util.function.UnaryOperator.identity());
	}

	/** With the store wrapped by {@code store}. */
	ClockRig(java.util.function.UnaryOperator<com.warroom.bot.incident.IncidentStore> store) {
		this(store, null);
	}

	/**
	 * Delivering to {@code channel} alone instead of {@link #sink} and {@link #web} (a
	 * channel that fails, say).
	 */
	static ClockRig deliveringOnlyTo(com.warroom.bot.delivery.OutboundSink channel) {
		return new ClockRig(java.util.function.UnaryOperator.identity(), channel);
	}

	private ClockRig(java.util.function.UnaryOperator<com.warroom.bot.incident.IncidentStore> store,
			com.warroom.bot.delivery.OutboundSink only) {
		chat = new EngineHarness(TestRedis.fresh(), store);
		String policy;
		try (var in = getClass().getClassLoader().getResourceAsStream("warroom/escalation.yaml")) {
			policy = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		com.warroom.notify.Outbox outbox = new com.warroom.notify.Outbox() {

			@Override
			public boolean enqueue(String type, String incidentId, com.warroom.notify.spi.Notification n) {
				return true;
			}

			@Override
			public int pending() {
				return 0;
			}

		};
		escalations = new Escalations(chat.incidents, chat.roster, chat.tokens, Texts.chinese(),
				Escalations.Policy.parse(policy, Duration.ofMinutes(5)), chat.clock, outbox,
				com.warroom.bot.delivery.TestDirectory.webAndTelegram());
		planner = new ReminderPlanner(chat.incidents, EngineHarness.LIBRARY, chat.assessments, plans, chat.redis,
				chat.clock, Duration.ofMinutes(5), Duration.ofMinutes(5), escalations);
		relay = new ReminderRelay(chat.incidents, EngineHarness.LIBRARY, chat.views, planner, chat.roster,
				Texts.chinese(),
				com.warroom.bot.delivery.Delivery.of((only != null) ? List.of(only) : List.of(sink, web)), chat.clock,
				escalations);
		chat.also = (id) -> {
			relay.regrade(id);
			planner.changed(id);
		};
	}

	/**
	 * Fires the planned reminder of {@code key} (and {@code stage}, when given) of the
	 * incident.
	 */
	void fire(String incidentId, String key, Reminder.Stage stage) {
		Reminder reminder = plans.pending(incidentId)
			.stream()
			.filter((r) -> r.key().equals(key) && (stage == null || r.stage() == stage))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + key + " " + stage + " in " + plans.pending(incidentId)));
		relay.on(new ReminderDue(reminder.incidentId(), reminder.key(), reminder.stage(), reminder.dueAt(),
				reminder.fireAt(), chat.clock.instant()));
	}

	/** What was sent directly to a Telegram chat. */
	List<Outbound.Send> sentTo(String chatId) {
		List<Outbound.Send> sends = new ArrayList<>();
		for (Outbound action : sink.delivered) {
			if (action instanceof Outbound.Send send && send.chat().chatId().equals(chatId)) {
				sends.add(send);
			}
		}
		return sends;
	}

}
