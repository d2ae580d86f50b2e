package com.warroom.bot.documents;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.warroom.bot.drill.DrillPlanSource;
import com.warroom.bot.drill.DrillStore;
import com.warroom.bot.incident.Incident;
import com.warroom.bot.roster.Person;
import com.warroom.bot.roster.Roster;
import com.warroom.playbooks.DrillPlan;

/**
 * The plan behind a drill incident (GH-16): the run whose declare inject created it, the
 * plan's criteria measured from their injects' firing, its environment, participants and
 * the run's follow-up items, for the drill record and summary. Thread-safe.
 */
public final class DrillContexts {

	private final DrillStore store;

	private final DrillPlanSource plans;

	private final Roster roster;

	public DrillContexts(DrillStore store, DrillPlanSource plans, Roster roster) {
		this.store = store;
		this.plans = plans;
		this.roster = roster;
	}

	/**
	 * The context of a drill incident declared by a plan's inject; empty for an ad-hoc
	 * drill.
	 */
	public Optional<DrillContext> of(Incident incident) {
		if (!incident.isDrill()) {
			return Optional.empty();
		}
		for (DrillStore.Run run : store.runs()) {
			if (!store.incidents(run.id()).contains(incident.id())) {
				continue;
			}
			Optional<DrillPlan> plan = plans.plans().find(run.planId());
			if (plan.isEmpty()) {
				return Optional.empty();
			}
			return Optional.of(context(run, plan.get(), incident));
		}
		return Optional.empty();
	}

	private DrillContext context(DrillStore.Run run, DrillPlan plan, Incident incident) {
		List<DrillStore.Event> events = store.events(run.id());
		Instant injectAt = null;
		for (DrillStore.Event event : events) {
			if (event.type() == DrillStore.EventType.INJECT && incident.id().equals(event.incident())
					&& injectAt == null) {
				injectAt = event.at();
			}
		}
		List<DrillMeasures.Criterion> criteria = new ArrayList<>();
		for (DrillPlan.Criterion criterion : plan.criteria()) {
			// only the criteria about this incident: those
			// measured from the inject that declared it
			Optional<String> declared = store.incidentOf(run.id(), criterion.fromInject());
			if (declared.isPresent() && !declared.get().equals(incident.id())) {
				continue;
			}
			Instant from = events.stream()
				.filter((event) -> event.type() == DrillStore.EventType.INJECT
						&& criterion.fromInject().equals(event.injectId()))
				.map(DrillStore.Event::at)
				.findFirst()
				.orElse(null);
			criteria.add(new DrillMeasures.Criterion(criterion.text(),
					DrillMeasures.Milestone.valueOf(criterion.milestone().name()), criterion.stepId(),
					criterion.within(), from));
		}
		List<String> participants = new ArrayList<>();
		for (DrillPlan.Participant participant : plan.participants()) {
			List<String> names = participant.people()
				.stream()
				.map((id) -> roster.byId(id).map(Person::name).orElse(id))
				.toList();
			// the drill's record is a Chinese form (4.4 五) whatever the chat's locale:
			// the playbooks' own Chinese labels, as the plan files spell them
			participants.add(participant.role().label() + "：" + String.join("、", names));
		}
		List<String> fixes = store.followUps(run.id())
			.stream()
			.map((item) -> item.text() + "（" + roster.byId(item.owner()).map(Person::name).orElse(item.owner()) + "，"
					+ item.due() + " 前" + (item.done() ? "，已整改" : "") + "）")
			.toList();
		String environment = plan.environment().label()
				+ (plan.environmentNotes().isBlank() ? "" : "：" + plan.environmentNotes().strip());
		List<com.warroom.reports.TimedLine> injects = events.stream()
			.filter((event) -> event.type() == DrillStore.EventType.INJECT && incident.id().equals(event.incident()))
			.map((event) -> new com.warroom.reports.TimedLine(event.at(),
					"注入 " + event.injectId() + (event.detail().isBlank() ? "" : "：" + event.detail())))
			.toList();
		return new DrillContext(injectAt, plan.title(), plan.objective(), environment, criteria, participants, fixes,
				injects);
	}

}
