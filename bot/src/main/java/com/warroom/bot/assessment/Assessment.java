package com.warroom.bot.assessment;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import com.warroom.bot.incident.Incident;
import com.warroom.bot.incident.IncidentStatus;
import com.warroom.bot.incident.TimelineEntry;
import com.warroom.bot.incident.TimelineType;
import com.warroom.playbooks.Grade;
import com.warroom.playbooks.IncidentFacts;
import com.warroom.playbooks.Obligation;
import com.warroom.playbooks.ObligationKind;
import com.warroom.playbooks.Playbook;
import com.warroom.playbooks.ReportMade;
import com.warroom.playbooks.ReportingFacts;
import com.warroom.playbooks.ReportingMode;
import com.warroom.playbooks.ReportingObligations;
import com.warroom.playbooks.Severity;
import com.warroom.playbooks.SeverityGrader;
import org.jspecify.annotations.Nullable;

/**
 * An incident assessed at one instant: the grading facts, the level (computed, and a
 * leader's override), the reports owed with the next one, and when the running clock
 * raises the level next. The grade is computed at once; the reports owed read the
 * timeline's report history, at most once, when first asked. Not thread-safe (one per
 * event).
 */
public final class Assessment {

	/**
	 * The rules an assessment applies.
	 *
	 * @param grader 4.2 第四章's grading
	 * @param reporting the reporting policy and calendar
	 * @param effectiveCustomers the company's effective customers (for the customer
	 * thresholds)
	 * @param overdueAfter {@code OVERDUE_AFTER}: until then a report due at once reads
	 * 应立即报告
	 */
	public record Policy(SeverityGrader grader, ReportingObligations reporting, long effectiveCustomers,
			Duration overdueAfter) {
	}

	/**
	 * The level of an incident, in one place for the card, the board, the clock and the
	 * documents.
	 *
	 * @param effective the level in force: the override when there is one, else the
	 * computed level
	 * @param computed the grade the rules give now
	 * @param override the level a leader or commander set, or null
	 * @param reason the override's reason, or null
	 * @param by the roster id of who set it, or null
	 */
	public record Level(Severity effective, Grade computed, @Nullable Severity override, @Nullable String reason,
			@Nullable String by) {

		public boolean overridden() {
			return override != null;
		}

	}

	/**
	 * The next report an incident owes, as its card states it.
	 *
	 * @param obligation the earliest report owed
	 * @param made how many 定期 and 恢复后 reports were made so far (已报告 N 次)
	 * @param immediate due at once (at the declaration, or a fact just recorded) and not
	 * yet {@code OVERDUE_AFTER} late: the card says 应立即报告 rather than 已超时
	 */
	public record NextReport(Obligation obligation, long made, boolean immediate) {

		/** Past its due time by more than {@code OVERDUE_AFTER}: the card's 已超时. */
		public boolean late() {
			return !immediate && obligation.overdue();
		}

		/** How long past its due time, at {@code now} (zero when not yet due). */
		public Duration lateBy(Instant now) {
			Duration late = Duration.between(obligation.dueAt(), now);
			return late.isNegative() ? Duration.ZERO : late;
		}

	}

	private final Incident incident;

	private final Playbook playbook;

	private final Policy policy;

	private final Instant now;

	private final Supplier<List<TimelineEntry>> timeline;

	private final IncidentFacts facts;

	private final Level level;

	private @Nullable List<ReportMade> history;

	private @Nullable List<Obligation> owed;

	private Assessment(Incident incident, Playbook playbook, Supplier<List<TimelineEntry>> timeline, Policy policy,
			Instant now) {
		this.incident = incident;
		this.playbook = playbook;
		this.policy = policy;
		this.now = now;
		this.timeline = timeline;
		this.facts = facts(incident, playbook, policy, now);
		Grade computed = policy.grader().grade(facts);
		Severity override = incident.levelOverride();
		this.level = new Level((override != null) ? override : computed.level(), computed, override,
				(override != null) ? incident.levelReason() : null,
				(override != null) ? incident.levelState().by() : null);
	}

	/** The incident with its timeline, under {@code policy}, at {@code now}. */
	public static Assessment of(Incident incident, Playbook playbook, List<TimelineEntry> timeline, Policy policy,
			Instant now) {
		return new Assessment(incident, playbook, () -> timeline, policy, now);
	}

	/** The same, with the timeline read only if the reports owed are asked for. */
	static Assessment of(Incident incident, Playbook playbook, Supplier<List<TimelineEntry>> timeline, Policy policy,
			Instant now) {
		return new Assessment(incident, playbook, timeline, policy, now);
	}

	public Incident incident() {
		return incident;
	}

	/**
	 * The grading facts as of now: the clock runs from when the fault occurred (see
	 * {@link #occurredAt}) until recovery, so the grade counts the interruption the
	 * documents state (4.2 第四章: 影响交易时间累计).
	 */
	public IncidentFacts facts() {
		return facts;
	}

	/** The grade the rules give now. */
	public Grade grade() {
		return level.computed();
	}

	/** The level now (see {@link Level}). */
	public Level level() {
		return level;
	}

	/**
	 * When the running clock will raise the level if nothing changes; empty when it
	 * cannot.
	 */
	public Optional<Instant> nextLevelAt() {
		return policy.grader().nextLevelAt(facts, now);
	}

	/** The reporting facts of the incident. */
	public ReportingFacts reportingFacts() {
		return ReportingFacts.of(playbook.reporting(), playbook.systemClass(), incident.startedAt())
			.withRecoveredAt(incident.recoveredAt())
			.withHaltAt(incident.facts().haltAt())
			.withDataIncidentAt(incident.facts().dataAt())
			.withCrimeSuspectedAt(incident.facts().crimeAt())
			.withDataChangedAt(incident.facts().dataLastAt())
			.withAlsoAffected(AffectedSystems.classes(incident, playbook))
			.withRemoteExchangeAccess(remoteExchangeAccess(incident, playbook))
			.withCauseKnown(causeKnown(incident))
			.withMinor(level.effective() == Severity.MINOR);
	}

	/** The reports made, from the timeline. */
	public List<ReportMade> history() {
		if (history == null) {
			history = history(timeline.get());
		}
		return history;
	}

	/** The reports the incident owes now, earliest first. */
	public List<Obligation> owed() {
		if (owed == null) {
			owed = policy.reporting().owed(reportingFacts(), history(), now);
		}
		return owed;
	}

	/** The next report the incident owes; empty when it owes none. */
	public Optional<NextReport> nextReport() {
		Optional<Obligation> next = owed().stream().findFirst();
		if (next.isEmpty()) {
			return Optional.empty();
		}
		long made = history().stream()
			.filter((r) -> r.kind() == ObligationKind.CYCLE || r.kind() == ObligationKind.FINAL)
			.count();
		Obligation obligation = next.get();
		// due "at once" (from the declaration, or a fact just recorded): say so rather
		// than "overdue" a second later; overdue once it is older than OVERDUE_AFTER, as
		// the clock says (GH-13: not "due by the declaration" for ever: an at-once report
		// stayed 应立即报告 and amber on the board after the chat had said 已超时)
		boolean immediate = !obligation.dueAt().isAfter(now)
				&& obligation.dueAt().isAfter(now.minus(policy.overdueAfter()));
		return Optional.of(new NextReport(obligation, made, immediate));
	}

	/** Reports made, from a timeline. */
	public static List<ReportMade> history(List<TimelineEntry> timeline) {
		List<ReportMade> made = new ArrayList<>();
		for (TimelineEntry entry : timeline) {
			if (entry.type() == TimelineType.REPORTED && entry.detail("kind") != null
					&& entry.detail("reportAt") != null) {
				made.add(new ReportMade(ObligationKind.valueOf(entry.detail("kind")),
						Instant.ofEpochMilli(Long.parseLong(entry.detail("reportAt")))));
			}
		}
		return made;
	}

	/**
	 * 发生时间: when the fault occurred, as answered in the {@code /summary} interview when
	 * it is before the discovery (the start), else the discovery itself; never null.
	 */
	public static Instant occurredAt(Incident incident) {
		String value = incident.answer("occurred");
		if (value != null && !value.isBlank() && value.strip().chars().allMatch(Character::isDigit)) {
			Instant occurred = Instant.ofEpochMilli(Long.parseLong(value.strip()));
			return occurred.isBefore(incident.startedAt()) ? occurred : incident.startedAt();
		}
		return incident.startedAt();
	}

	/**
	 * Whether the cause is established: the responders' fact when they set one, else
	 * whether {@code /summary} has a cause (4.2 L10792-10798: the 补充报告 is owed only while
	 * it is not).
	 */
	public static boolean causeKnown(Incident incident) {
		Boolean fact = incident.facts().causeKnown();
		return (fact != null) ? fact : !incident.answer("cause").isBlank();
	}

	/**
	 * Whether the fault involves remote access to exchange systems: the playbook's, or
	 * the responders' fact.
	 */
	public static boolean remoteExchangeAccess(Incident incident, Playbook playbook) {
		Boolean fact = incident.facts().remoteAccess();
		return (fact != null) ? fact : playbook.remoteExchangeAccess();
	}

	private static IncidentFacts facts(Incident incident, Playbook playbook, Policy policy, Instant now) {
		Instant end = (incident.recoveredAt() != null) ? incident.recoveredAt() : now;
		Duration elapsed = Duration.between(occurredAt(incident), end);
		if (elapsed.isNegative()) {
			elapsed = Duration.ZERO;
		}
		return IncidentFacts.of(playbook.systemClass(), policy.effectiveCustomers())
			.withInterruption(incident.interruption())
			.withInvestorsAffected(incident.investorsAffected())
			.withOngoing(incident.status() == IncidentStatus.OPEN)
			.withDataDamaged(incident.facts().damaged())
			.withDataLeaked(incident.facts().leaked())
			.withSettlement(incident.facts().settlement())
			.withClocked(elapsed)
			.withAlsoAffected(AffectedSystems.impacts(incident, playbook, now))
			.withAtOnceReporting(playbook.reporting() == ReportingMode.AT_ONCE);
	}

}
