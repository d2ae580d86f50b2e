package com.warroom.bot.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.warroom.bot.assessment.Assessment;
import com.warroom.bot.assessment.Assessments;
import com.warroom.bot.incident.Incident;
import com.warroom.bot.incident.IncidentStatus;
import com.warroom.bot.incident.IncidentStore;
import com.warroom.bot.incident.TimelineEntry;
import com.warroom.bot.incident.TimelineType;
import com.warroom.notify.Reminder;
import com.warroom.notify.ReminderScheduler;
import com.warroom.playbooks.Obligation;
import com.warroom.playbooks.ObligationKind;
import com.warroom.playbooks.Playbook;
import com.warroom.playbooks.PlaybookLibrary;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * Derives an incident's reminders from what it owes: for each report, one
 * {@code REMINDER_LEAD} before it is due (2 hours before the 12-hour analysis, a day
 * before the working-day reports), one at the due time, and one when it is overdue
 * ({@code OVERDUE_AFTER} later), which escalates. Re-planned after every change; a
 * reminder already sent is never planned again. That it was sent is part of the record: a
 * part of the incident ({@link Incident#remindersSent()}), so a Redis wiped or failed
 * over does not make the planner send it again (issue 15); Redis keeps a copy (the atomic
 * first mark).
 */
public class ReminderPlanner {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ReminderPlanner.class);

	/**
	 * The key of the reminder that re-grades the incident when the next threshold passes.
	 */
	public static final String LEVEL = "LEVEL";

	private final IncidentStore incidents;

	private final PlaybookLibrary library;

	private final Assessments assessments;

	private final ReminderScheduler scheduler;

	private final UnifiedJedis redis;

	private final Clock clock;

	private final Duration lead;

	private final Duration overdueAfter;

	private final Escalations escalations;

	public ReminderPlanner(IncidentStore incidents, PlaybookLibrary library, Assessments assessments,
			ReminderScheduler scheduler, UnifiedJedis redis, Clock clock, Duration lead, Duration overdueAfter,
			Escalations escalations) {
		this.escalations = escalations;
		this.incidents = incidents;
		this.library = library;
		this.assessments = assessments;
		this.scheduler = scheduler;
		this.redis = redis;
		this.clock = clock;
		this.lead = lead;
		this.overdueAfter = overdueAfter;
	}

	/**
	 * Re-plans the incident's reminders from what it owes now. Re-plans of one incident
	 * are serialised in this JVM, from the read to the write: one that read the incident
	 * before another raised an escalation and wrote after it took the escalation's timer
	 * away (the due and the overdue reminder of a report fire on two threads when both
	 * are past).
	 */
	public void changed(String incidentId) {
		synchronized (locks[Math.floorMod(incidentId.hashCode(), locks.length)]) {
			replan(incidentId);
		}
	}

	private final Object[] locks = new Object[64];

	{
		for (int i = 0; i < locks.length; i++) {
			locks[i] = new Object();
		}
	}

	private void replan(String incidentId) {
		Optional<Incident> incident = incidents.find(incidentId);
		Optional<Playbook> playbook = incident.flatMap((i) -> library.find(i.playbookId()));
		if (incident.isEmpty() || playbook.isEmpty()) {
			scheduler.cancel(incidentId);
			return;
		}
		List<TimelineEntry> timeline = incidents.timeline(incidentId);
		Assessment assessment = assessments.assess(incident.get(), playbook.get(), timeline);
		if (incident.get().status() == IncidentStatus.CLOSED) {
			// closing ends the handling, not the obligations: what is still owed is
			// reminded and escalated
			List<Obligation> owed = assessment.owed();
			incidents.setOwing(incident.get(), !owed.isEmpty());
			List<Reminder> reminders = plan(incident.get(), owed);
			reminders.addAll(escalations.reminders(incident.get()));
			reminders.addAll(approvals(incident.get(), timeline));
			if (reminders.isEmpty()) {
				scheduler.cancel(incidentId);
			}
			else {
				scheduler.replace(incidentId, reminders);
			}
			return;
		}
		List<Reminder> reminders = plan(incident.get(), assessment.owed());
		reminders.addAll(escalations.reminders(incident.get()));
		reminders.addAll(approvals(incident.get(), timeline));
		assessment.nextLevelAt()
			.ifPresent((at) -> reminders.add(new Reminder(incidentId, LEVEL, Reminder.Stage.DUE, at, at)));
		scheduler.replace(incidentId, reminders);
	}

	/**
	 * Re-plans every open incident from its state (at start-up, and periodically, so an
	 * instance that takes over, or a change whose re-planning a crash cut short, leaves
	 * no reminder unplanned). Idempotent: unchanged reminders are left as they are.
	 * @return how many incidents were re-planned
	 */
	public int recoverAll() {
		return recoverAll(com.warroom.bot.engine.IncidentListener.none());
	}

	/**
	 * As {@link #recoverAll()}, telling {@code first} of each incident before it is
	 * re-planned.
	 */
	public int recoverAll(com.warroom.bot.engine.IncidentListener first) {
		int planned = 0;
		for (Incident incident : incidents.open()) {
			try {
				first.changed(incident.id());
				changed(incident.id());
				planned++;
			}
			catch (RuntimeException ex) {
				log.warn("无法重新安排 {} 的提醒：{}", incident.id(), ex.getClass().getSimpleName(), ex);
			}
		}
		return planned;
	}

	/** The reminders for the reports owed now. */
	List<Reminder> plan(Incident incident, List<Obligation> owed) {
		Instant now = clock.instant();
		List<Reminder> reminders = new ArrayList<>();
		for (Obligation obligation : owed) {
			String key = key(obligation);
			if (!obligation.calendarMissing().isEmpty()) {
				log.warn("{} 的{}截止时间 {} 落在工作日历未配置的 {} 年，已按周一至周五计算，可能有误；请补充日历（CALENDAR_FILE）", incident.id(),
						obligation.kind().label(), obligation.dueAt(), obligation.calendarMissing());
			}
			Instant due = obligation.dueAt();
			Instant before = due.minus(leadFor(obligation.kind()));
			// a "before" reminder whose time passed (the bot was down, or a crash kept it
			// from being planned) is still sent, late and with its own time, unless the
			// due one supersedes it (the scheduler fires a time in the past at once)
			if (due.isAfter(now) && !sent(incident, key, Reminder.Stage.BEFORE)) {
				reminders.add(new Reminder(incident.id(), key, Reminder.Stage.BEFORE, before, due));
			}
			if (!sent(incident, key, Reminder.Stage.DUE)) {
				reminders.add(new Reminder(incident.id(), key, Reminder.Stage.DUE, later(due, now), due));
			}
			if (!sent(incident, key, Reminder.Stage.OVERDUE)) {
				reminders.add(new Reminder(incident.id(), key, Reminder.Stage.OVERDUE,
						later(due.plus(overdueAfter), now), due));
			}
		}
		return reminders;
	}

	/** The key of the reminder that escalates a report book left unsigned. */
	public static final String APPROVAL = "APPR:";

	/**
	 * Report books waiting for 签发: escalate when still unsigned {@code OVERDUE_AFTER}
	 * after the request.
	 */
	private List<Reminder> approvals(Incident incident, List<TimelineEntry> timeline) {
		List<Reminder> reminders = new ArrayList<>();
		for (TimelineEntry entry : timeline) {
			if (entry.type() != TimelineType.REPORT_APPROVAL_REQUESTED) {
				continue;
			}
			String key = entry.detail("kind") + ":" + entry.detail("seq");
			if (incident.report(key).reported() || sent(incident, APPROVAL + key, Reminder.Stage.OVERDUE)) {
				continue;
			}
			Instant at = later(entry.at().plus(overdueAfter), clock.instant());
			reminders.add(new Reminder(incident.id(), APPROVAL + key, Reminder.Stage.OVERDUE, at, entry.at()));
		}
		return reminders;
	}

	/**
	 * Marks a reminder sent, in the incident's record and in Redis; false when it was
	 * sent before (a retry after a crash, or a second instance).
	 */
	public boolean markSent(String incidentId, String key, Reminder.Stage stage) {
		boolean recorded = recorded(incidents.find(incidentId).orElse(null), key, stage);
		if (!recorded) {
			incidents.markReminderSent(incidentId, key + ":" + stage, clock.instant());
		}
		boolean first = "OK".equals(redis.set(sentKey(incidentId, key, stage), "1",
				SetParams.setParams().nx().ex(Duration.ofDays(60).toSeconds())));
		return first && !recorded;
	}

	static String key(Obligation obligation) {
		return obligation.kind().name() + ":" + obligation.sequence();
	}

	/**
	 * Whether a reminder was marked sent (in Redis, or in the record when Redis lost it).
	 */
	boolean sent(String incidentId, String key, Reminder.Stage stage) {
		return redis.exists(sentKey(incidentId, key, stage))
				|| recorded(incidents.find(incidentId).orElse(null), key, stage);
	}

	private boolean sent(Incident incident, String key, Reminder.Stage stage) {
		return recorded(incident, key, stage) || redis.exists(sentKey(incident.id(), key, stage));
	}

	private static boolean recorded(@org.jspecify.annotations.Nullable Incident incident, String key,
			Reminder.Stage stage) {
		return incident != null && incident.remindersSent().contains(key + ":" + stage);
	}

	private Duration leadFor(ObligationKind kind) {
		return switch (kind) {
			case ANALYSIS -> Duration.ofHours(2);
			case SUMMARY, SUPPLEMENTARY -> Duration.ofDays(1);
			default -> lead;
		};
	}

	/**
	 * {@code a}, or — when that is not in the future — one second from now, so the
	 * messages of the action that made the reminder due go out first.
	 */
	private static Instant later(Instant a, Instant now) {
		return a.isAfter(now) ? a : now.plus(SETTLE);
	}

	private static final Duration SETTLE = Duration.ofSeconds(1);

	private static String sentKey(String incidentId, String key, Reminder.Stage stage) {
		return "wr:sent:" + incidentId + ":" + key + ":" + stage;
	}

}
