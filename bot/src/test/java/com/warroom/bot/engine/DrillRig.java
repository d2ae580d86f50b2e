package com.warroom.bot.engine;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import com.warroom.bot.drill.DrillPlanSource;
import com.warroom.bot.drill.DrillStore;
import com.warroom.bot.drill.DrillTiming;
import com.warroom.notify.Reminder;
import com.warroom.notify.ReminderScheduler;
import com.warroom.playbooks.WorkingDayCalendar;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The engine with drill plans (GH-16) on a controlled clock: real Redis, a fresh H2
 * database for the drill store, a plans directory, and in-memory timers that fire like
 * Quartz when {@link #tick} is called (what is due by the clock).
 */
final class DrillRig {

	static final Actor COORDINATOR = EngineHarness.user("900000010");

	final EngineHarness chat = new EngineHarness(TestRedis.fresh());

	final Timers timers = new Timers();

	final DrillStore store;

	final DrillPlanSource plans;

	final ConversationEngine engine;

	/** Every action delivered, in order (commands and fired injects). */
	final List<Outbound> delivered = new ArrayList<>();

	DrillRig(Path plansDir, Function<LocalDate, Optional<String>> sensitive) {
		DriverManagerDataSource db = new DriverManagerDataSource(
				"jdbc:h2:mem:drill-" + java.util.UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
		this.store = new DrillStore(db, EngineHarness.SHANGHAI);
		this.plans = new DrillPlanSource(plansDir, EngineHarness.LIBRARY);
		DrillTiming timing = new DrillTiming(WorkingDayCalendar.bundled(), "09:00-11:30,13:30-15:00", "21:00-02:30",
				sensitive);
		this.engine = new ConversationEngine(chat.services,
				new com.warroom.bot.engine.DrillSetup(plans, store, timers, timing, Map.of("drill-room", "tg:-2002")));
	}

	DrillRig(Path plansDir) {
		this(plansDir, (day) -> Optional.empty());
	}

	static Path plansDir(Path dir, String... files) {
		try {
			for (int i = 0; i + 1 < files.length; i += 2) {
				Files.writeString(dir.resolve(files[i]), files[i + 1], StandardCharsets.UTF_8);
			}
			return dir;
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	/** A command in the group chat, as a channel would handle it. */
	List<Outbound> command(Actor actor, String line) {
		String body = line.substring(1);
		int space = body.indexOf(' ');
		String name = (space < 0) ? body : body.substring(0, space);
		String args = (space < 0) ? "" : body.substring(space + 1);
		return deliver(engine.handle(new Inbound.Command(chat.chat, actor, name, args, null)));
	}

	/** Fires the timers due by the clock, as Quartz would: each run's due timer once. */
	List<Outbound> tick() {
		List<Outbound> all = new ArrayList<>();
		Instant now = chat.clock.instant();
		for (String run : new ArrayList<>(timers.pending.keySet())) {
			List<Reminder> due = timers.pending(run).stream().filter((r) -> !r.fireAt().isAfter(now)).toList();
			if (!due.isEmpty()) {
				all.addAll(deliver(engine.fireDrill(run)));
			}
		}
		return all;
	}

	private List<Outbound> deliver(List<Outbound> actions) {
		delivered.addAll(actions);
		engine.settled(actions);
		return actions;
	}

	static String texts(List<Outbound> actions) {
		return EngineHarness.texts(actions);
	}

	/** Timers in memory, as the Quartz scheduler keeps them (one group per run). */
	static final class Timers implements ReminderScheduler {

		final Map<String, List<Reminder>> pending = new ConcurrentHashMap<>();

		final List<String> cancelled = new ArrayList<>();

		@Override
		public void replace(String incidentId, Collection<Reminder> reminders) {
			if (reminders.isEmpty()) {
				pending.remove(incidentId);
			}
			else {
				pending.put(incidentId, List.copyOf(reminders));
			}
		}

		@Override
		public void cancel(String incidentId) {
			pending.remove(incidentId);
			cancelled.add(incidentId);
		}

		@Override
		public void daily(String name, java.time.LocalTime time, java.time.ZoneId zone) {
		}

		@Override
		public List<Reminder> pending(String incidentId) {
			return pending.getOrDefault(incidentId, List.of());
		}

	}

}
