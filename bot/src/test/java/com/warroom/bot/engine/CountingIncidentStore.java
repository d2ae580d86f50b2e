package com.warroom.bot.engine;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import com.warroom.bot.chat.ChatRef;
import com.warroom.bot.incident.FactChange;
import com.warroom.bot.incident.Incident;
import com.warroom.bot.incident.IncidentStatus;
import com.warroom.bot.incident.IncidentStore;
import com.warroom.bot.incident.StepState;
import com.warroom.bot.incident.TimelineEntry;
import com.warroom.playbooks.Severity;
import com.warroom.playbooks.Track;
import org.jspecify.annotations.Nullable;

/**
 * A store that counts its reads: incidents loaded (by id or in a list call) and timelines
 * read.
 */
final class CountingIncidentStore implements IncidentStore {

	private final IncidentStore store;

	/**
	 * Calls that load incidents: {@code find}, {@code openIn}, {@code open},
	 * {@code owingIn}, {@code owing}.
	 */
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
	public Result append(Incident incident, Set<IncidentStatus> allowed, Entry entry) {
		return store.append(incident, allowed, entry);
	}

	@Override
	public Result recover(Incident incident, Instant at, @Nullable String afterCursor, Entry entry) {
		return store.recover(incident, at, afterCursor, entry);
	}

	@Override
	public Result close(Incident incident, Instant at, Entry entry) {
		return store.close(incident, at, entry);
	}

	@Override
	public Result setFacts(Incident incident, FactChange change, Entry entry) {
		return store.setFacts(incident, change, entry);
	}

	@Override
	public Result answerSummary(Incident incident, Set<IncidentStatus> allowed, String item, String answer,
			Entry entry) {
		return store.answerSummary(incident, allowed, item, answer, entry);
	}

	@Override
	public Result blockReason(Incident incident, String stepId, String reason, Entry entry) {
		return store.blockReason(incident, stepId, reason, entry);
	}

	@Override
	public Result requestSignOff(Incident incident, String report, String personId, Entry entry) {
		return store.requestSignOff(incident, report, personId, entry);
	}

	@Override
	public Result recordReported(Incident incident, String report, String personId, Entry entry) {
		return store.recordReported(incident, report, personId, entry);
	}

	@Override
	public Result sign(Incident incident, String report, int version, String duty, String personId, Entry entry) {
		return store.sign(incident, report, version, duty, personId, entry);
	}

	@Override
	public Result delegate(Incident incident, Set<IncidentStatus> allowed, String report, String duty, String personId,
			Entry entry) {
		return store.delegate(incident, allowed, report, duty, personId, entry);
	}

	@Override
	public void keepBook(String incidentId, String report, String name, String sha256, String fingerprint) {
		store.keepBook(incidentId, report, name, sha256, fingerprint);
	}

	@Override
	public Result renewBook(Incident incident, Set<IncidentStatus> allowed, String report, String name, String sha256,
			int version, Entry entry) {
		return store.renewBook(incident, allowed, report, name, sha256, version, entry);
	}

	@Override
	public void markReminderSent(String incidentId, String reminder, java.time.Instant at) {
		store.markReminderSent(incidentId, reminder, at);
	}

	@Override
	public void fingerprintBook(String incidentId, String report, String fingerprint) {
		store.fingerprintBook(incidentId, report, fingerprint);
	}

	@Override
	public Result gaveUp(Incident incident, String notificationId, String channelType, Entry entry) {
		return store.gaveUp(incident, notificationId, channelType, entry);
	}

	@Override
	public OptionalInt raiseEscalation(Incident incident, String cause, String reason, Instant next,
			Collection<String> told, Entry entry) {
		return store.raiseEscalation(incident, cause, reason, next, told, entry);
	}

	@Override
	public Result moveEscalation(Incident incident, int number, int round, int tier, Instant next,
			Collection<String> told, Entry entry) {
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
