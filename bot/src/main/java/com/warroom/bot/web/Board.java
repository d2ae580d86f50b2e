package com.warroom.bot.web;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.warroom.bot.assessment.Assessment;
import com.warroom.bot.assessment.Assessments;
import com.warroom.bot.engine.IncidentViews;
import com.warroom.bot.incident.Incident;
import com.warroom.bot.incident.IncidentStore;
import com.warroom.bot.incident.ReportRecord;
import com.warroom.bot.incident.TimelineEntry;
import com.warroom.bot.incident.TimelineType;
import com.warroom.playbooks.Playbook;
import com.warroom.playbooks.PlaybookLibrary;
import com.warroom.playbooks.Severity;
import com.warroom.playbooks.Step;
import com.warroom.playbooks.Track;

/**
 * What the leaders' board shows, read from the incident store and judged by the same
 * rules as the incident card (one {@link Assessment} per incident; {@link IncidentViews}
 * only for the elapsed time as the chat shows it). Thread-safe.
 */
final class Board {

	/** People shown as working on an incident. */
	private static final int PEOPLE = 5;

	private final IncidentStore incidents;

	private final PlaybookLibrary library;

	private final IncidentViews views;

	private final Assessments assessments;

	private final Clock clock;

	Board(IncidentStore incidents, PlaybookLibrary library, IncidentViews views, Assessments assessments, Clock clock) {
		this.incidents = incidents;
		this.library = library;
		this.views = views;
		this.assessments = assessments;
		this.clock = clock;
	}

	/**
	 * One open incident on the board.
	 *
	 * @param level the level in force (an override, else the computed one)
	 * @param next the next report owed, if any
	 * @param people who declared it and worked its steps (done, skipped, blocked,
	 * confirmed, decided), most recent first
	 * @param current the current step of each running track
	 * @param computed the level the rules give (differs from {@code level} when
	 * overridden)
	 * @param strip its course at a glance: declared, level changes, reports made,
	 * recovery
	 */
	record Row(Incident incident, Playbook playbook, Severity level, boolean overridden, String elapsed,
			Optional<Assessment.NextReport> next, long made, List<String> people, List<Current> current,
			Severity computed, List<Mark> strip, List<Awaiting> awaiting) {
	}

	/**
	 * A report book waiting for 签发 (4.2 L10505-10510): the report does not count until
	 * the duties still missing (their names, e.g. 首席风险官) have signed its current version.
	 */
	record Awaiting(String kind, String seq, List<String> missing) {
	}

	/**
	 * The current step of a track: its position (1-based) among the track's steps;
	 * blocked when 受阻.
	 */
	record Current(Track track, int position, int steps, Step step, boolean blocked) {
	}

	/**
	 * A moment on an incident's strip: declared, a level change, a report made, recovery.
	 */
	record Mark(TimelineType type, java.time.Instant at, String label) {
	}

	/** What the strip shows, in the order it happened. */
	private static final Set<TimelineType> STRIP = java.util.EnumSet.of(TimelineType.DECLARED,
			TimelineType.LEVEL_RAISED, TimelineType.LEVEL_SET, TimelineType.REPORTED, TimelineType.RECOVERED);

	/** Who worked steps (and who declared it: the first responder). */
	private static final Set<TimelineType> STEP_WORK = java.util.EnumSet.of(TimelineType.DECLARED,
			TimelineType.STEP_DONE, TimelineType.STEP_SKIPPED, TimelineType.STEP_BLOCKED,
			TimelineType.CONFIRMATION_REQUESTED, TimelineType.STEP_CONFIRMED, TimelineType.DECISION);

	/**
	 * Every incident not yet closed, oldest first, then the closed ones that still owe
	 * reports (GH-12: closing ends the handling, not the obligations); incidents whose
	 * playbook is gone are left out.
	 */
	List<Row> open() {
		List<Row> rows = new ArrayList<>();
		for (Incident incident : shown()) {
			library.find(incident.playbookId()).ifPresent((playbook) -> rows.add(row(incident, playbook)));
		}
		return rows;
	}

	private List<Incident> shown() {
		List<Incident> shown = new ArrayList<>(incidents.open());
		shown.addAll(incidents.owing());
		return shown;
	}

	Row row(Incident incident, Playbook playbook) {
		List<TimelineEntry> timeline = incidents.timeline(incident.id());
		Assessment assessment = assessments.assess(incident, playbook, timeline);
		Optional<Assessment.NextReport> next = assessment.nextReport();
		long made = assessment.history()
			.stream()
			.filter((report) -> report.kind() == com.warroom.playbooks.ObligationKind.CYCLE
					|| report.kind() == com.warroom.playbooks.ObligationKind.FINAL)
			.count();
		Assessment.Level level = assessment.level();
		return new Row(incident, playbook, level.effective(), level.overridden(), views.elapsed(incident), next, made,
				people(timeline),
				(incident.status() == com.warroom.bot.incident.IncidentStatus.CLOSED) ? List.of()
						: current(incident, playbook),
				level.computed().level(), strip(timeline), awaiting(incident, timeline));
	}

	/**
	 * The report books still waiting for signatures, with the duties missing on their
	 * current version.
	 */
	private List<Awaiting> awaiting(Incident incident, List<TimelineEntry> timeline) {
		List<Awaiting> awaiting = new ArrayList<>();
		for (TimelineEntry entry : timeline) {
			if (entry.type() != TimelineType.REPORT_APPROVAL_REQUESTED) {
				continue;
			}
			String key = entry.detail("kind") + ":" + entry.detail("seq");
			ReportRecord record = incident.report(key);
			if (record.reported() || !record.hasBook()) {
				continue;
			}
			List<String> missing = java.util.Arrays.stream(String.valueOf(entry.detail("approvers")).split(","))
				.filter((duty) -> !duty.isBlank() && record.signer(duty) == null)
				.map((duty) -> library.vocabulary().roleName(duty))
				.toList();
			if (!missing.isEmpty()) {
				awaiting.add(new Awaiting(String.valueOf(entry.detail("kind")), String.valueOf(entry.detail("seq")),
						missing));
			}
		}
		return awaiting;
	}

	private List<Mark> strip(List<TimelineEntry> timeline) {
		List<Mark> marks = new ArrayList<>();
		for (TimelineEntry entry : timeline) {
			if (STRIP.contains(entry.type())) {
				String label = switch (entry.type()) {
					case LEVEL_RAISED, LEVEL_SET -> views.timelineText().level(entry);
					case REPORTED -> views.timelineText().text(entry);
					default -> "";
				};
				marks.add(new Mark(entry.type(), entry.at(), label));
			}
		}
		return marks;
	}

	private static List<Current> current(Incident incident, Playbook playbook) {
		List<Current> current = new ArrayList<>();
		for (Track track : Track.values()) {
			List<Step> steps = playbook.track(track);
			incident.cursor(track)
				.flatMap(playbook::step)
				.ifPresent((step) -> current.add(new Current(track, steps.indexOf(step) + 1, steps.size(), step,
						incident.stepState(step.id()).status() == com.warroom.bot.incident.StepState.Status.BLOCKED)));
		}
		return current;
	}

	/**
	 * Changes whenever the board would look different: an incident opened, changed or
	 * closed, or the minute turned (elapsed times). A short hash; costs one read per open
	 * incident, so it can be asked every second.
	 */
	String signature() {
		StringBuilder signature = new StringBuilder();
		signature.append(clock.millis() / 60_000).append('|');
		for (Incident incident : shown()) {
			signature.append(incident.id()).append(':').append(incident.version()).append(';');
		}
		return Integer.toHexString(signature.toString().hashCode());
	}

	private static List<String> people(List<TimelineEntry> timeline) {
		Set<String> names = new LinkedHashSet<>();
		for (int i = timeline.size() - 1; i >= 0 && names.size() < PEOPLE; i--) {
			TimelineEntry entry = timeline.get(i);
			if (!"system".equals(entry.personId()) && STEP_WORK.contains(entry.type())) {
				names.add(entry.personName());
			}
		}
		return List.copyOf(names);
	}

}
