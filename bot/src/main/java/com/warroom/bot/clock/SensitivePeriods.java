package com.warroom.bot.clock;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import com.warroom.bot.chat.ChatRef;
import com.warroom.bot.delivery.Delivery;
import com.warroom.bot.delivery.Directory;
import com.warroom.bot.delivery.Reach;
import com.warroom.bot.engine.Outbound;
import com.warroom.bot.engine.Texts;
import com.warroom.bot.roster.Person;
import com.warroom.bot.roster.Roster;
import com.warroom.bot.roster.RosterRole;
import com.warroom.notify.DailyTick;
import com.warroom.notify.ReminderScheduler;
import org.springframework.context.event.EventListener;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * 敏感时期 (4.2 第五章二（一）): during configured date ranges the liaisons are reminded every day
 * at a configured time to file the daily information-security report. One reminder a day,
 * whichever instance fires it.
 */
public class SensitivePeriods {

	/** The name of the daily schedule. */
	static final String SCHEDULE = "sensitive-periods";

	/** A date range, both ends included. */
	record Period(LocalDate from, LocalDate to) {

		boolean contains(LocalDate day) {
			return !day.isBefore(from) && !day.isAfter(to);
		}

	}

	private final List<Period> periods;

	private final Roster roster;

	private final Texts texts;

	private final Delivery delivery;

	private final Directory directory;

	private final UnifiedJedis redis;

	private final ZoneId zone;

	/**
	 * @param delivery where the reminders go
	 * @param directory the liaisons' own chats
	 */
	public SensitivePeriods(String periods, Roster roster, Texts texts, Delivery delivery, Directory directory,
			UnifiedJedis redis, ZoneId zone) {
		this.periods = parse(periods);
		this.roster = roster;
		this.texts = texts;
		this.delivery = delivery;
		this.directory = directory;
		this.redis = redis;
		this.zone = zone;
	}

	/** Schedules the daily tick when any period is configured. */
	public void schedule(ReminderScheduler scheduler, LocalTime at) {
		if (!periods.isEmpty()) {
			scheduler.daily(SCHEDULE, at, zone);
		}
	}

	@EventListener
	public void on(DailyTick tick) {
		if (!SCHEDULE.equals(tick.name())) {
			return;
		}
		LocalDate today = tick.firedAt().atZone(zone).toLocalDate();
		Period period = periods.stream().filter((p) -> p.contains(today)).findFirst().orElse(null);
		if (period == null
				|| !"OK".equals(redis.set("wr:sensitive:" + today, "1", SetParams.setParams().nx().ex(3 * 86400)))) {
			return;
		}
		String text = texts.get("sensitive.daily", today.toString(), period.from().toString(), period.to().toString());
		for (Person liaison : roster.withRole(RosterRole.LIAISON)) {
			for (Reach reach : directory.reach(liaison)) {
				delivery.deliver(new Outbound.Send(reach.chat(), text, List.of(), null, null));
			}
		}
	}

	/**
	 * The configured period {@code day} falls in, as {@code from/to}; empty outside them
	 * (drill planning, GH-16).
	 */
	public java.util.Optional<String> periodOf(LocalDate day) {
		return periods.stream().filter((p) -> p.contains(day)).findFirst().map((p) -> p.from() + "/" + p.to());
	}

	/**
	 * Reads {@code 2026-12-01/2026-12-10,2027-01-01/2027-01-03} (single days allowed).
	 * @throws IllegalArgumentException naming the bad entry
	 */
	static List<Period> parse(String text) {
		List<Period> periods = new ArrayList<>();
		for (String part : text.split(",")) {
			String range = part.strip();
			if (range.isEmpty()) {
				continue;
			}
			try {
				String[] ends = range.split("/");
				LocalDate from = LocalDate.parse(ends[0].strip());
				LocalDate to = (ends.length > 1) ? LocalDate.parse(ends[1].strip()) : from;
				if (ends.length > 2 || to.isBefore(from)) {
					throw new IllegalArgumentException("敏感时期范围无效：" + range);
				}
				periods.add(new Period(from, to));
			}
			catch (DateTimeParseException ex) {
				throw new IllegalArgumentException("敏感时期应为 YYYY-MM-DD/YYYY-MM-DD：" + range, ex);
			}
		}
		return List.copyOf(periods);
	}

}
