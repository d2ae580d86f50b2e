package com.warroom.bot.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.warroom.bot.incident.Incident;
import com.warroom.bot.incident.IncidentStore;
import com.warroom.bot.incident.TimelineType;
import com.warroom.bot.incident.IncidentStatus;
import com.warroom.bot.incident.StepState;
import com.warroom.bot.incident.TimelineEntry;
import com.warroom.bot.roster.Roster;
import com.warroom.playbooks.Grade;
import com.warroom.playbooks.IncidentFacts;
import com.warroom.playbooks.Obligation;
import com.warroom.playbooks.ObligationKind;
import com.warroom.playbooks.ReportMade;
import com.warroom.playbooks.Playbook;
import com.warroom.playbooks.ReportingFacts;
import com.warroom.playbooks.ReportingObligations;
import com.warroom.playbooks.SeverityGrader;
import com.warroom.playbooks.Step;
import com.warroom.playbooks.StepKind;
import com.warroom.playbooks.Track;
import com.warroom.playbooks.Severity;
import com.warroom.playbooks.Vocabulary;
import org.jspecify.annotations.Nullable;

/**
 * Renders incidents as chat messages: the incident card, the current step of each
 * track with its buttons, the timeline. Every user-supplied string is escaped.
 */
public class IncidentViews {

	static final int TIMELINE_PAGE = 10;


	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm");

	private final Texts texts;

	private final Roster roster;

	private final Vocabulary vocabulary;

	private final SeverityGrader grader;

	private final ReportingObligations reporting;

	private final ButtonTokens tokens;

	private final Clock clock;

	private final ZoneId zone;

	private final long effectiveCustomers;

	private final IncidentStore incidents;

	/** OVERDUE_AFTER: until then a report due "at once" reads 应立即报告, after it 已超时. */
	private final Duration overdueAfter;

	public IncidentViews(Texts texts, Roster roster, Vocabulary vocabulary, SeverityGrader grader,
			ReportingObligations reporting, ButtonTokens tokens, Clock clock, ZoneId zone, long effectiveCustomers,
			IncidentStore incidents, Duration overdueAfter) {
		this.incidents = incidents;
		this.overdueAfter = overdueAfter;
		this.texts = texts;
		this.roster = roster;
		this.vocabulary = vocabulary;
		this.grader = grader;
		this.reporting = reporting;
		this.tokens = tokens;
		this.clock = clock;
		this.zone = zone;
		this.effectiveCustomers = effectiveCustomers;
	}

	/** The slot of the incident card. */
	static String cardSlot(Incident incident) {
		return incident.id() + ":card";
	}

	/**
	 * The slot of escalation {@code number}'s one message: in the incident's chat (edited
	 * as it moves from tier to tier and when acknowledged) and in each addressee's web chat.
	 */
	public static String escalationSlot(String incidentId, int number) {
		return incidentId + ":esc:" + number;
	}

	static String trackSlot(Incident incident, Track track) {
		return incident.id() + ":" + track.key();
	}

	/**
	 * The grading facts of an incident as of now: the clock runs from when the fault occurred
	 * (see {@link #occurredAt}) until recovery, so the grade counts the interruption the
	 * documents state (4.2 第四章: 影响交易时间累计).
	 */
	public IncidentFacts facts(Incident incident, Playbook playbook) {
		Instant end = (incident.recoveredAt() != null) ? incident.recoveredAt() : clock.instant();
		Duration elapsed = Duration.between(occurredAt(incident), end);
		if (elapsed.isNegative()) {
			elapsed = Duration.ZERO;
		}
		return IncidentFacts.of(playbook.systemClass(), effectiveCustomers)
			.withInterruption(incident.interruption())
			.withInvestorsAffected(incident.investorsAffected())
			.withOngoing(incident.status() == IncidentStatus.OPEN)
			.withDataDamaged(number(incident, "damaged"))
			.withDataLeaked(number(incident, "leaked"))
			.withSettlement(com.warroom.playbooks.Settlement.valueOf(incident.fields().getOrDefault("settlement", "NORMAL")))
			.withClocked(elapsed)
			.withAlsoAffected(AffectedSystems.impacts(incident, playbook, clock.instant()))
			.withAtOnceReporting(playbook.reporting() == com.warroom.playbooks.ReportingMode.AT_ONCE);
	}

	/**
	 * 发生时间: when the fault occurred, as answered in the {@code /summary} interview when it
	 * is before the discovery (the start), else the discovery itself; never null.
	 */
	public static Instant occurredAt(Incident incident) {
		String value = incident.fields().get("sum:occurred");
		if (value != null && !value.isBlank() && value.strip().chars().allMatch(Character::isDigit)) {
			Instant occurred = Instant.ofEpochMilli(Long.parseLong(value.strip()));
			return occurred.isBefore(incident.startedAt()) ? occurred : incident.startedAt();
		}
		return incident.startedAt();
	}

	/**
	 * Whether an escalation goes on after its incident closed: one about a report still owed
	 * (overdue, or its book unsigned) does; the handling's (declaration, level) do not.
	 */
	public static boolean chasedAfterClose(String cause) {
		return cause.startsWith("overdue:") || cause.startsWith("approval:");
	}

	/**
	 * Whether the cause is established: the responders' fact when they set one, else whether
	 * {@code /summary} has a cause (4.2 L10792-10798: the 补充报告 is owed only while it is not).
	 */
	public static boolean causeKnown(Incident incident) {
		String fact = incident.fields().get("causeKnown");
		return (fact != null) ? Boolean.parseBoolean(fact) : !incident.fields().getOrDefault("sum:cause", "").isBlank();
	}

	/** Whether the fault involves remote access to exchange systems: the playbook's, or the responders' fact. */
	public static boolean remoteExchangeAccess(Incident incident, Playbook playbook) {
		String fact = incident.fields().get("remoteAccess");
		return (fact != null) ? Boolean.parseBoolean(fact) : playbook.remoteExchangeAccess();
	}

	/** The facts in one line, for /level. */
	public String describeFacts(Incident incident, Playbook playbook) {
		IncidentFacts facts = facts(incident, playbook);
		StringBuilder line = new StringBuilder(texts.get("facts.line", texts.get("fact.interruption." + facts.interruption().name()),
				texts.get("fact.affected." + facts.investorsAffected()), String.valueOf(facts.investorsDataDamaged()),
				String.valueOf(facts.investorsDataLeaked()), facts.settlement().label(), String.valueOf(effectiveCustomers),
				incident.fields().containsKey("haltAt") ? texts.get("fact.halt.yes") : texts.get("fact.halt.no")));
		for (com.warroom.playbooks.Impact impact : facts.alsoAffected()) {
			line.append(texts.get("facts.system", impact.system().label(), texts.get("fact.interruption." + impact.extent().name()),
					duration(impact.accumulated()),
					texts.get(impact.running() ? "facts.system.running" : "facts.system.ended")));
		}
		line.append(texts.get(remoteExchangeAccess(incident, playbook) ? "facts.remote.yes" : "facts.remote.no"));
		line.append(texts.get(causeKnown(incident) ? "facts.cause.yes" : "facts.cause.no"));
		return line.toString();
	}

	private static long number(Incident incident, String field) {
		try {
			return Long.parseLong(incident.fields().getOrDefault(field, "0"));
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	private static Instant instant(Incident incident, String field) {
		String value = incident.fields().get(field);
		return (value == null || value.isEmpty()) ? null : Instant.ofEpochMilli(Long.parseLong(value));
	}

	/** When the running clock will raise the level if nothing changes; empty when it cannot. */
	public Optional<Instant> nextLevelAt(Incident incident, Playbook playbook) {
		return grader.nextLevelAt(facts(incident, playbook), clock.instant());
	}

	public Grade grade(Incident incident, Playbook playbook) {
		return grader.grade(facts(incident, playbook));
	}

	/**
	 * The level of an incident, in one place for the card, the board, the clock and the
	 * documents: the level in force, the computed grade with its rules, and a leader's
	 * override with its reason and author.
	 *
	 * @param effective the level in force: the override when there is one, else the computed level
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

	/** The level of an incident now (see {@link Level}). */
	public Level level(Incident incident, Playbook playbook) {
		Grade computed = grade(incident, playbook);
		Severity override = incident.levelOverride();
		return new Level((override != null) ? override : computed.level(), computed, override,
				(override != null) ? incident.levelReason() : null,
				(override != null) ? incident.fields().get("levelBy") : null);
	}

	/** The reports the incident owes now, earliest first, given the reports recorded on its timeline. */
	public List<Obligation> owed(Incident incident, Playbook playbook) {
		return owed(incident, playbook, history(incidents.timeline(incident.id())));
	}

	/** The same, for a report history the caller already read. */
	public List<Obligation> owed(Incident incident, Playbook playbook, List<ReportMade> history) {
		return reporting.owed(reportingFacts(incident, playbook), history, clock.instant());
	}

	/** The reporting rules, for replaying them over a drill (GH-16). */
	public ReportingObligations reporting() {
		return reporting;
	}

	public ReportingFacts reportingFacts(Incident incident, Playbook playbook) {
		return ReportingFacts.of(playbook.reporting(), playbook.systemClass(), incident.startedAt())
			.withRecoveredAt(incident.recoveredAt())
			.withHaltAt(instant(incident, "haltAt"))
			.withDataIncidentAt(instant(incident, "dataAt"))
			.withCrimeSuspectedAt(instant(incident, "crimeAt"))
			.withDataChangedAt(instant(incident, "dataLastAt"))
			.withAlsoAffected(AffectedSystems.classes(incident, playbook))
			.withRemoteExchangeAccess(remoteExchangeAccess(incident, playbook))
			.withCauseKnown(causeKnown(incident))
			.withMinor(level(incident, playbook).effective() == Severity.MINOR);
	}

	/** Reports made, from a timeline. */
	public static List<ReportMade> history(List<TimelineEntry> timeline) {
		List<ReportMade> made = new ArrayList<>();
		for (TimelineEntry entry : timeline) {
			if (entry.type() == TimelineType.REPORTED && entry.detail("kind") != null && entry.detail("reportAt") != null) {
				made.add(new ReportMade(ObligationKind.valueOf(entry.detail("kind")),
						Instant.ofEpochMilli(Long.parseLong(entry.detail("reportAt")))));
			}
		}
		return made;
	}

	/** The reports still owed, one per line ({@code • 事件分析总结报告 第 1 次（11-24 02:38 前）}); empty when none. */
	public String owedLines(Incident incident, Playbook playbook) {
		StringBuilder lines = new StringBuilder();
		for (Obligation obligation : owed(incident, playbook)) {
			lines.append(lines.isEmpty() ? "" : "\n").append(texts.get("owed.line",
					texts.get("obligation." + obligation.kind().name()), String.valueOf(obligation.sequence()),
					time(obligation.dueAt())));
		}
		return lines.toString();
	}

	/** The incident card. */
	public String card(Incident incident, Playbook playbook) {
		StringBuilder html = new StringBuilder();
		html.append(texts.get(incident.isDrill() ? "card.title.drill" : "card.title", incident.id())).append('\n');
		html.append(texts.get("card.scenario", Html.escape(playbook.fullTitle()), Html.escape(annex(playbook)))).append('\n');
		Level level = level(incident, playbook);
		Grade grade = level.computed();
		if (level.overridden()) {
			html.append(texts.get("card.level.override", level.effective().label(), Html.escape(String.valueOf(level.reason())),
					grade.level().label(), Html.escape(name(level.by())))).append('\n');
		}
		else {
			html.append(texts.get("card.level", grade.level().label(), Html.escape(shortReason(grade.reasons().get(0))))).append('\n');
		}
		html.append(texts.get("card.status", texts.get("status." + incident.status().name()), elapsed(incident))).append('\n');
		html.append(texts.get("card.declared", Html.escape(name(incident.declaredBy())), time(incident.startedAt()))).append('\n');
		if (incident.status() == IncidentStatus.CLOSED) {
			html.append(texts.get("card.closed", time(incident.closedAt())));
			String owed = owedLines(incident, playbook);
			if (!owed.isEmpty()) {
				html.append('\n').append(texts.get("card.owed", owed));
			}
			return html.toString();
		}
		List<ReportMade> history = history(incidents.timeline(incident.id()));
		Optional<NextReport> next = nextReport(incident, playbook, history);
		if (next.isPresent()) {
			if (next.get().made() > 0) {
				html.append(texts.get("card.reports.made", String.valueOf(next.get().made()))).append('\n');
			}
			Obligation obligation = next.get().obligation();
			boolean immediate = next.get().immediate();
			html.append(texts.get(immediate ? "card.report.now" : obligation.overdue() ? "card.report.overdue" : "card.report",
					texts.get("obligation." + obligation.kind().name()), String.valueOf(obligation.sequence()),
					time(obligation.dueAt()), Html.escape(obligation.rule())));
			if (!obligation.recipients().isEmpty()) {
				html.append(texts.get("card.recipients", Html.escape(String.join("、", obligation.recipients()))));
			}
		}
		else {
			html.append(texts.get("card.report.none"));
		}
		for (Obligation obligation : owed(incident, playbook, history)) {
			if (!obligation.calendarMissing().isEmpty()) {
				html.append(texts.get("card.calendar.missing", years(obligation.calendarMissing()),
						texts.get("obligation." + obligation.kind().name()), time(obligation.dueAt())));
			}
		}
		return html.toString();
	}

	/** Years for a message, e.g. {@code 2027、2028} (no digit grouping). */
	public static String years(List<Integer> years) {
		return String.join("、", years.stream().map(String::valueOf).toList());
	}

	/**
	 * The rule that set the level in a few words, for the card: its section and the first
	 * clause of what it says (the full reasoning is under {@code /level}), e.g.
	 * {@code 4.2 第四章二（二）1 集中交易系统全部中断}.
	 */
	static String shortReason(Grade.Reason reason) {
		String text = reason.text();
		int cut = text.length();
		for (char stop : new char[] { '，', '（', '：', '；', '、' }) {
			int at = text.indexOf(stop);
			if (at > 0 && at < cut) {
				cut = at;
			}
		}
		return reason.rule() + " " + abbreviate(text.substring(0, cut), 16);
	}

	/**
	 * The next report an incident owes, as its card states it.
	 *
	 * @param obligation the earliest report owed
	 * @param made how many 定期 and 恢复后 reports were made so far (已报告 N 次)
	 * @param immediate due at once (at the declaration, or a fact just recorded) and not yet
	 * {@code OVERDUE_AFTER} late: the card says 应立即报告 rather than 已超时
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

	/** The next report an incident owes given its report history; empty when it owes none. */
	public Optional<NextReport> nextReport(Incident incident, Playbook playbook, List<ReportMade> history) {
		Optional<Obligation> next = owed(incident, playbook, history).stream().findFirst();
		if (next.isEmpty()) {
			return Optional.empty();
		}
		long made = history.stream().filter((r) -> r.kind() == ObligationKind.CYCLE || r.kind() == ObligationKind.FINAL).count();
		Obligation obligation = next.get();
		// due "at once" (from the declaration, or a fact just recorded): say so rather than
		// "overdue" a second later; overdue once it is older than OVERDUE_AFTER, as the clock says
		// (GH-13: not "due by the declaration" for ever: an at-once report stayed 应立即报告 and amber
		// on the board after the chat had said 已超时)
		boolean immediate = !obligation.dueAt().isAfter(clock.instant())
				&& obligation.dueAt().isAfter(clock.instant().minus(overdueAfter));
		return Optional.of(new NextReport(obligation, made, immediate));
	}

	/** The current step of a track with its buttons; the track's end when done. */
	public Outbound.Edit trackMessage(Incident incident, Playbook playbook, Track track) {
		List<Step> steps = playbook.track(track);
		Optional<String> cursor = incident.cursor(track);
		String header = texts.get("track.header", texts.get("track." + track.key()), Html.escape(incident.id()));
		if (cursor.isEmpty() || incident.status() == IncidentStatus.CLOSED) {
			String text = cursor.isEmpty() ? texts.get("track.finished") : texts.get("track.closed");
			return new Outbound.Edit(incident.chat(), trackSlot(incident, track), header + "\n" + text, List.of(), incident.id());
		}
		Step step = playbook.step(cursor.get()).orElseThrow();
		int index = steps.indexOf(step) + 1;
		StringBuilder html = new StringBuilder(header).append('\n');
		html.append(texts.get("step.meta", String.valueOf(index), String.valueOf(steps.size()), step.phase().label(),
				Html.escape(vocabulary.roleName(step.role())), texts.get("kind." + step.kind().key())));
		if (step.confirm()) {
			html.append(texts.get("step.confirm.mark"));
		}
		html.append('\n').append(Html.escape(step.text())).append('\n');
		StepState state = incident.stepState(step.id());
		List<List<Button>> buttons = new ArrayList<>();
		Map<String, String> base = Map.of("a", "step", "i", incident.id(), "t", track.key(), "s", step.id());
		if (state.status() == StepState.Status.AWAITING_CONFIRMATION) {
			html.append(texts.get("step.awaiting", Html.escape(name(state.personId()))));
			buttons.add(List.of(tokens.button(texts.get("button.confirm"), with(base, "op", "confirm"))));
			return new Outbound.Edit(incident.chat(), trackSlot(incident, track), html.toString(), buttons, incident.id());
		}
		if (state.status() == StepState.Status.BLOCKED) {
			html.append(texts.get("step.blocked", Html.escape(name(state.personId())),
					Html.escape(incident.fields().getOrDefault("reason:" + step.id(), "")))).append('\n');
		}
		if (step.kind() == StepKind.APPROVAL) {
			html.append(texts.get("step.approval.hint"));
			buttons.add(List.of(tokens.button(texts.get("button.step.approve"), with(base, "op", "approve")),
					tokens.button(texts.get("button.block"), with(base, "op", "block"))));
			return new Outbound.Edit(incident.chat(), trackSlot(incident, track), html.toString(), buttons, incident.id());
		}
		if (step.kind() == StepKind.DECISION) {
			html.append(texts.get("step.question", Html.escape(String.valueOf(step.question()))));
			List<Button> row = new ArrayList<>();
			for (int i = 0; i < step.answers().size(); i++) {
				row.add(tokens.button(step.answers().get(i).label(), with(base, "op", "answer", "n", String.valueOf(i))));
			}
			buttons.add(row);
			buttons.add(List.of(tokens.button(texts.get("button.block"), with(base, "op", "block"))));
		}
		else {
			buttons.add(List.of(tokens.button(texts.get("button.done"), with(base, "op", "done")),
					tokens.button(texts.get("button.skip"), with(base, "op", "skip")),
					tokens.button(texts.get("button.block"), with(base, "op", "block"))));
		}
		return new Outbound.Edit(incident.chat(), trackSlot(incident, track), html.toString(), buttons, incident.id());
	}

	/**
	 * The track's current step at the bottom of the chat: the message shown so far (if any)
	 * is reduced to {@code record}, one line without buttons, and the step is sent afresh
	 * under the same slot, so later edits and presses go to the new one.
	 */
	public List<Outbound> atBottom(MessageSlots slots, Incident incident, Playbook playbook, Track track, String record) {
		Outbound.Edit current = trackMessage(incident, playbook, track);
		List<Outbound> actions = new ArrayList<>();
		Optional<String> old = slots.messageOf(incident.chat(), current.slot());
		if (old.isPresent()) {
			// the record goes to the message that shows the step now, by a slot of its own: the
			// fresh step below takes the track's slot, and may be sent before this edit is
			String alias = current.slot() + "@" + old.get();
			slots.record(incident.chat(), alias, old.get(), null);
			actions.add(new Outbound.Edit(current.chat(), alias, record, List.of(), incident.id()));
		}
		actions.add(new Outbound.Send(current.chat(), current.html(), current.buttons(), current.slot(), incident.id()));
		return actions;
	}

	/** One page of the timeline, with paging buttons. */
	public Outbound.Send timeline(Incident incident, List<TimelineEntry> entries, int page) {
		int pages = Math.max(1, (entries.size() + TIMELINE_PAGE - 1) / TIMELINE_PAGE);
		int current = Math.min(Math.max(page, 1), pages);
		StringBuilder html = new StringBuilder(texts.get("timeline.header", incident.id(), String.valueOf(current),
				String.valueOf(pages), String.valueOf(entries.size())));
		int from = (current - 1) * TIMELINE_PAGE;
		for (TimelineEntry entry : entries.subList(from, Math.min(entries.size(), from + TIMELINE_PAGE))) {
			html.append('\n').append(texts.get("timeline.line", time(entry.at()), Html.escape(entry.personName()),
					describe(entry)));
		}
		List<Button> row = new ArrayList<>();
		if (current > 1) {
			row.add(tokens.button(texts.get("button.prev"), Map.of("a", "tl", "i", incident.id(), "p", String.valueOf(current - 1))));
		}
		if (current < pages) {
			row.add(tokens.button(texts.get("button.next"), Map.of("a", "tl", "i", incident.id(), "p", String.valueOf(current + 1))));
		}
		return new Outbound.Send(incident.chat(), html.toString(), row.isEmpty() ? List.of() : List.of(row), null, incident.id());
	}

	/** A timeline entry in words, as plain text (for documents). */
	public String describeText(TimelineEntry entry) {
		return Html.toPlain(describe(entry));
	}

	/** One timeline entry in words (HTML, escaped), without time and person. */
	public String describe(TimelineEntry entry) {
		String step = entry.detail("step");
		String text = entry.detail("text");
		return texts.get("tl." + entry.type().name(), Html.escape(step != null ? step : ""),
				Html.escape(text != null ? abbreviate(text, 200) : ""), Html.escape(String.valueOf(entry.detail("answer"))),
				Html.escape(String.valueOf(entry.detail("level"))),
				Html.escape(entry.detail("title") != null ? entry.detail("title") : String.valueOf(step)));
	}

	String name(String personId) {
		if (personId == null) {
			return "?";
		}
		return roster.byId(personId).map((person) -> person.name()).orElse(personId);
	}

	/**
	 * {@code MM-dd HH:mm} in the company's zone; {@code yyyy-MM-dd HH:mm} for a time in
	 * another year than now, so an old date never passes for this year's.
	 */
	public String time(Instant instant) {
		if (instant == null) {
			return "-";
		}
		java.time.ZonedDateTime at = instant.atZone(zone);
		return (at.getYear() != clock.instant().atZone(zone).getYear()) ? YEAR_TIME.format(at) : TIME.format(at);
	}

	/** As {@link #time}, with the seconds when there are any ({@code 11-23 13:58:16}): for times people typed. */
	public String preciseTime(Instant instant) {
		if (instant == null || instant.atZone(zone).getSecond() == 0) {
			return time(instant);
		}
		return time(instant) + SECONDS.format(instant.atZone(zone));
	}

	private static final DateTimeFormatter YEAR_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern(":ss");

	/** How long the incident has lasted (until recovery), e.g. {@code 1 小时 5 分钟}. */
	public String elapsed(Incident incident) {
		Instant end = (incident.recoveredAt() != null) ? incident.recoveredAt() : clock.instant();
		return duration(Duration.between(incident.startedAt(), end));
	}

	/**
	 * A duration in days, hours and minutes, the same way everywhere: {@code 45 分钟},
	 * {@code 1 小时 5 分钟}, {@code 2 天 3 小时 0 分钟}; negative spans read as zero.
	 */
	public String duration(Duration span) {
		long minutes = Math.max(0, span.toMinutes());
		if (minutes >= 24 * 60) {
			return texts.get("duration.days", String.valueOf(minutes / (24 * 60)), String.valueOf(minutes / 60 % 24),
					String.valueOf(minutes % 60));
		}
		return (minutes >= 60) ? texts.get("duration.hours", String.valueOf(minutes / 60), String.valueOf(minutes % 60))
				: texts.get("duration.minutes", String.valueOf(minutes));
	}

	private static String annex(Playbook playbook) {
		return (playbook.annex() != null) ? playbook.annex() : playbook.id();
	}

	static String abbreviate(String text, int max) {
		return (text.length() <= max) ? text : text.substring(0, max) + "…";
	}

	static Map<String, String> with(Map<String, String> base, String... pairs) {
		Map<String, String> map = new java.util.LinkedHashMap<>(base);
		for (int i = 0; i + 1 < pairs.length; i += 2) {
			map.put(pairs[i], pairs[i + 1]);
		}
		return map;
	}

}
