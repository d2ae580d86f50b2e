package com.warroom.playbooks;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The pure function of the reporting rules: given an incident's facts, the reports
 * already made and the current time, the reports it still owes and when each is due.
 * Thread-safe.
 * <p>
 * External reporting starts at the earliest of: at once for playbooks whose own flow
 * says so; per the class rule (at once, after N cycles unresolved, or when a halt is
 * recorded); at once when investor data is damaged or leaked, or a crime is suspected.
 * Each report made restarts the cycle from its time. After recovery the cycle stops and
 * the report after recovery, the 12-hour analysis, the 5-working-day summary and (cause
 * unknown) the 30-working-day supplementary report are owed.
 */
public final class ReportingObligations {

	private final ReportingPolicy policy;

	private final WorkingDayCalendar calendar;

	public ReportingObligations(ReportingPolicy policy, WorkingDayCalendar calendar) {
		this.policy = Objects.requireNonNull(policy, "policy");
		this.calendar = Objects.requireNonNull(calendar, "calendar");
	}

	public ReportingPolicy policy() {
		return policy;
	}

	/**
	 * The reports still owed, earliest due first.
	 * @param facts the incident's facts
	 * @param history the reports made so far, in any order
	 * @param now the current time; an obligation is overdue when its due time is before it
	 */
	public List<Obligation> owed(ReportingFacts facts, List<ReportMade> history, Instant now) {
		List<Obligation> owed = new ArrayList<>();
		ReportingPolicy.ClassRule classRule = policy.classes().get(facts.systemClass());
		Optional<Trigger> trigger = externalTrigger(facts, classRule);
		Instant recovered = facts.recoveredAt();
		if (trigger.isPresent()) {
			List<String> recipients = new ArrayList<>(externalRecipients(classRule));
			if (facts.crimeSuspectedAt() != null) {
				policy.crimeRecipients().stream().filter((key) -> !recipients.contains(key)).forEach(recipients::add);
			}
			List<String> names = policy.recipientNames(recipients);
			List<Instant> cycleReports = times(history, ObligationKind.CYCLE);
			int made = cycleReports.size();
			if (recovered == null) {
				int every = (facts.mode() == ReportingMode.AT_ONCE) ? policy.atOnceScenario().everyCycles()
						: classRule.everyCycles();
				Instant due = (made == 0) ? trigger.get().at()
						: cycleReports.get(made - 1).plus(policy.cycle().multipliedBy(every));
				owed.add(new Obligation(ObligationKind.CYCLE, made + 1, due, now.isAfter(due), names,
						classRule.approvers(), trigger.get().rule()));
			}
			else {
				if (times(history, ObligationKind.FINAL).isEmpty()) {
					owed.add(new Obligation(ObligationKind.FINAL, made + 1, recovered, now.isAfter(recovered), names,
							classRule.approvers(), policy.finalRule()));
				}
				List<String> analysisRecipients = new ArrayList<>(policy.analysis().recipients());
				if (facts.remoteExchangeAccess()) {
					analysisRecipients.addAll(policy.analysis().extraRecipients());
				}
				addDeadline(owed, history, ObligationKind.ANALYSIS, policy.analysis(), analysisRecipients, recovered, now);
				addDeadline(owed, history, ObligationKind.SUMMARY, policy.summary(), policy.summary().recipients(),
						recovered, now);
				if (!facts.causeKnown()) {
					addDeadline(owed, history, ObligationKind.SUPPLEMENTARY, policy.supplementary(),
							policy.supplementary().recipients(), recovered, now);
				}
			}
		}
		// without a halt (so without an external cycle) a central fault owes the internal report
		if (trigger.isEmpty() && recovered != null && facts.haltAt() == null && policy.internalClasses().contains(facts.systemClass())
				&& times(history, ObligationKind.INTERNAL).isEmpty()) {
			Instant due = recovered.plus(policy.internalWithin());
			owed.add(new Obligation(ObligationKind.INTERNAL, 1, due, now.isAfter(due), List.of("应急小组联络人"),
					List.of(), policy.internalRule()));
		}
		owed.sort(Comparator.comparing(Obligation::dueAt));
		return List.copyOf(owed);
	}

	/**
	 * When external reporting starts for these facts, with the rule that starts it, or
	 * empty when the incident stays internal (so far).
	 */
	public Optional<Trigger> externalTrigger(ReportingFacts facts) {
		return externalTrigger(facts, policy.classes().get(facts.systemClass()));
	}

	/**
	 * The moment external reporting started and the rule that started it.
	 *
	 * @param at when the first report became due
	 * @param rule the citation
	 */
	public record Trigger(Instant at, String rule) {
	}

	private Optional<Trigger> externalTrigger(ReportingFacts facts, ReportingPolicy.ClassRule classRule) {
		List<Trigger> triggers = new ArrayList<>();
		Instant started = facts.startedAt();
		Instant recovered = facts.recoveredAt();
		if (facts.mode() == ReportingMode.AT_ONCE) {
			triggers.add(new Trigger(started, policy.atOnceScenario().rule()));
		}
		switch (classRule.first()) {
			case AT_ONCE -> triggers.add(new Trigger(started, classRule.rule()));
			case ON_HALT -> add(triggers, facts.haltAt(), classRule.rule());
			case AFTER_UNRESOLVED -> {
				Instant due = started.plus(policy.cycle().multipliedBy(classRule.unresolvedCycles()));
				if (recovered == null || !recovered.isBefore(due)) {
					triggers.add(new Trigger(due, classRule.rule()));
				}
			}
			case NONE -> {
			}
		}
		add(triggers, facts.dataIncidentAt(), policy.dataIncidentRule());
		add(triggers, facts.crimeSuspectedAt(), policy.crimeRule());
		return triggers.stream().min(Comparator.comparing(Trigger::at));
	}

	private List<String> externalRecipients(ReportingPolicy.ClassRule classRule) {
		if (!classRule.recipients().isEmpty()) {
			return classRule.recipients();
		}
		// a class that never reports on its own (network) still reports data incidents and crimes
		return policy.classes().get(SystemClass.CENTRAL_TRADING).recipients();
	}

	private void addDeadline(List<Obligation> owed, List<ReportMade> history, ObligationKind kind,
			ReportingPolicy.Deadline deadline, List<String> recipients, Instant recovered, Instant now) {
		if (!times(history, kind).isEmpty()) {
			return;
		}
		Instant due;
		if (deadline.within() != null) {
			due = recovered.plus(deadline.within());
		}
		else {
			LocalDate day = recovered.atZone(calendar.zone()).toLocalDate();
			LocalDate last = calendar.plusWorkingDays(day, deadline.workingDays());
			due = last.atTime(policy.deadlineTime()).atZone(calendar.zone()).toInstant();
		}
		owed.add(new Obligation(kind, 1, due, now.isAfter(due), policy.recipientNames(recipients), List.of(),
				deadline.rule()));
	}

	private static void add(List<Trigger> triggers, @Nullable Instant at, String rule) {
		if (at != null) {
			triggers.add(new Trigger(at, rule));
		}
	}

	private static List<Instant> times(List<ReportMade> history, ObligationKind kind) {
		return history.stream().filter((report) -> report.kind() == kind).map(ReportMade::at).sorted().toList();
	}

}
