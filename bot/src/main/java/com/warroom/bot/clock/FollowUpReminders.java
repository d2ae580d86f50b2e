package com.warroom.bot.clock;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

import com.warroom.bot.chat.ChatRef;
import com.warroom.bot.delivery.Delivery;
import com.warroom.bot.drill.DrillStore;
import com.warroom.bot.engine.Html;
import com.warroom.bot.engine.Outbound;
import com.warroom.bot.engine.Texts;
import com.warroom.bot.roster.Person;
import com.warroom.bot.roster.Roster;
import com.warroom.notify.DailyTick;
import com.warroom.notify.ReminderScheduler;

/**
 * Reminds the owners of open follow-up items (4.7 三) every day from the day before their
 * due date until they are closed: a durable daily Quartz schedule ({@link #SCHEDULE}), to
 * each owner's private chats (Telegram when known, and the web chat). Thread-safe.
 */
public class FollowUpReminders {

	/** The name of the daily schedule. */
	public static final String SCHEDULE = "drill-followups";

	private static final ResourceBundle BUNDLE = Texts.bundle("warroom.drills", Locale.SIMPLIFIED_CHINESE);

	private final DrillStore store;

	private final Roster roster;

	private final Delivery router;

	private final ZoneId zone;

	public FollowUpReminders(DrillStore store, Roster roster, Delivery router, ZoneId zone) {
		this.store = store;
		this.roster = roster;
		this.router = router;
		this.zone = zone;
	}

	public void schedule(ReminderScheduler scheduler, java.time.LocalTime at) {
		scheduler.daily(SCHEDULE, at, zone);
	}

	@org.springframework.context.event.EventListener
	public void on(DailyTick tick) {
		if (SCHEDULE.equals(tick.name())) {
			remind(tick.firedAt().atZone(zone).toLocalDate()).forEach(router::deliver);
		}
	}

	/**
	 * The reminders owed on {@code today}: each open item due tomorrow or earlier, to its
	 * owner.
	 */
	public List<Outbound> remind(LocalDate today) {
		List<Outbound> messages = new ArrayList<>();
		for (DrillStore.FollowUp item : store.followUps()) {
			if (item.done() || item.due().isAfter(today.plusDays(1))) {
				continue;
			}
			String late = item.due().isBefore(today) ? BUNDLE.getString("followup.overdue") : "";
			String text = new java.text.MessageFormat(BUNDLE.getString("followup.remind"), Locale.SIMPLIFIED_CHINESE)
				.format(new Object[] { item.number(), Html.escape(item.text()), item.due().toString(), late });
			Person owner = roster.byId(item.owner()).orElse(null);
			if (owner == null) {
				continue;
			}
			messages.add(new Outbound.Send(ChatRef.webPrivate(owner.id()), text, List.of(), null, null));
			if (owner.telegramId() != null) {
				messages.add(new Outbound.Send(new ChatRef("tg", owner.telegramId(), null, false), text, List.of(),
						null, null));
			}
		}
		return messages;
	}

}
