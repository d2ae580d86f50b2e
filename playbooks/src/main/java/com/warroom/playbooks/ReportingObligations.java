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
 * External reporting starts at the earliest of: at once for playbooks whose own flow says
 * so; per the strictest class rule of the systems the incident touches (at once, after N
 * cycles unresolved, or when a halt is recorded); at once when investor data is damaged
 * or leaked, or a crime is suspected. Each report made restarts the cycle from its time;
 * data damage or a crime recorded later is owed at the moment it is recorded, mid-cycle
 * or after recovery (如有重要情况立即进行报告). A suspected crime also owes the police their own
 * report. After recovery the cycle stops and the report after recovery is owed (when
 * reporting had started); the 12-hour analysis, the 5-working-day summary and (cause
 * unknown) the 30-working-day supplementary report are owed whether or not the incident
 * was reported externally, unless it is 轻微 and the policy sends those to the monthly
 * report.
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
	 * @param now the current time; an obligation is overdue when its due time is before
	 * it
	 */
	public List<Obligation> owed(ReportingFacts facts, List<ReportMade> history, Instant now) {
		List<Obligation> owed = new ArrayList<>();
		ReportingPolicy.ClassRule classRule = strictest(facts);
		Optional<Trigger> trigger = externalTrigger(facts, classRule);
		Instant recovered = facts.recoveredAt();
		List<Instant> cycleReports = times(history, ObligationKind.CYCLE);
		int made = cycleReports.size();
		// an important development (data damaged or leaked, a suspected crime) recorded
		// after the last external report is owed at the moment
		// it was recorded (L15095-15097, L15107-15117)
		Optional<Trigger> late = lateTrigger(facts, times(history, ObligationKind.CYCLE, ObligationKind.FINAL));
		if (trigger.isPresent()) {
			List<String> names = policy.recipientNames(externalRecipients(classRule));
			if (recovered == null) {
				int every = (facts.mode() == ReportingMode.AT_ONCE) ? policy.atOnceScenario().everyCycles()
						: classRule.everyCycles();
				Trigger due = (made == 0) ? trigger.get() : new Trigger(
						cycleReports.get(made - 1).plus(policy.cycle().multipliedBy(every)), trigger.get().rule());
				if (late.isPresent() && late.get().at().isBefore(due.at())) {
					due = late.get();
				}
				owed.add(new Obligation(ObligationKind.CYCLE, made + 1, due.at(), now.isAfter(due.at()), names,
						classRule.approvers(), due.rule()));
			}
			else {
				boolean startedBeforeRecovery = !trigger.get().at().isAfter(recovered);
				if (startedBeforeRecovery && times(history, ObligationKind.FINAL).isEmpty()) {
					owed.add(new Obligation(ObligationKind.FINAL, made + 1, recovered, now.isAfter(recovered), names,
							classRule.approvers(), policy.finalRule()));
				}
				if (late.isPresent() && late.get().at().isAfter(recovered)) {
					owed.add(new Obligation(ObligationKind.CYCLE, made + 1, late.get().at(),
							now.isAfter(late.get().at()), names, classRule.approvers(), late.get().rule()));
				}
			}
		}
		if (facts.crimeSuspectedAt() != null && times(history, ObligationKind.POLICE).isEmpty()) {
			Instant due = facts.crimeSuspectedAt();
			owed.add(new Obligation(ObligationKind.POLICE, 1, due, now.isAfter(due),
					policy.recipientNames(policy.crimeRecipients()), List.of(), policy.crimeRule()));
		}
		if (recovered != null && !(facts.minor() && policy.minorToMonthlyReport())) {
			// owed whether or not the incident was reported externally (4.2 L10659-10671,
			// 4.3 第十二条 L15131-15136)
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
		// without a halt (so without an external cycle)
		// a central fault owes the internal report
		if (trigger.isEmpty() && recovered != null && facts.haltAt() == null
				&& facts.affectedClasses().stream().anyMatch(policy.internalClasses()::contains)
				&& times(history, ObligationKind.INTERNAL).isEmpty()) {
			Instant due = recovered.plus(policy.internalWithin());
			owed.add(new Obligation(ObligationKind.INTERNAL, 1, due, now.isAfter(due), List.of("应急小组联络人"), List.of(),
					policy.internalRule()));
		}
		owed.sort(Comparator.comparing(Obligation::dueAt));
		return List.copyOf(owed);
	}

	/**
	 * When external reporting starts for these facts, with the rule that starts it, or
	 * empty when the incident stays internal (so far).
	 */
	public Optional<Trigger> externalTrigger(ReportingFacts facts) {
		return externalTrigger(facts, strictest(facts));
	}

	/**
	 * The class rule of an incident that touches several systems: the one whose first
	 * report comes earliest (4.2 第四章: an incident is as severe as the worst of its
	 * impacts), its cycle the shortest of those that report, with the recipients and
	 * approvers of every class that reports.
	 */
	ReportingPolicy.ClassRule strictest(ReportingFacts facts) {
		ReportingPolicy.ClassRule own = policy.classes().get(facts.systemClass());
		if (facts.affectedClasses().size() == 1) {
			return own;
		}
		ReportingPolicy.ClassRule first = own;
		Instant earliest = null;
		List<ReportingPolicy.ClassRule> reporting = new ArrayList<>();
		for (SystemClass systemClass : facts.affectedClasses()) {
			ReportingPolicy.ClassRule rule = policy.classes().get(systemClass);
			Optional<Instant> at = classTrigger(facts, rule);
			if (at.isPresent()) {
				reporting.add(rule);
				if (earliest == null || at.get().isBefore(earliest)) {
					earliest = at.get();
					first = rule;
				}
			}
		}
		if (reporting.isEmpty()) {
			return own;
		}
		List<String> recipients = new ArrayList<>();
		List<String> approvers = new ArrayList<>();
		int every = first.everyCycles();
		for (ReportingPolicy.ClassRule rule : reporting) {
			rule.recipients().stream().filter((key) -> !recipients.contains(key)).forEach(recipients::add);
			rule.approvers().stream().filter((key) -> !approvers.contains(key)).forEach(approvers::add);
			every = Math.min(every, rule.everyCycles());
		}
		return new ReportingPolicy.ClassRule(first.first(), first.unresolvedCycles(), every, recipients, approvers,
				first.rule());
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
		if (facts.mode() == ReportingMode.AT_ONCE) {
			triggers.add(new Trigger(facts.startedAt(), policy.atOnceScenario().rule()));
		}
		classTrigger(facts, classRule).ifPresent((at) -> triggers.add(new Trigger(at, classRule.rule())));
		add(triggers, facts.dataIncidentAt(), policy.dataIncidentRule());
		add(triggers, facts.crimeSuspectedAt(), policy.crimeRule());
		return triggers.stream().min(Comparator.comparing(Trigger::at));
	}

	/** When the class rule alone starts external reporting, if it does. */
	private Optional<Instant> classTrigger(ReportingFacts facts, ReportingPolicy.ClassRule classRule) {
		Instant started = facts.startedAt();
		Instant recovered = facts.recoveredAt();
		return switch (classRule.first()) {
			case AT_ONCE -> Optional.of(started);
			case ON_HALT -> Optional.ofNullable(facts.haltAt());
			case AFTER_UNRESOLVED -> {
				Instant due = started.plus(policy.cycle().multipliedBy(classRule.unresolvedCycles()));
				yield (recovered == null || !recovered.isBefore(due)) ? Optional.of(due) : Optional.empty();
			}
			case NONE -> Optional.empty();
		};
	}

	/**
	 * The earliest data or crime trigger not yet answered by an external report made at
	 * or after it, if any.
	 */
	private Optional<Trigger> lateTrigger(ReportingFacts facts, List<Instant> reports) {
		List<Trigger> pending = new ArrayList<>();
		add(pending, facts.dataIncidentAt(), policy.dataIncidentRule());
		add(pending, facts.dataChangedAt(), policy.dataIncidentRule());
		add(pending, facts.crimeSuspectedAt(), policy.crimeRule());
		return pending.stream()
			.filter((trigger) -> reports.stream().noneMatch((report) -> !report.isBefore(trigger.at())))
			.min(Comparator.comparing(Trigger::at));
	}

	private List<String> externalRecipients(ReportingPolicy.ClassRule classRule) {
		if (!classRule.recipients().isEmpty()) {
			return classRule.recipients();
		}
		// a class that never reports on its own (network)
		// still reports data incidents and crimes
		return policy.classes().get(SystemClass.CENTRAL_TRADING).recipients();
	}

	private void addDeadline(List<Obligation> owed, List<ReportMade> history, ObligationKind kind,
			ReportingPolicy.Deadline deadline, List<String> recipients, Instant recovered, Instant now) {
		if (!times(history, kind).isEmpty()) {
			return;
		}
		Instant due;
		List<Integer> missing = List.of();
		if (deadline.within() != null) {
			due = recovered.plus(deadline.within());
		}
		else {
			LocalDate day = recovered.atZone(calendar.zone()).toLocalDate();
			LocalDate last = calendar.plusWorkingDays(day, deadline.workingDays());
			due = last.atTime(policy.deadlineTime()).atZone(calendar.zone()).toInstant();
			// never silently Monday to Friday: the obligation
			// says which years are missing
			missing = calendar.missingYears(day.plusDays(1), last);
		}
		owed.add(new Obligation(kind, 1, due, now.isAfter(due), policy.recipientNames(recipients), List.of(),
				deadline.rule(), missing));
	}

	private static void add(List<Trigger> triggers, @Nullable Instant at, String rule) {
		if (at != null) {
			triggers.add(new Trigger(at, rule));
		}
	}

	private static List<Instant> times(List<ReportMade> history, ObligationKind... kinds) {
		List<ObligationKind> wanted = List.of(kinds);
		return history.stream()
			.filter((report) -> wanted.contains(report.kind()))
			.map(ReportMade::at)
			.sorted()
			.toList();
	}

}
