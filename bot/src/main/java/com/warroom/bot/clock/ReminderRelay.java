package com.warroom.bot.clock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.warroom.bot.assessment.Assessment;
import com.warroom.bot.delivery.Delivery;
import com.warroom.bot.engine.Html;
import com.warroom.bot.engine.IncidentViews;
import com.warroom.bot.engine.Outbound;
import com.warroom.bot.engine.Texts;
import com.warroom.bot.incident.Effects;
import com.warroom.bot.incident.Escalation;
import com.warroom.bot.incident.Incident;
import com.warroom.bot.incident.IncidentStatus;
import com.warroom.bot.incident.IncidentStore;
import com.warroom.bot.incident.TimelineType;
import com.warroom.bot.roster.Roster;
import com.warroom.notify.Reminder;
import com.warroom.notify.ReminderDue;
import com.warroom.playbooks.Grade;
import com.warroom.playbooks.Obligation;
import com.warroom.playbooks.Playbook;
import com.warroom.playbooks.PlaybookLibrary;
import com.warroom.playbooks.Severity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;

/**
 * Turns a fired reminder into messages: to the incident's chat before, at and after the
 * due time; when overdue also to each leader directly. Reads the incident as it is now: a
 * report already made, a recovered or closed incident, or a reminder already sent (after
 * a crash, or by another instance) sends nothing.
 */
public class ReminderRelay {

	private static final Logger log = LoggerFactory.getLogger(ReminderRelay.class);

	/** Later than this after its time, a reminder says it was delayed (by default). */
	private static final Duration LATE = Duration.ofMinutes(1);

	private final Duration lateAfter;

	private final IncidentStore incidents;

	private final PlaybookLibrary library;

	private final IncidentViews views;

	private final ReminderPlanner planner;

	private final Roster roster;

	private final Texts texts;

	private final Delivery delivery;

	private final java.time.Clock clock;

	private final Escalations escalations;

	public ReminderRelay(IncidentStore incidents, PlaybookLibrary library, IncidentViews views, ReminderPlanner planner,
			Roster roster, Texts texts, Delivery delivery, java.time.Clock clock, Escalations escalations) {
		this(incidents, library, views, planner, roster, texts, delivery, clock, escalations, LATE);
	}

	/**
	 * @param lateAfter a reminder that fires later than this after its planned time says
	 * so (with the time it was planned for), and the lateness is logged
	 */
	public ReminderRelay(IncidentStore incidents, PlaybookLibrary library, IncidentViews views, ReminderPlanner planner,
			Roster roster, Texts texts, Delivery delivery, java.time.Clock clock, Escalations escalations,
			Duration lateAfter) {
		this.lateAfter = lateAfter;
		this.clock = clock;
		this.escalations = escalations;
		this.incidents = incidents;
		this.library = library;
		this.views = views;
		this.planner = planner;
		this.roster = roster;
		this.texts = texts;
		this.delivery = delivery;
	}

	@EventListener
	public void on(ReminderDue due) {
		if (ReminderPlanner.LEVEL.equals(due.key())) {
			regrade(due.incidentId());
			planner.changed(due.incidentId());
			return;
		}
		if (due.key().startsWith(ReminderPlanner.APPROVAL)) {
			approvalPending(due);
			return;
		}
		if (due.key().startsWith("ESC:")) {
			escalations.timeout(due.incidentId(), Integer.parseInt(due.key().substring(4))).forEach(this::deliver);
			planner.changed(due.incidentId());
			return;
		}
		Optional<Open> open = owing(due.incidentId());
		if (open.isEmpty()) {
			return;
		}
		Incident incident = open.get().incident();
		Playbook playbook = open.get().playbook();
		Optional<Obligation> obligation = views.assessments()
			.assess(incident, playbook)
			.owed()
			.stream()
			.filter((o) -> ReminderPlanner.key(o).equals(due.key()))
			.findFirst();
		if (obligation.isEmpty()) {
			return;
		}
		if (due.stage() == Reminder.Stage.BEFORE && !clock.instant().isBefore(obligation.get().dueAt())) {
			log.info("{} 的提前提醒 {} 已被到期提醒取代，不再发出", incident.id(), due.key());
			return;
		}
		if (planner.sent(incident.id(), due.key(), due.stage())) {
			return;
		}
		// stored before it is marked sent, named by the reminder: a crash between leaves
		// it unmarked, so it is planned and fired again,
		// and its messages are not stored twice
		Effects.within(cause(incident.id(), due), () -> {
			messages(incident, playbook, obligation.get(), due).forEach(this::deliver);
			return null;
		});
		planner.markSent(incident.id(), due.key(), due.stage());
		if (due.stage() == Reminder.Stage.OVERDUE) {
			planner.changed(incident.id()); // the escalation just raised waits for its
											// acknowledgement
		}
		Duration late = Duration.between(due.scheduledFor(), due.firedAt());
		if (late.compareTo(lateAfter) > 0) {
			log.warn("{} 的提醒已发出：{} {}，原定 {}，晚了 {} 秒", incident.id(), due.key(), due.stage(), due.scheduledFor(),
					late.toSeconds());
		}
		else {
			log.info("{} 的提醒已发出：{} {}", incident.id(), due.key(), due.stage());
		}
	}

	/**
	 * A notification the outbox gave up on: recorded on the timeline, said in the chat,
	 * and escalated — unless it was itself the escalation of a give-up (no endless
	 * chain).
	 */
	@EventListener
	public void on(com.warroom.notify.NotificationGaveUp gaveUp) {
		Optional<Incident> found = incidents.find(gaveUp.incidentId());
		if (found.isEmpty() || found.get().status() == IncidentStatus.CLOSED) {
			return;
		}
		Incident incident = found.get();
		IncidentStore.Result result = incidents.gaveUp(incident, gaveUp.notificationId(), gaveUp.channelType(),
				new IncidentStore.Entry(TimelineType.NOTIFICATION_FAILED, "system", texts.get("system.name"), "clock",
						clock.instant(), java.util.Map.of("title", String.valueOf(gaveUp.title()), "via",
								String.valueOf(gaveUp.channelType()), "detail", String.valueOf(gaveUp.detail()))));
		if (!result.applied()) {
			return;
		}
		boolean direct = escalations.isDirect(gaveUp.channelType());
		String channel = direct ? texts.get("notify.channel." + gaveUp.channelType()) : gaveUp.channelType();
		// truthful: a refusal at the first attempt was not retried; otherwise say how
		// often it was tried
		String text = (gaveUp.refused() && gaveUp.attempts() <= 1)
				? texts.get("notify.refused", incident.id(), Html.escape(channel), Html.escape(gaveUp.title()),
						Html.escape(gaveUp.detail()))
				: texts.get("notify.gaveup", incident.id(), Html.escape(channel), Html.escape(gaveUp.title()),
						Html.escape(gaveUp.detail()),
						(gaveUp.attempts() > 0) ? String.valueOf(gaveUp.attempts()) : "多");
		String[] parts = gaveUp.notificationId().split(":");
		if (direct && parts.length == 3 && parts[1].equals("informed")) {
			// a leader told of the declaration cannot be messaged: said truthfully, and
			// their escalation messages go to their deputy or the next tier at once (the
			// web chat has it)
			escalations.unreachable(incident.id(), parts[2]);
			deliver(new Outbound.Send(incident.chat(), text, List.of(), null, incident.id()));
			return;
		}
		if (direct && parts.length > 2 && parts[1].equals("esc")) {
			// a person the bot cannot message: their deputy
			// or the next tier, never them again (GH-12)
			Escalations.Rerouted rerouted = escalations.undeliverable(incident.id(), gaveUp.notificationId());
			deliver(new Outbound.Send(incident.chat(), text + rerouted.note(), List.of(), null, incident.id()));
			rerouted.actions().forEach(this::deliver);
			planner.changed(incident.id());
			return;
		}
		deliver(new Outbound.Send(incident.chat(), text, List.of(), null, incident.id()));
		String cause = (parts.length > 2 && parts[1].equals("esc") && !parts[2].isEmpty() && parts[2].length() < 10
				&& parts[2].chars().allMatch(Character::isDigit))
						? incident.escalation(Integer.parseInt(parts[2])).map(Escalation::cause).orElse("") : "";
		if (!cause.startsWith("gaveup:")) {
			escalations.raise(incident, "gaveup:" + gaveUp.notificationId(), Html.toPlain(text)).forEach(this::deliver);
			planner.changed(incident.id());
		}
	}

	/**
	 * Compares the computed level with the last one announced; when it rose, records it
	 * on the timeline with its rule and tells the chat and every leader. The first
	 * grading of an incident is only remembered.
	 */
	public void regrade(String incidentId) {
		Optional<Open> open = open(incidentId);
		if (open.isEmpty()) {
			return;
		}
		Incident incident = open.get().incident();
		Playbook playbook = open.get().playbook();
		Grade grade = views.assessments().assess(incident, playbook).grade();
		Severity announced = incident.levelState().announced();
		if (announced == null) {
			incidents.levelAnnounced(incident.id(), grade.level());
			escalations
				.raise(incident, "declared",
						texts.get("escalation.declared", Html.escape(playbook.fullTitle()), texts.label(grade.level())))
				.forEach(this::deliver);
			return;
		}
		announceOverride(incident, playbook);
		if (!grade.level().isHigherThan(announced)) {
			return;
		}
		String seen = announced.name();
		String reason = grade.reasons().get(0).toString();
		// the rise and its announcement in one change
		IncidentStore.Result result = incidents.raiseLevel(incident, grade.level(),
				new IncidentStore.Entry(TimelineType.LEVEL_RAISED, "system", texts.get("system.name"), "clock",
						clock.instant(),
						java.util.Map.of("level", grade.level().name(), "text", reason, "from", seen)));
		if (!result.applied()) {
			incidents.levelAnnounced(incident.id(), grade.level());
			return;
		}
		String drill = incident.isDrill() ? texts.get("reminder.drill") : "";
		Severity override = incident.levelOverride();
		if (override != null && !grade.level().isHigherThan(override)) {
			// a leader's higher level is in force: the rule's rise is on the timeline and
			// said as such, but the level in force did
			// not change, so nobody is escalated again
			deliver(new Outbound.Send(incident.chat(),
					texts.get("level.raised.under.override", drill, incident.id(), texts.label(Severity.valueOf(seen)),
							texts.label(grade.level()), Html.escape(reason), texts.label(override)),
					List.of(), null, incident.id()));
			return;
		}
		String text = texts.get("level.raised", drill, incident.id(), texts.label(Severity.valueOf(seen)),
				texts.label(grade.level()), Html.escape(reason));
		deliver(new Outbound.Send(incident.chat(), text, List.of(), null, incident.id()));
		Incident fresh = incidents.find(incident.id()).orElse(incident);
		deliver(new Outbound.Edit(incident.chat(), incident.id() + ":card", views.card(fresh, playbook), List.of(),
				incident.id()));
		escalations
			.raise(fresh, "level:" + grade.level().name(), texts.get("escalation.level",
					texts.label(Severity.valueOf(seen)), texts.label(grade.level()), Html.escape(reason)))
			.forEach(this::deliver);
	}

	/**
	 * A leader's override is a level change like any other: escalated, tier by tier, once
	 * per override (the card already shows it).
	 */
	private void announceOverride(Incident incident, Playbook playbook) {
		Assessment.Level level = views.assessments().assess(incident, playbook).level();
		if (!level.overridden()) {
			return;
		}
		String mark = level.effective().name() + "|" + level.by() + "|" + level.reason();
		String before = incident.levelState().overrideAnnounced();
		if (mark.equals(before)) {
			return;
		}
		incidents.overrideAnnounced(incident.id(), mark);
		Severity announced = incident.levelState().announced();
		Severity from = (before != null) ? Severity.valueOf(before.substring(0, before.indexOf('|')))
				: (announced != null) ? announced : level.computed().level();
		long changes = incidents.timeline(incident.id())
			.stream()
			.filter((e) -> e.type() == TimelineType.LEVEL_SET)
			.count();
		String by = roster.byId(String.valueOf(level.by())).map((p) -> p.name()).orElse(String.valueOf(level.by()));
		escalations
			.raise(incident, "override:" + changes,
					texts.get("escalation.override", texts.label(from), texts.label(level.effective()), by,
							String.valueOf(level.reason()), texts.label(level.computed().level())))
			.forEach(this::deliver);
	}

	List<Outbound> messages(Incident incident, Playbook playbook, Obligation obligation, ReminderDue due) {
		List<Outbound> actions = new ArrayList<>();
		String drill = incident.isDrill() ? texts.get("reminder.drill") : "";
		String what = texts.get("obligation." + obligation.kind().name());
		String late = due.firedAt().isAfter(due.scheduledFor().plus(lateAfter))
				? texts.get("reminder.late", views.time(due.scheduledFor())) : "";
		String recipients = Html.escape(String.join("、", obligation.recipients()));
		String text = switch (due.stage()) {
			case BEFORE ->
				texts.get("reminder.before", drill, incident.id(), what, String.valueOf(obligation.sequence()),
						views.time(obligation.dueAt()), recipients, Html.escape(obligation.rule()));
			case DUE -> texts.get("reminder.due", drill, incident.id(), what, String.valueOf(obligation.sequence()),
					views.time(obligation.dueAt()), recipients, Html.escape(obligation.rule()));
			case OVERDUE -> texts.get("reminder.overdue", drill, incident.id(), what,
					String.valueOf(obligation.sequence()), views.time(obligation.dueAt()));
		};
		String calendar = obligation.calendarMissing().isEmpty() ? ""
				: texts.get("reminder.calendar", IncidentViews.years(obligation.calendarMissing()));
		actions.add(new Outbound.Send(incident.chat(), text + calendar + late, List.of(), null, incident.id()));
		actions.add(new Outbound.Edit(incident.chat(), incident.id() + ":card", views.card(incident, playbook),
				List.of(), incident.id()));
		if (due.stage() == Reminder.Stage.OVERDUE) {
			actions.addAll(escalations.raise(incident, "overdue:" + due.key(), texts.get("escalation.overdue", what,
					String.valueOf(obligation.sequence()), views.time(obligation.dueAt()))));
		}
		return actions;
	}

	/**
	 * A report book still unsigned after {@code OVERDUE_AFTER}: said in the chat and
	 * escalated.
	 */
	private void approvalPending(ReminderDue due) {
		Optional<Open> open = owing(due.incidentId());
		String key = due.key().substring(ReminderPlanner.APPROVAL.length());
		if (open.isEmpty() || open.get().incident().report(key).reported()
				|| planner.sent(due.incidentId(), due.key(), due.stage())) {
			return;
		}
		Incident incident = open.get().incident();
		String[] parts = key.split(":");
		String what = texts.get("obligation." + parts[0]) + " 第 " + parts[1] + " 次";
		String text = texts.get("approval.pending", incident.id(), Html.escape(what), views.time(due.dueAt()));
		Effects.within(cause(incident.id(), due), () -> {
			deliver(new Outbound.Send(incident.chat(), text, List.of(), null, incident.id()));
			escalations.raise(incident, "approval:" + key, Html.toPlain(text)).forEach(this::deliver);
			return null;
		});
		planner.markSent(incident.id(), due.key(), due.stage());
		planner.changed(incident.id());
	}

	/** An incident that is not closed, with its playbook. */
	private record Open(Incident incident, Playbook playbook) {
	}

	/**
	 * An incident that may still owe reports: open, recovered, or closed with reports
	 * outstanding.
	 */
	private Optional<Open> owing(String incidentId) {
		return incidents.find(incidentId)
			.flatMap((incident) -> library.find(incident.playbookId()).map((playbook) -> new Open(incident, playbook)));
	}

	private Optional<Open> open(String incidentId) {
		return incidents.find(incidentId)
			.filter((incident) -> incident.status() != IncidentStatus.CLOSED)
			.flatMap((incident) -> library.find(incident.playbookId()).map((playbook) -> new Open(incident, playbook)));
	}

	private void deliver(Outbound action) {
		delivery.deliver(action);
	}

	/**
	 * What names a reminder's messages (and its writes) in the outbox: the same reminder
	 * fired again repeats none.
	 */
	static String cause(String incidentId, ReminderDue due) {
		return "rem:" + incidentId + ":" + due.key() + ":" + due.stage();
	}

}
