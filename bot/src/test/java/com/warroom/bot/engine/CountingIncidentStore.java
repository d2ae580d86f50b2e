package com.warroom.bot.engine;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import com.warroom.bot.chat.ChatRef;
import com.warroom.bot.incident.Incident;
import com.warroom.bot.incident.IncidentStatus;
import com.warroom.bot.incident.IncidentStore;
import com.warroom.bot.incident.StepState;
import com.warroom.bot.incident.TimelineEntry;
import com.warroom.playbooks.Severity;
import com.warroom.playbooks.Track;
import org.jspecify.annotations.Nullable;

/** A store that counts its reads: incidents loaded (by id or in a list call) and timelines read. */
final class CountingIncidentStore implements IncidentStore {

	private final IncidentStore store;

	/** Calls that load incidents: {@code find}, {@code openIn}, {@code open}, {@code owingIn}, {@code owing}. */
	final AtomicInteger incidentReads = new AtomicInteger();

	final AtomicInteger timelineReads = new AtomicInteger();

	CountingIncidentStore(IncidentStore store) {
		this.store = store;
	}

	void reset() {
		incidentReads.set(0);
		timelineReads.set(0);
	}

	@Override
	public Incident create(NewIncident incident, Entry declared) {
		return store.create(incident, declared);
	}

	@Override
	public Optional<Incident> find(String id) {
		incidentReads.incrementAndGet();
		return store.find(id);
	}

	@Override
	public List<Incident> openIn(ChatRef chat) {
		incidentReads.incrementAndGet();
		return store.openIn(chat);
	}

	@Override
	public List<Incident> open() {
		incidentReads.incrementAndGet();
		return store.open();
	}

	@Override
	public Optional<String> incidentOfThread(ChatRef chat) {
		return store.incidentOfThread(chat);
	}

	@Override
	public void setThread(String incidentId, ChatRef topic) {
		store.setThread(incidentId, topic);
	}

	@Override
	public Result changeStep(Incident incident, Track track, String stepId, Collection<StepState.Status> accepted,
			StepState newState, @Nullable String newCursor, Entry entry) {
		return store.changeStep(incident, track, stepId, accepted, newState, newCursor, entry);
	}

	@Override
	public Result change(Incident incident, Set<IncidentStatus> allowed, Map<String, String> fields, Entry entry) {
		return store.change(incident, allowed, fields, entry);
	}

	@Override
	public Result once(Incident incident, String field, String value, Entry entry) {
		return store.once(incident, field, value, entry);
	}

	@Override
	public Result onceEvenClosed(Incident incident, String field, String value, Entry entry) {
		return store.onceEvenClosed(incident, field, value, entry);
	}

	@Override
	public OptionalInt raiseEscalation(Incident incident, String cause, String reason, Instant next,
			Collection<String> told, Entry entry) {
		return store.raiseEscalation(incident, cause, reason, next, told, entry);
	}

	@Override
	public Result moveEscalation(Incident incident, int number, int round, int tier, Instant next, Collection<String> told,
			Entry entry) {
		return store.moveEscalation(incident, number, round, tier, next, told, entry);
	}

	@Override
	public Result exhaustEscalation(Incident incident, int number, Entry entry) {
		return store.exhaustEscalation(incident, number, entry);
	}

	@Override
	public Result acknowledgeEscalation(Incident incident, int number, String personId, Instant at, Entry entry) {
		return store.acknowledgeEscalation(incident, number, personId, at, entry);
	}

	@Override
	public void markUnreachable(String incidentId, String personId) {
		store.markUnreachable(incidentId, personId);
	}

	@Override
	public Result setLevel(Incident incident, Severity level, String reason, String by, Entry entry) {
		return store.setLevel(incident, level, reason, by, entry);
	}

	@Override
	public Result raiseLevel(Incident incident, Severity level, Entry entry) {
		return store.raiseLevel(incident, level, entry);
	}

	@Override
	public void levelAnnounced(String incidentId, Severity level) {
		store.levelAnnounced(incidentId, level);
	}

	@Override
	public void overrideAnnounced(String incidentId, String mark) {
		store.overrideAnnounced(incidentId, mark);
	}

	@Override
	public void setField(String incidentId, String field, String value) {
		store.setField(incidentId, field, value);
	}

	@Override
	public void setFields(String incidentId, Map<String, String> fields) {
		store.setFields(incidentId, fields);
	}

	@Override
	public void setOwing(Incident incident, boolean owing) {
		store.setOwing(incident, owing);
	}

	@Override
	public List<Incident> owingIn(ChatRef chat) {
		incidentReads.incrementAndGet();
		return store.owingIn(chat);
	}

	@Override
	public List<Incident> owing() {
		incidentReads.incrementAndGet();
		return store.owing();
	}

	@Override
	public List<TimelineEntry> timeline(String incidentId) {
		timelineReads.incrementAndGet();
		return store.timeline(incidentId);
	}

}
