package com.warroom.bot.documents;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.warroom.bot.engine.IncidentViews;
import com.warroom.bot.engine.TimelineText;
import com.warroom.bot.incident.Incident;
import com.warroom.bot.incident.TimelineEntry;
import com.warroom.bot.incident.TimelineType;
import com.warroom.playbooks.Obligation;
import com.warroom.playbooks.ObligationKind;
import com.warroom.playbooks.ReportMade;
import com.warroom.playbooks.ReportingFacts;
import com.warroom.playbooks.ReportingObligations;
import org.jspecify.annotations.Nullable;

/**
 * What a drill measured (GH-16; 4.1 第三十条 L10075-10077: 模拟故障发生时间, 故障排除时间, 应急决策处置过程记录),
 * derived from the drill's incident and its timeline alone, plus the inject time and the
 * success criteria when a plan gives them. Pure: the same inputs give the same measures.
 * Immutable.
 *
 * @param incidentId the drill's incident
 * @param faultAt 模拟故障发生时间: the inject's firing, else the incident's start
 * @param declaredAt when the drill incident was declared
 * @param declaredBy who declared it (name)
 * @param recoveredAt 故障排除时间, or null when not recovered
 * @param endedAt when the drill ended (closed, else recovered, else the time measured)
 * @param actions each step done, skipped, blocked, confirmed or approved and each
 * decision, in order
 * @param people who did what: name → their actions, in order of first action
 * @param reports each report the drill would have made, with whether it would have been
 * on time
 * @param criteria each success criterion, met or missed
 */
public record DrillMeasures(String incidentId, Instant faultAt, Instant declaredAt, String declaredBy,
		@Nullable Instant recoveredAt, Instant endedAt, List<Action> actions, Map<String, List<String>> people,
		List<Report> reports, List<CriterionResult> criteria) {

	public DrillMeasures {
		Objects.requireNonNull(incidentId, "incidentId");
		actions = List.copyOf(actions);
		people = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(people));
		reports = List.copyOf(reports);
		criteria = List.copyOf(criteria);
	}

	/** What an action was. */
	public enum Kind {

		DONE("完成"), SKIPPED("跳过"), BLOCKED("受阻"), DECISION("决策"), OPERATED("完成操作（待复核）"), CONFIRMED("复核确认"),
		APPROVED("领导批准");

		private final String label;

		Kind(String label) {
			this.label = label;
		}

		public String label() {
			return label;
		}

	}

	/**
	 * One action on a step.
	 *
	 * @param stepId the step
	 * @param title the step's text, abbreviated as on the timeline
	 * @param detail the answer of a decision, the reason of a skip or block; else ""
	 * @param afterFault the time since the simulated fault
	 */
	public record Action(Instant at, Kind kind, String stepId, String title, String detail, String by,
			Duration afterFault) {

	}

	/**
	 * A report the drill would have made.
	 *
	 * @param kind which report
	 * @param sequence 第 N 次 for the cycle reports
	 * @param dueAt when it was due
	 * @param madeAt when the drill recorded it (/reported), or null when it was not
	 * @param onTime made by its due time; false when made late or not made though due
	 * before the end
	 * @param dueAfterEnd due only after the drill ended (e.g. the 12-hour analysis):
	 * neither on time nor late
	 */
	public record Report(ObligationKind kind, int sequence, Instant dueAt, @Nullable Instant madeAt, boolean onTime,
			boolean dueAfterEnd) {

	}

	/** What a criterion measures to. */
	public enum Milestone {

		DECLARED, STEP, DECISION, RECOVERED

	}

	/**
	 * A success criterion in measurable form (附件九 演练成功标准): {@code milestone} reached
	 * within {@code within} of {@code from}.
	 *
	 * @param stepId the step of a {@link Milestone#STEP} or {@link Milestone#DECISION};
	 * else null
	 * @param from when the time starts (the inject), or null for the simulated fault
	 */
	public record Criterion(String text, Milestone milestone, @Nullable String stepId, Duration within,
			@Nullable Instant from) {

	}

	/**
	 * A criterion measured: {@code reachedAt} null when the milestone was never reached.
	 */
	public record CriterionResult(String text, Instant from, @Nullable Instant reachedAt, Duration within,
			boolean met) {

		/** How long it took, or empty when never reached. */
		public Optional<Duration> took() {
			return Optional.ofNullable(reachedAt).map((at) -> Duration.between(from, at));
		}

	}

	/**
	 * Measures a drill.
	 * @param injectAt when the inject that declared it fired, or null (then the
	 * incident's start)
	 * @param facts the incident's reporting facts ({@code IncidentViews.reportingFacts})
	 * @param now the time measured at, for a drill not yet closed
	 * @param words what the timeline's entries say (a skipped or blocked step's reason)
	 */
	public static DrillMeasures of(Incident incident, List<TimelineEntry> timeline, @Nullable Instant injectAt,
			ReportingObligations reporting, ReportingFacts facts, List<Criterion> criteria, Instant now,
			TimelineText words) {
		Instant fault = (injectAt != null) ? injectAt : incident.startedAt();
		Instant ended = (incident.closedAt() != null) ? incident.closedAt()
				: (incident.recoveredAt() != null) ? incident.recoveredAt() : now;
		String declaredBy = timeline.stream()
			.filter((entry) -> entry.type() == TimelineType.DECLARED)
			.findFirst()
			.map(TimelineEntry::personName)
			.orElse(incident.declaredBy());
		List<Action> actions = new ArrayList<>();
		Map<String, List<String>> people = new LinkedHashMap<>();
		people.computeIfAbsent(declaredBy, (name) -> new ArrayList<>()).add("宣布演练事件");
		for (TimelineEntry entry : timeline) {
			Kind kind = kind(entry.type());
			if (kind == null || entry.detail("step") == null) {
				continue;
			}
			String detail = switch (kind) {
				case DECISION -> String.valueOf(Optional.ofNullable(entry.detail("answer")).orElse(""));
				case SKIPPED, BLOCKED -> words.text(entry);
				default -> "";
			};
			String title = Optional.ofNullable(entry.detail("title")).orElse(entry.detail("step"));
			Action action = new Action(entry.at(), kind, entry.detail("step"), title, detail, entry.personName(),
					Duration.between(fault, entry.at()));
			actions.add(action);
			people.computeIfAbsent(entry.personName(), (name) -> new ArrayList<>())
				.add(kind.label() + "：" + title + (detail.isEmpty() ? "" : "（" + detail + "）"));
		}
		timeline.stream()
			.filter((entry) -> entry.type() == TimelineType.RECOVERED)
			.findFirst()
			.ifPresent(
					(entry) -> people.computeIfAbsent(entry.personName(), (name) -> new ArrayList<>()).add("确认系统恢复"));
		List<Report> reports = reports(timeline, reporting, facts, ended);
		List<CriterionResult> results = new ArrayList<>();
		for (Criterion criterion : criteria) {
			Instant from = (criterion.from() != null) ? criterion.from() : fault;
			Instant reached = reached(criterion, incident, actions);
			boolean met = reached != null && !reached.isAfter(from.plus(criterion.within()));
			results.add(new CriterionResult(criterion.text(), from, reached, criterion.within(), met));
		}
		return new DrillMeasures(incident.id(), fault, incident.declaredAt(), declaredBy, incident.recoveredAt(), ended,
				actions, people, reports, results);
	}

	/** The actions of one kind. */
	public List<Action> actions(Kind kind) {
		return actions.stream().filter((action) -> action.kind() == kind).toList();
	}

	private static @Nullable Instant reached(Criterion criterion, Incident incident, List<Action> actions) {
		return switch (criterion.milestone()) {
			case DECLARED -> incident.declaredAt();
			case RECOVERED -> incident.recoveredAt();
			case STEP -> actions.stream()
				.filter((action) -> action.stepId().equals(criterion.stepId()) && action.kind() != Kind.SKIPPED
						&& action.kind() != Kind.BLOCKED && action.kind() != Kind.OPERATED)
				.map(Action::at)
				.findFirst()
				.orElse(null);
			case DECISION -> actions.stream()
				.filter((action) -> action.stepId().equals(criterion.stepId()) && action.kind() == Kind.DECISION)
				.map(Action::at)
				.findFirst()
				.orElse(null);
		};
	}

	/**
	 * Replays the reporting rules over the drill: each report recorded is matched to what
	 * was owed just before it; what was still owed when the drill ended was missed (due
	 * before the end) or not yet due.
	 */
	private static List<Report> reports(List<TimelineEntry> timeline, ReportingObligations reporting,
			ReportingFacts facts, Instant ended) {
		List<Report> reports = new ArrayList<>();
		List<ReportMade> made = new ArrayList<>();
		for (ReportMade report : com.warroom.bot.assessment.Assessment.history(timeline)) {
			Optional<Obligation> owed = reporting.owed(facts, made, report.at())
				.stream()
				.filter((obligation) -> obligation.kind() == report.kind())
				.findFirst();
			int sequence = owed.map(Obligation::sequence).orElse(1);
			Instant due = owed.map(Obligation::dueAt).orElse(report.at());
			reports.add(new Report(report.kind(), sequence, due, report.at(), !report.at().isAfter(due), false));
			made.add(report);
		}
		for (Obligation obligation : reporting.owed(facts, made, ended)) {
			boolean afterEnd = obligation.dueAt().isAfter(ended);
			reports
				.add(new Report(obligation.kind(), obligation.sequence(), obligation.dueAt(), null, false, afterEnd));
		}
		return reports;
	}

	private static @Nullable Kind kind(TimelineType type) {
		return switch (type) {
			case STEP_DONE -> Kind.DONE;
			case STEP_SKIPPED -> Kind.SKIPPED;
			case STEP_BLOCKED -> Kind.BLOCKED;
			case DECISION -> Kind.DECISION;
			case CONFIRMATION_REQUESTED -> Kind.OPERATED;
			case STEP_CONFIRMED -> Kind.CONFIRMED;
			case STEP_APPROVED -> Kind.APPROVED;
			default -> null;
		};
	}

}
