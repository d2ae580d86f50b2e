package com.warroom.bot.store;

import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.warroom.bot.incident.FactChange;
import com.warroom.bot.incident.Incident;
import com.warroom.bot.incident.IncidentStatus;
import com.warroom.bot.incident.IncidentStore;
import com.warroom.playbooks.Severity;
import com.warroom.playbooks.Track;
import org.jspecify.annotations.Nullable;

/**
 * A store that keeps an incident as named fields ({@link IncidentFields}), in Redis or in
 * the database: the typed operations that are one guarded field operation, expressed once
 * for both. Each implementation gives the two guarded field operations,
 * {@link #change(Incident, Set, Map, Entry)} and
 * {@link #once(Incident, String, String, Map, Entry, boolean)}, its own atomicity (a Lua
 * script, a transaction); nothing outside this package sees a field.
 */
abstract class FieldIncidentStore implements IncidentStore {

	private static final Set<IncidentStatus> NOT_CLOSED = EnumSet.of(IncidentStatus.OPEN, IncidentStatus.RECOVERED);

	/**
	 * Sets {@code fields} and appends {@code entry} if the incident's status is one of
	 * {@code allowed}; when the status becomes closed, removes it from the open indexes.
	 * All at once or nothing. Codes when not applied: {@code missing}, {@code status}.
	 */
	abstract Result change(Incident incident, Set<IncidentStatus> allowed, Map<String, String> fields, Entry entry);

	/**
	 * Sets {@code field} to {@code value} and, with it, {@code more}, unless the field is
	 * set or the incident is closed ({@code evenClosed}: also when closed), appending the
	 * entry; all at once or nothing.
	 */
	abstract Result once(Incident incident, String field, String value, Map<String, String> more, Entry entry,
			boolean evenClosed);

	/** Sets bookkeeping fields at once (all or none), without a timeline entry. */
	abstract void setFields(String incidentId, Map<String, String> fields);

	/** Every field of an incident as stored (empty when there is none). */
	abstract Map<String, String> fields(String incidentId);

	final Result once(Incident incident, String field, String value, Entry entry, boolean evenClosed) {
		return once(incident, field, value, Map.of(), entry, evenClosed);
	}

	/**
	 * A one-time record that is still owed after close: also on a closed incident when it
	 * was read closed.
	 */
	private Result owed(Incident incident, String field, String value, Entry entry) {
		return once(incident, field, value, entry, incident.status() == IncidentStatus.CLOSED);
	}

	@Override
	public Result append(Incident incident, Set<IncidentStatus> allowed, Entry entry) {
		return change(incident, allowed, Map.of(), entry);
	}

	@Override
	public Result recover(Incident incident, Instant at, @Nullable String afterCursor, Entry entry) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put(IncidentFields.STATUS, IncidentStatus.RECOVERED.name());
		fields.put(IncidentFields.RECOVERED_AT, String.valueOf(at.toEpochMilli()));
		if (afterCursor != null) {
			fields.put(IncidentFields.CURSOR + Track.AFTER.key(), afterCursor);
		}
		return change(incident, EnumSet.of(IncidentStatus.OPEN), fields, entry);
	}

	@Override
	public Result close(Incident incident, Instant at, Entry entry) {
		return change(
				incident, EnumSet.of(IncidentStatus.RECOVERED), Map.of(IncidentFields.STATUS,
						IncidentStatus.CLOSED.name(), IncidentFields.CLOSED_AT, String.valueOf(at.toEpochMilli())),
				entry);
	}

	@Override
	public Result setFacts(Incident incident, FactChange change, Entry entry) {
		return change(incident, NOT_CLOSED, IncidentFields.fields(change), entry);
	}

	@Override
	public Result answerSummary(Incident incident, Set<IncidentStatus> allowed, String item, String answer,
			Entry entry) {
		return change(incident, allowed, Map.of(IncidentFields.SUMMARY + item, answer), entry);
	}

	@Override
	public Result blockReason(Incident incident, String stepId, String reason, Entry entry) {
		return change(incident, NOT_CLOSED, Map.of(IncidentFields.BLOCK_REASON + stepId, reason), entry);
	}

	@Override
	public Result requestSignOff(Incident incident, String report, String personId, Entry entry) {
		return owed(incident, IncidentFields.REQUESTED + report, personId, entry);
	}

	@Override
	public Result recordReported(Incident incident, String report, String personId, Entry entry) {
		return owed(incident, IncidentFields.REPORTED + report, personId, entry);
	}

	@Override
	public Result sign(Incident incident, String report, int version, String duty, String personId, Entry entry) {
		return owed(incident, IncidentFields.signature(report, version, duty), personId, entry);
	}

	@Override
	public Result delegate(Incident incident, Set<IncidentStatus> allowed, String report, String duty, String personId,
			Entry entry) {
		return change(incident, allowed, Map.of(IncidentFields.delegate(report, duty), personId), entry);
	}

	@Override
	public void keepBook(String incidentId, String report, String name, String sha256, String fingerprint) {
		setFields(incidentId, Map.of(IncidentFields.BOOK + report, name, IncidentFields.BOOK_SHA + report, sha256,
				IncidentFields.BOOK_VERSION + report, "1", IncidentFields.BOOK_FINGERPRINT + report, fingerprint));
	}

	@Override
	public Result renewBook(Incident incident, Set<IncidentStatus> allowed, String report, String name, String sha256,
			int version, Entry entry) {
		return change(incident, allowed, Map.of(IncidentFields.BOOK + report, name, IncidentFields.BOOK_SHA + report,
				sha256, IncidentFields.BOOK_VERSION + report, String.valueOf(version)), entry);
	}

	@Override
	public void markReminderSent(String incidentId, String reminder, Instant at) {
		setFields(incidentId, Map.of(IncidentFields.REMINDER_SENT + reminder, at.toString()));
	}

	@Override
	public void fingerprintBook(String incidentId, String report, String fingerprint) {
		setFields(incidentId, Map.of(IncidentFields.BOOK_FINGERPRINT + report, fingerprint));
	}

	@Override
	public Result gaveUp(Incident incident, String notificationId, String channelType, Entry entry) {
		return once(incident, IncidentFields.GAVE_UP + notificationId, channelType, entry, false);
	}

	@Override
	public Result acknowledgeEscalation(Incident incident, int number, String personId, Instant at, Entry entry) {
		return once(incident, IncidentFields.escalation(number, IncidentFields.ACK), personId,
				Map.of(IncidentFields.escalation(number, IncidentFields.ACK_AT), String.valueOf(at.toEpochMilli())),
				entry, incident.status() == IncidentStatus.CLOSED);
	}

	@Override
	public Result setLevel(Incident incident, Severity level, String reason, String by, Entry entry) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put(IncidentFields.LEVEL, level.name());
		fields.put(IncidentFields.LEVEL_REASON, reason);
		fields.put(IncidentFields.LEVEL_BY, by);
		return change(incident, NOT_CLOSED, fields, entry);
	}

	@Override
	public Result raiseLevel(Incident incident, Severity level, Entry entry) {
		return once(incident, IncidentFields.RAISED + level.name(), level.name(),
				Map.of(IncidentFields.LEVEL_SEEN, level.name()), entry, false);
	}

}
