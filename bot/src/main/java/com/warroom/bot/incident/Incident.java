package com.warroom.bot.incident;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import com.warroom.bot.chat.ChatRef;
import com.warroom.playbooks.Interruption;
import com.warroom.playbooks.Severity;
import com.warroom.playbooks.Track;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot of an incident as stored; only the store knows how its parts are kept.
 *
 * @param id e.g. {@code INC-20261122-001}
 * @param kind real or drill
 * @param playbookId the scenario
 * @param chat the chat (and forum topic) it lives in
 * @param declaredBy roster id of the declarer
 * @param startedAt when it began (the discovery time when given)
 * @param declaredAt when it was declared
 * @param status open, recovered or closed
 * @param recoveredAt when recovery was recorded
 * @param closedAt when it was closed
 * @param levelState the override of the level and what the clock announced of it
 * @param interruption what responders know of the interruption
 * @param investorsAffected whether investors are affected
 * @param escalations every escalation raised, by number
 * @param unreachable the roster ids of people the bot could not message directly for this
 * incident
 * @param facts the other facts recorded from {@code /level}
 * @param summary the {@code /summary} answers, by item (e.g. {@code cause})
 * @param reports what is recorded of each report owed, by its key ({@code <kind>:<seq>})
 * @param cursors the current step of each track that runs, {@code ""} when it has ended
 * @param steps the state of each step touched, by step id
 * @param blockReasons why a step is blocked, by step id
 * @param version bumped by each guarded change
 * @param remindersSent the reminders sent, as {@code KEY:STAGE} (e.g.
 * {@code PERIODIC:1:DUE})
 */
public record Incident(String id, IncidentKind kind, String playbookId, ChatRef chat, String declaredBy,
		Instant startedAt, Instant declaredAt, IncidentStatus status, @Nullable Instant recoveredAt,
		@Nullable Instant closedAt, LevelState levelState, Interruption interruption, boolean investorsAffected,
		SortedMap<Integer, Escalation> escalations, Set<String> unreachable, Facts facts, Map<String, String> summary,
		Map<String, ReportRecord> reports, Map<Track, String> cursors, Map<String, StepState> steps,
		Map<String, String> blockReasons, long version, Set<String> remindersSent) {

	public Incident {
		Objects.requireNonNull(id, "id");
		escalations = Collections.unmodifiableSortedMap(new TreeMap<>(escalations));
		unreachable = Set.copyOf(unreachable);
		summary = Map.copyOf(summary);
		reports = Map.copyOf(reports);
		EnumMap<Track, String> tracks = new EnumMap<>(Track.class);
		tracks.putAll(cursors);
		cursors = Collections.unmodifiableMap(tracks);
		steps = Map.copyOf(steps);
		blockReasons = Map.copyOf(blockReasons);
		remindersSent = Set.copyOf(remindersSent);
	}

	/** A level set by a leader or commander, or null. */
	public @Nullable Severity levelOverride() {
		return levelState.override();
	}

	/** The reason of the override, or null. */
	public @Nullable String levelReason() {
		return levelState.reason();
	}

	public boolean isDrill() {
		return kind == IncidentKind.DRILL;
	}

	/** The current step of a track, empty when the track has ended or not started. */
	public Optional<String> cursor(Track track) {
		String value = cursors.get(track);
		return (value == null || value.isEmpty()) ? Optional.empty() : Optional.of(value);
	}

	/** Whether the track was started (it may have ended since). */
	public boolean started(Track track) {
		return cursors.containsKey(track);
	}

	/** The state of a step ({@link StepState#OPEN} when untouched). */
	public StepState stepState(String stepId) {
		return steps.getOrDefault(stepId, StepState.OPEN);
	}

	/** Why a step is blocked, {@code ""} when no reason was given. */
	public String blockReason(String stepId) {
		return blockReasons.getOrDefault(stepId, "");
	}

	/** The {@code /summary} answer of {@code item}, {@code ""} when not answered. */
	public String answer(String item) {
		return summary.getOrDefault(item, "");
	}

	/**
	 * What is recorded of report {@code key} ({@code <kind>:<seq>}); nothing when not
	 * yet.
	 */
	public ReportRecord report(String key) {
		ReportRecord record = reports.get(key);
		return (record != null) ? record : ReportRecord.none(key);
	}

	/** Open escalations (not acknowledged, not given up), by number. */
	public SortedMap<Integer, Escalation> openEscalations() {
		SortedMap<Integer, Escalation> open = new TreeMap<>();
		escalations.forEach((number, escalation) -> {
			if (escalation.open()) {
				open.put(number, escalation);
			}
		});
		return open;
	}

	/** Escalation {@code number}, if it was raised. */
	public Optional<Escalation> escalation(int number) {
		return Optional.ofNullable(escalations.get(number));
	}

	/** Whether the bot could not message this person directly for this incident. */
	public boolean unreachable(String personId) {
		return unreachable.contains(personId);
	}

}
