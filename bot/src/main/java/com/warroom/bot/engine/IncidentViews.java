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

import com.warroom.bot.assessment.Assessment;
import com.warroom.bot.assessment.Assessments;
import com.warroom.bot.incident.Incident;
import com.warroom.bot.incident.IncidentStatus;
import com.warroom.bot.incident.StepState;
import com.warroom.bot.incident.TimelineEntry;
import com.warroom.bot.roster.Roster;
import com.warroom.playbooks.Grade;
import com.warroom.playbooks.IncidentFacts;
import com.warroom.playbooks.Obligation;
import com.warroom.playbooks.Playbook;
import com.warroom.playbooks.Step;
import com.warroom.playbooks.StepKind;
import com.warroom.playbooks.Track;
import com.warroom.playbooks.Vocabulary;

/**
 * Renders incidents as chat messages: the incident card, the current step of each track
 * with its buttons, the timeline. Every user-supplied string is escaped. What the card
 * states (level, reports owed) comes from {@link Assessments}; nothing is judged here.
 */
public class IncidentViews {

	static final int TIMELINE_PAGE = 10;

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm");

	private final Texts texts;

	private final Roster roster;

	private final Vocabulary vocabulary;

	private final ButtonTokens tokens;

	private final Clock clock;

	private final ZoneId zone;

	/** What the card states: the level, the reports owed. */
	private final Assessments assessments;

	/** What each timeline entry says, in the words of {@code texts}. */
	private final TimelineText timelineText;

	public IncidentViews(Texts texts, Roster roster, Vocabulary vocabulary, ButtonTokens tokens, Clock clock,
			ZoneId zone, Assessments assessments) {
		this.assessments = assessments;
		this.texts = texts;
		this.roster = roster;
		this.vocabulary = vocabulary;
		this.tokens = tokens;
		this.clock = clock;
		this.zone = zone;
		this.timelineText = new TimelineText(texts, vocabulary, this::preciseTime);
	}

	/**
	 * What timeline entries say, in the bot's words: every reader of the timeline renders
	 * with it.
	 */
	public TimelineText timelineText() {
		return timelineText;
	}

	/**
	 * The assessments the card states (the level, the reports owed), for callers that
	 * render too.
	 */
	public Assessments assessments() {
		return assessments;
	}

	/** The slot of the incident card. */
	static String cardSlot(Incident incident) {
		return incident.id() + ":card";
	}

	/**
	 * The slot of escalation {@code number}'s one message: in the incident's chat (edited
	 * as it moves from tier to tier and when acknowledged) and in each addressee's web
	 * chat.
	 */
	public static String escalationSlot(String incidentId, int number) {
		return incidentId + ":esc:" + number;
	}

	static String trackSlot(Incident incident, Track track) {
		return incident.id() + ":" + track.key();
	}

	/**
	 * Whether an escalation goes on after its incident closed: one about a report still
	 * owed (overdue, or its book unsigned) does; the handling's (declaration, level) do
	 * not.
	 */
	public static boolean chasedAfterClose(String cause) {
		return cause.startsWith("overdue:") || cause.startsWith("approval:");
	}

	/** The facts in one line, for /level. */
	public String describeFacts(Incident incident, Playbook playbook) {
		IncidentFacts facts = assessments.assess(incident, playbook).facts();
		long effectiveCustomers = assessments.policy().effectiveCustomers();
		StringBuilder line = new StringBuilder(
				texts.get("facts.line", texts.get("fact.interruption." + facts.interruption().name()),
						texts.get("fact.affected." + facts.investorsAffected()),
						String.valueOf(facts.investorsDataDamaged()), String.valueOf(facts.investorsDataLeaked()),
						texts.label(facts.settlement()), String.valueOf(effectiveCustomers),
						(incident.facts().haltAt() != null) ? texts.get("fact.halt.yes") : texts.get("fact.halt.no")));
		for (com.warroom.playbooks.Impact impact : facts.alsoAffected()) {
			line.append(texts.get("facts.system", texts.label(impact.system()),
					texts.get("fact.interruption." + impact.extent().name()), duration(impact.accumulated()),
					texts.get(impact.running() ? "facts.system.running" : "facts.system.ended")));
		}
		line.append(texts
			.get(Assessment.remoteExchangeAccess(incident, playbook) ? "facts.remote.yes" : "facts.remote.no"));
		line.append(texts.get(Assessment.causeKnown(incident) ? "facts.cause.yes" : "facts.cause.no"));
		return line.toString();
	}

	/**
	 * The reports still owed, one per line ({@code • 事件分析总结报告 第 1 次（11-24 02:38 前）});
	 * empty when none.
	 */
	public String owedLines(Incident incident, Playbook playbook) {
		return owedLines(assessments.assess(incident, playbook));
	}

	private String owedLines(Assessment assessment) {
		StringBuilder lines = new StringBuilder();
		for (Obligation obligation : assessment.owed()) {
			lines.append(lines.isEmpty() ? "" : "\n")
				.append(texts.get("owed.line", texts.get("obligation." + obligation.kind().name()),
						String.valueOf(obligation.sequence()), time(obligation.dueAt())));
		}
		return lines.toString();
	}

	/** The incident card. */
	public String card(Incident incident, Playbook playbook) {
		StringBuilder html = new StringBuilder();
		html.append(texts.get(incident.isDrill() ? "card.title.drill" : "card.title", incident.id())).append('\n');
		html.append(texts.get("card.scenario", Html.escape(playbook.fullTitle()), Html.escape(annex(playbook))))
			.append('\n');
		Assessment assessment = assessments.assess(incident, playbook);
		Assessment.Level level = assessment.level();
		Grade grade = level.computed();
		if (level.overridden()) {
			html.append(texts.get("card.level.override", texts.label(level.effective()),
					Html.escape(String.valueOf(level.reason())), texts.label(grade.level()),
					Html.escape(name(level.by()))))
				.append('\n');
		}
		else {
			html.append(texts.get("card.level", texts.label(grade.level()),
					Html.escape(shortReason(grade.reasons().get(0)))))
				.append('\n');
		}
		html.append(texts.get("card.status", texts.get("status." + incident.status().name()), elapsed(incident)))
			.append('\n');
		html.append(texts.get("card.declared", Html.escape(name(incident.declaredBy())), time(incident.startedAt())))
			.append('\n');
		if (incident.status() == IncidentStatus.CLOSED) {
			html.append(texts.get("card.closed", time(incident.closedAt())));
			String owed = owedLines(assessment);
			if (!owed.isEmpty()) {
				html.append('\n').append(texts.get("card.owed", owed));
			}
			return html.toString();
		}
		Optional<Assessment.NextReport> next = assessment.nextReport();
		if (next.isPresent()) {
			if (next.get().made() > 0) {
				html.append(texts.get("card.reports.made", String.valueOf(next.get().made()))).append('\n');
			}
			Obligation obligation = next.get().obligation();
			boolean immediate = next.get().immediate();
			html.append(texts.get(
					immediate ? "card.report.now" : obligation.overdue() ? "card.report.overdue" : "card.report",
					texts.get("obligation." + obligation.kind().name()), String.valueOf(obligation.sequence()),
					time(obligation.dueAt()), Html.escape(obligation.rule())));
			if (!obligation.recipients().isEmpty()) {
				html.append(texts.get("card.recipients", Html.escape(String.join("、", obligation.recipients()))));
			}
		}
		else {
			html.append(texts.get("card.report.none"));
		}
		for (Obligation obligation : assessment.owed()) {
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

	/** The current step of a track with its buttons; the track's end when done. */
	public Outbound.Edit trackMessage(Incident incident, Playbook playbook, Track track) {
		List<Step> steps = playbook.track(track);
		Optional<String> cursor = incident.cursor(track);
		String header = texts.get("track.header", texts.get("track." + track.key()), Html.escape(incident.id()));
		if (cursor.isEmpty() || incident.status() == IncidentStatus.CLOSED) {
			String text = cursor.isEmpty() ? texts.get("track.finished") : texts.get("track.closed");
			return new Outbound.Edit(incident.chat(), trackSlot(incident, track), header + "\n" + text, List.of(),
					incident.id());
		}
		Step step = playbook.step(cursor.get()).orElseThrow();
		int index = steps.indexOf(step) + 1;
		StringBuilder html = new StringBuilder(header).append('\n');
		html.append(
				texts.get("step.meta", String.valueOf(index), String.valueOf(steps.size()), texts.label(step.phase()),
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
			return new Outbound.Edit(incident.chat(), trackSlot(incident, track), html.toString(), buttons,
					incident.id());
		}
		if (state.status() == StepState.Status.BLOCKED) {
			html.append(texts.get("step.blocked", Html.escape(name(state.personId())),
					Html.escape(incident.blockReason(step.id()))))
				.append('\n');
		}
		if (step.kind() == StepKind.APPROVAL) {
			html.append(texts.get("step.approval.hint"));
			buttons.add(List.of(tokens.button(texts.get("button.step.approve"), with(base, "op", "approve")),
					tokens.button(texts.get("button.block"), with(base, "op", "block"))));
			return new Outbound.Edit(incident.chat(), trackSlot(incident, track), html.toString(), buttons,
					incident.id());
		}
		if (step.kind() == StepKind.DECISION) {
			html.append(texts.get("step.question", Html.escape(String.valueOf(step.question()))));
			List<Button> row = new ArrayList<>();
			for (int i = 0; i < step.answers().size(); i++) {
				row.add(tokens.button(step.answers().get(i).label(),
						with(base, "op", "answer", "n", String.valueOf(i))));
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
	 * The track's current step at the bottom of the chat: the message shown so far (if
	 * any) is reduced to {@code record}, one line without buttons, and the step is sent
	 * afresh under the same slot, so later edits and presses go to the new one.
	 */
	public List<Outbound> atBottom(MessageSlots slots, Incident incident, Playbook playbook, Track track,
			String record) {
		Outbound.Edit current = trackMessage(incident, playbook, track);
		List<Outbound> actions = new ArrayList<>();
		Optional<String> old = slots.messageOf(incident.chat(), current.slot());
		if (old.isPresent()) {
			// the record goes to the message that shows the step now, by a slot of its
			// own: the fresh step below takes the track's slot, and may be sent before
			// this edit is
			String alias = current.slot() + "@" + old.get();
			slots.record(incident.chat(), alias, old.get(), null);
			actions.add(new Outbound.Edit(current.chat(), alias, record, List.of(), incident.id()));
		}
		actions
			.add(new Outbound.Send(current.chat(), current.html(), current.buttons(), current.slot(), incident.id()));
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
			html.append('\n')
				.append(texts.get("timeline.line", time(entry.at()), Html.escape(entry.personName()), describe(entry)));
		}
		List<Button> row = new ArrayList<>();
		if (current > 1) {
			row.add(tokens.button(texts.get("button.prev"),
					Map.of("a", "tl", "i", incident.id(), "p", String.valueOf(current - 1))));
		}
		if (current < pages) {
			row.add(tokens.button(texts.get("button.next"),
					Map.of("a", "tl", "i", incident.id(), "p", String.valueOf(current + 1))));
		}
		return new Outbound.Send(incident.chat(), html.toString(), row.isEmpty() ? List.of() : List.of(row), null,
				incident.id());
	}

	/** A timeline entry in words, as plain text (for documents). */
	public String describeText(TimelineEntry entry) {
		return Html.toPlain(describe(entry));
	}

	/** One timeline entry in words (HTML, escaped), without time and person. */
	public String describe(TimelineEntry entry) {
		return timelineText.describe(entry);
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

	/**
	 * As {@link #time}, with the seconds when there are any ({@code 11-23 13:58:16}): for
	 * times people typed.
	 */
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
