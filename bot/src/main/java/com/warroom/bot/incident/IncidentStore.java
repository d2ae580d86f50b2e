package com.warroom.bot.incident;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.warroom.bot.chat.ChatRef;
import com.warroom.playbooks.Track;
import org.jspecify.annotations.Nullable;

/**
 * Where incidents and their timelines are kept. Every guarded change checks the state it
 * expects and, only then, changes the incident and appends to its timeline, as one atomic
 * unit (a Lua script in Redis, one transaction in a database): a change is applied whole
 * or not at all, and two people pressing the same button at the same moment record exactly
 * one action. Inside {@link Effects#within} each guarded change is also named by the event
 * ({@link Effects#name}), and the name is committed with the change: a replayed event gets
 * the first run's result back instead of writing again. Implementations are thread-safe.
 */
public interface IncidentStore {

	/** The outcome of a guarded change: {@code applied}, else why not ({@code code}, {@code detail}). */
	record Result(boolean applied, String code, String detail) {
	}

	/** Everything needed to open an incident. */
	record NewIncident(IncidentKind kind, String playbookId, ChatRef chat, String declaredBy, Instant startedAt,
			Instant declaredAt, Map<String, String> cursors) {
	}

	/**
	 * Opens an incident with the next id of its kind and day ({@code INC-20261122-001}) and
	 * appends its declaration. Atomically: the incident, its first entry and its index
	 * entries (open, open in its chat) exist together or not at all; a replayed event
	 * returns the incident it created.
	 */
	Incident create(NewIncident incident, Entry declared);

	Optional<Incident> find(String id);

	/** Incidents not yet closed in a chat (any topic), oldest first. */
	List<Incident> openIn(ChatRef chat);

	/** Every incident not yet closed, oldest first. */
	List<Incident> open();

	/** The incident a forum topic belongs to. */
	Optional<String> incidentOfThread(ChatRef chat);

	/** Records the forum topic of an incident. */
	void setThread(String incidentId, ChatRef topic);

	/**
	 * Changes a step if it is still the current step of its track and in one of the
	 * accepted states. Atomically: checks the incident exists and is not closed, the
	 * track's cursor and the step's state, then sets the state, moves the cursor, bumps the
	 * version and appends the entry. Codes when not applied: {@code missing},
	 * {@code closed}, {@code moved} (detail: the current cursor), {@code state} (detail:
	 * the current state).
	 * @param newCursor the new current step of the track, {@code ""} when the track ends,
	 * or null to leave it
	 */
	Result changeStep(Incident incident, Track track, String stepId, Collection<StepState.Status> accepted,
			StepState newState, @Nullable String newCursor, Entry entry);

	/**
	 * Sets fields and appends an entry if the incident's status is one of {@code allowed}.
	 * Atomically: the check, the fields, the version, the entry, and when the status
	 * becomes closed its removal from the open indexes. Codes when not applied:
	 * {@code missing}, {@code status} (detail: the current status).
	 */
	Result change(Incident incident, Set<IncidentStatus> allowed, Map<String, String> fields, Entry entry);

	/**
	 * Sets {@code field} and appends {@code entry} only if the field is not set yet (and
	 * the incident is not closed): a one-time fact such as an approval or a report.
	 * Atomically: the check, the field, the version and the entry. Codes when not applied:
	 * {@code missing}, {@code closed}, {@code exists} (detail: the value already set).
	 */
	Result once(Incident incident, String field, String value, Entry entry);

	/**
	 * Like {@link #once}, also on a closed incident: what is still owed after close (the
	 * post-recovery reports, their 签发, the escalation of one overdue) is recorded.
	 */
	Result onceEvenClosed(Incident incident, String field, String value, Entry entry);

	/** Sets one bookkeeping field without a timeline entry (e.g. the last level announced). */
	void setField(String incidentId, String field, String value);

	/** Sets several bookkeeping fields at once (all or none), without a timeline entry. */
	void setFields(String incidentId, Map<String, String> fields);

	/**
	 * Marks a closed incident as still owing reports (or no longer): it stays reachable in
	 * its chat for {@code /reported} and {@code /summary}, and on the board.
	 */
	void setOwing(Incident incident, boolean owing);

	/** Closed incidents of a chat that still owe reports, oldest first. */
	List<Incident> owingIn(ChatRef chat);

	/** Every closed incident that still owes reports, oldest first. */
	List<Incident> owing();

	/** The timeline in the order it happened. */
	List<TimelineEntry> timeline(String incidentId);

	/** A timeline entry to append: type, who, where from, when and details. */
	record Entry(TimelineType type, String personId, String personName, String channel, Instant at,
			Map<String, String> details) {

		private static final Set<String> RESERVED = Set.of("type", "person", "name", "channel", "at");

		public Entry {
			for (String key : details.keySet()) {
				if (RESERVED.contains(key)) {
					throw new IllegalArgumentException("timeline detail key is reserved: " + key);
				}
			}
		}

	}

}
