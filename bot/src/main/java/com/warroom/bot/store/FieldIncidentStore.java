package com.warroom.bot.store;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.warroom.bot.incident.Incident;
import com.warroom.bot.incident.IncidentStatus;
import com.warroom.bot.incident.IncidentStore;
import com.warroom.playbooks.Severity;

/**
 * A store that keeps an incident as named fields ({@link IncidentFields}), in Redis or in
 * the database: the typed operations that are one guarded field operation, expressed once
 * for both. Each implementation gives {@link #once(Incident, String, String, Map, Entry,
 * boolean)} its own atomicity (a Lua script, a transaction).
 */
abstract class FieldIncidentStore implements IncidentStore {

	/**
	 * Sets {@code field} to {@code value} and, with it, {@code more}, unless the field is set
	 * or the incident is closed ({@code evenClosed}: also when closed), appending the entry;
	 * all at once or nothing.
	 */
	protected abstract Result once(Incident incident, String field, String value, Map<String, String> more,
			Entry entry, boolean evenClosed);

	protected final Result once(Incident incident, String field, String value, Entry entry, boolean evenClosed) {
		return once(incident, field, value, Map.of(), entry, evenClosed);
	}

	/**
	 * Sets {@code field} and appends {@code entry} only if the field is not set yet (and
	 * the incident is not closed): a one-time fact such as an approval or a report.
	 */
	@Override
	public Result once(Incident incident, String field, String value, Entry entry) {
		return once(incident, field, value, entry, false);
	}

	/**
	 * Like {@link #once}, also on a closed incident: what is still owed after close (the
	 * post-recovery reports, their 签发, the escalation of one overdue) is recorded.
	 */
	@Override
	public Result onceEvenClosed(Incident incident, String field, String value, Entry entry) {
		return once(incident, field, value, entry, true);
	}

	@Override
	public Result acknowledgeEscalation(Incident incident, int number, String personId, Instant at, Entry entry) {
		return once(incident, IncidentFields.escalation(number, IncidentFields.ACK), personId,
				Map.of(IncidentFields.escalation(number, IncidentFields.ACK_AT), String.valueOf(at.toEpochMilli())), entry,
				incident.status() == IncidentStatus.CLOSED);
	}

	@Override
	public Result setLevel(Incident incident, Severity level, String reason, String by, Entry entry) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put(IncidentFields.LEVEL, level.name());
		fields.put(IncidentFields.LEVEL_REASON, reason);
		fields.put(IncidentFields.LEVEL_BY, by);
		return change(incident, java.util.EnumSet.of(IncidentStatus.OPEN, IncidentStatus.RECOVERED), fields, entry);
	}

	@Override
	public Result raiseLevel(Incident incident, Severity level, Entry entry) {
		return once(incident, IncidentFields.RAISED + level.name(), level.name(),
				Map.of(IncidentFields.LEVEL_SEEN, level.name()), entry, false);
	}

}
