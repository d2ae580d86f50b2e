package com.warroom.bot.incident;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;

import com.warroom.bot.chat.ChatRef;
import com.warroom.playbooks.Severity;
import com.warroom.playbooks.Track;
import org.jspecify.annotations.Nullable;

/**
 * Where incidents and their timelines are kept. Every guarded change checks the state it
 * expects and, only then, changes the incident and appends to its timeline, as one atomic
 * unit (a Lua script in Redis, one transaction in a database): a change is applied whole
 * or not at all, and two people pressing the same button at the same moment record
 * exactly one action. Inside {@link Effects#within} each guarded change is also named by
 * the event ({@link Effects#name}), and the name is committed with the change: a replayed
 * event gets the first run's result back instead of writing again. Implementations are
 * thread-safe.
 */
public interface IncidentStore {

	/**
	 * The outcome of a guarded change: {@code applied}, else why not ({@code code},
	 * {@code detail}).
	 */
	record Result(boolean applied, String code, String detail) {
	}

	/**
	 * Everything needed to open an incident, with the first step of each track it starts.
	 */
	record NewIncident(IncidentKind kind, String playbookId, ChatRef chat, String declaredBy, Instant startedAt,
			Instant declaredAt, Map<Track, String> cursors) {
	}

	/**
	 * Opens an incident with the next id of its kind and day ({@code INC-20261122-001})
	 * and appends its declaration. Atomically: the incident, its first entry and its
	 * index entries (open, open in its chat) exist together or not at all; a replayed
	 * event returns the incident it created.
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
	 * track's cursor and the step's state, then sets the state, moves the cursor, bumps
	 * the version and appends the entry. Codes when not applied: {@code missing},
	 * {@code closed}, {@code moved} (detail: the current cursor), {@code state} (detail:
	 * the current state).
	 * @param newCursor the new current step of the track, {@code ""} when the track ends,
	 * or null to leave it
	 */
	Result changeStep(Incident incident, Track track, String stepId, Collection<StepState.Status> accepted,
			StepState newState, @Nullable String newCursor, Entry entry);

	/**
	 * Appends {@code entry} if the incident's status is one of {@code allowed} (a note, a
	 * document issued). Atomically: the check, the version and the entry. Codes when not
	 * applied: {@code missing}, {@code status} (detail: the current status).
	 */
	Result append(Incident incident, Set<IncidentStatus> allowed, Entry entry);

	/**
	 * Records the recovery at {@code at} of an open incident, and starts its
	 * after-recovery track at {@code afterCursor} (null when the playbook has none):
	 * atomically as {@link #append} (code when not applied: {@code missing},
	 * {@code status}).
	 */
	Result recover(Incident incident, Instant at, @Nullable String afterCursor, Entry entry);

	/**
	 * Closes a recovered incident at {@code at}: atomically the check, the status, its
	 * removal from the open indexes, the version and the entry (code when not applied:
	 * {@code missing}, {@code status}).
	 */
	Result close(Incident incident, Instant at, Entry entry);

	/**
	 * Records the facts {@code change} sets on an incident open or recovered: atomically
	 * as {@link #append} (code when not applied: {@code missing}, {@code status}).
	 */
	Result setFacts(Incident incident, FactChange change, Entry entry);

	/**
	 * Records the {@code /summary} answer of {@code item} if the status is one of
	 * {@code allowed}: atomically as {@link #append}.
	 */
	Result answerSummary(Incident incident, Set<IncidentStatus> allowed, String item, String answer, Entry entry);

	/**
	 * Records why step {@code stepId} is blocked, on an incident open or recovered:
	 * atomically as {@link #append}.
	 */
	Result blockReason(Incident incident, String stepId, String reason, Entry entry);

	/**
	 * Records who asked for the 签发 of report {@code report}, once (also on a closed
	 * incident when {@code incident} was read closed, as {@link #acknowledgeEscalation}).
	 * Atomically: the check, the record, the version and the entry. Codes when not
	 * applied: {@code missing}, {@code closed}, {@code exists} (detail: who asked first).
	 */
	Result requestSignOff(Incident incident, String report, String personId, Entry entry);

	/** Records report {@code report} as reported, once (as {@link #requestSignOff}). */
	Result recordReported(Incident incident, String report, String personId, Entry entry);

	/**
	 * Records {@code personId}'s signature of {@code duty} on {@code version} of the book
	 * of {@code report}, once per duty and version (as {@link #requestSignOff};
	 * {@code exists} when the duty is signed already).
	 */
	Result sign(Incident incident, String report, int version, String duty, String personId, Entry entry);

	/**
	 * Records that {@code personId} may sign {@code duty} of report {@code report}, if
	 * the status is one of {@code allowed}: atomically as {@link #append}.
	 */
	Result delegate(Incident incident, Set<IncidentStatus> allowed, String report, String duty, String personId,
			Entry entry);

	/**
	 * Keeps the first book of {@code report} for signing (version 1) with the incident's
	 * {@code fingerprint} (all at once, no timeline entry).
	 */
	void keepBook(String incidentId, String report, String name, String sha256, String fingerprint);

	/**
	 * A new {@code version} of the book of {@code report}, if the status is one of
	 * {@code allowed}: atomically as {@link #append}. Its fingerprint follows with
	 * {@link #fingerprintBook}, once the entry is on the timeline.
	 */
	Result renewBook(Incident incident, Set<IncidentStatus> allowed, String report, String name, String sha256,
			int version, Entry entry);

	/**
	 * Records that a reminder was sent ({@code reminder} as {@code KEY:STAGE}; no
	 * timeline entry): part of the record, so a Redis lost does not make the planner send
	 * it again.
	 */
	void markReminderSent(String incidentId, String reminder, Instant at);

	/**
	 * Marks what the incident looked like when the book of {@code report} was made (no
	 * timeline entry).
	 */
	void fingerprintBook(String incidentId, String report, String fingerprint);

	/**
	 * Records, once, that notification {@code notificationId} was given up on every
	 * channel (last tried: {@code channelType}), on an incident not closed: atomically as
	 * {@link #requestSignOff} (codes {@code missing}, {@code closed}, {@code exists}).
	 */
	Result gaveUp(Incident incident, String notificationId, String channelType, Entry entry);

	/**
	 * Raises an escalation for {@code cause} unless one was raised for it already: its
	 * first tier (tier 0 of round 1) is told, its acknowledgement times out at
	 * {@code next}. Atomically: the check of the cause, the choice of its number (one
	 * more than the highest yet, so two raised at once get different numbers), all its
	 * parts, the version and the entry (with the number added as detail {@code esc}) are
	 * one change; an escalation is never left half raised. Refused when the incident has
	 * closed since {@code incident} was read. A replayed event gets its number back.
	 * @param told the roster ids of the first tier
	 * @return its number, or empty when not raised
	 */
	OptionalInt raiseEscalation(Incident incident, String cause, String reason, Instant next, Collection<String> told,
			Entry entry);

	/**
	 * Moves escalation {@code number} on to {@code tier} of {@code round}, its next
	 * timeout {@code next}, {@code told} added to the people told. Atomically: checks it
	 * is neither acknowledged nor given up nor already moved to that round and tier, then
	 * sets all of it and appends the entry. Codes when not applied: {@code missing},
	 * {@code closed}, {@code acked}, {@code ended}, {@code exists}.
	 */
	Result moveEscalation(Incident incident, int number, int round, int tier, Instant next, Collection<String> told,
			Entry entry);

	/**
	 * Gives escalation {@code number} up after its last round, once (as {@link #gaveUp},
	 * also when closed).
	 */
	Result exhaustEscalation(Incident incident, int number, Entry entry);

	/**
	 * Records who acknowledged escalation {@code number} and when, once: atomically the
	 * check, both parts, the version and the entry. Code when not applied: {@code exists}
	 * (detail: the roster id of who acknowledged it first).
	 */
	Result acknowledgeEscalation(Incident incident, int number, String personId, Instant at, Entry entry);

	/**
	 * Marks a person the bot could not message directly for this incident (no timeline
	 * entry).
	 */
	void markUnreachable(String incidentId, String personId);

	/**
	 * A leader's or commander's level, with its reason and author, on an incident not
	 * closed: atomically as {@link #append} (code when not applied: {@code missing},
	 * {@code status}).
	 */
	Result setLevel(Incident incident, Severity level, String reason, String by, Entry entry);

	/**
	 * The rules raised the level to {@code level}: recorded once per level (as
	 * {@link #gaveUp}), and marked announced with it in the same change.
	 */
	Result raiseLevel(Incident incident, Severity level, Entry entry);

	/** Marks {@code level} as the computed level last announced (no timeline entry). */
	void levelAnnounced(String incidentId, Severity level);

	/**
	 * Marks the override {@code mark} ({@code LEVEL|by|reason}) as escalated (no timeline
	 * entry).
	 */
	void overrideAnnounced(String incidentId, String mark);

	/**
	 * Marks a closed incident as still owing reports (or no longer): it stays reachable
	 * in its chat for {@code /reported} and {@code /summary}, and on the board.
	 */
	void setOwing(Incident incident, boolean owing);

	/** Closed incidents of a chat that still owe reports, oldest first. */
	List<Incident> owingIn(ChatRef chat);

	/** Every closed incident that still owes reports, oldest first. */
	List<Incident> owing();

	/** The timeline in the order it happened. */
	List<TimelineEntry> timeline(String incidentId);

	/**
	 * Runs {@code work} as the handling of one event. A store may then serve a read again
	 * until a write of the event changes something ({@link EventReads}); by default every
	 * read goes to the store.
	 */
	default <T> T event(Supplier<T> work) {
		return work.get();
	}

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
