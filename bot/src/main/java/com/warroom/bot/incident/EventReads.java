package com.warroom.bot.incident;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
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
 * A store whose reads are made once per event: inside {@link #event} an incident, a
 * timeline or a list of incidents is loaded from the store the first time it is asked for
 * and served again after that, until a write through this store (any write, on this
 * thread) makes everything be read afresh. So a flow may ask for the incident the
 * dispatcher loaded without costing a read, and every read after a guarded change sees
 * the change. Outside an event every call goes to the store. Writes of other threads are
 * not seen within an event, as they would not be between two reads either: the guarded
 * changes check the state they expect in the store itself. Thread-safe (the cache is per
 * thread and per store).
 */
public final class EventReads implements IncidentStore {

	private final IncidentStore store;

	private final ThreadLocal<Scope> current = new ThreadLocal<>();

	public EventReads(IncidentStore store) {
		this.store = store;
	}

	/** The store this one reads through. */
	public IncidentStore store() {
		return store;
	}

	/** Runs {@code work} as one event (nested calls keep the outer event). */
	@Override
	public <T> T event(Supplier<T> work) {
		if (current.get() != null) {
			return work.get();
		}
		current.set(new Scope());
		try {
			return store.event(work);
		}
		finally {
			current.remove();
		}
	}

	private static final class Scope {

		final Map<String, Optional<Incident>> incidents = new HashMap<>();

		final Map<String, List<Incident>> lists = new HashMap<>();

		final Map<String, List<TimelineEntry>> timelines = new HashMap<>();

		void clear() {
			incidents.clear();
			lists.clear();
			timelines.clear();
		}

	}

	private List<Incident> list(String key, Supplier<List<Incident>> read) {
		Scope scope = current.get();
		if (scope == null) {
			return read.get();
		}
		List<Incident> found = scope.lists.get(key);
		if (found == null) {
			found = List.copyOf(read.get());
			scope.lists.put(key, found);
			found.forEach((incident) -> scope.incidents.put(incident.id(), Optional.of(incident)));
		}
		return found;
	}

	/** Runs a write; after it (also when it failed) everything is read afresh. */
	private <T> T write(Supplier<T> write) {
		try {
			return write.get();
		}
		finally {
			Scope scope = current.get();
			if (scope != null) {
				scope.clear();
			}
		}
	}

	private void write(Runnable write) {
		write(() -> {
			write.run();
			return null;
		});
	}

	@Override
	public Optional<Incident> find(String id) {
		Scope scope = current.get();
		if (scope == null) {
			return store.find(id);
		}
		Optional<Incident> found = scope.incidents.get(id);
		if (found == null) {
			found = store.find(id);
			scope.incidents.put(id, found);
		}
		return found;
	}

	@Override
	public List<Incident> openIn(ChatRef chat) {
		return list("openIn:" + chat.key(), () -> store.openIn(chat));
	}

	@Override
	public List<Incident> open() {
		return list("open", store::open);
	}

	@Override
	public List<Incident> owingIn(ChatRef chat) {
		return list("owingIn:" + chat.key(), () -> store.owingIn(chat));
	}

	@Override
	public List<Incident> owing() {
		return list("owing", store::owing);
	}

	@Override
	public List<TimelineEntry> timeline(String incidentId) {
		Scope scope = current.get();
		if (scope == null) {
			return store.timeline(incidentId);
		}
		List<TimelineEntry> found = scope.timelines.get(incidentId);
		if (found == null) {
			found = List.copyOf(store.timeline(incidentId));
			scope.timelines.put(incidentId, found);
		}
		return found;
	}

	@Override
	public Optional<String> incidentOfThread(ChatRef chat) {
		return store.incidentOfThread(chat);
	}

	@Override
	public Incident create(NewIncident incident, Entry declared) {
		return write(() -> store.create(incident, declared));
	}

	@Override
	public void setThread(String incidentId, ChatRef topic) {
		write(() -> store.setThread(incidentId, topic));
	}

	@Override
	public Result changeStep(Incident incident, Track track, String stepId, Collection<StepState.Status> accepted,
			StepState newState, @Nullable String newCursor, Entry entry) {
		return write(() -> store.changeStep(incident, track, stepId, accepted, newState, newCursor, entry));
	}

	@Override
	public Result append(Incident incident, Set<IncidentStatus> allowed, Entry entry) {
		return write(() -> store.append(incident, allowed, entry));
	}

	@Override
	public Result recover(Incident incident, Instant at, @Nullable String afterCursor, Entry entry) {
		return write(() -> store.recover(incident, at, afterCursor, entry));
	}

	@Override
	public Result close(Incident incident, Instant at, Entry entry) {
		return write(() -> store.close(incident, at, entry));
	}

	@Override
	public Result setFacts(Incident incident, FactChange change, Entry entry) {
		return write(() -> store.setFacts(incident, change, entry));
	}

	@Override
	public Result answerSummary(Incident incident, Set<IncidentStatus> allowed, String item, String answer,
			Entry entry) {
		return write(() -> store.answerSummary(incident, allowed, item, answer, entry));
	}

	@Override
	public Result blockReason(Incident incident, String stepId, String reason, Entry entry) {
		return write(() -> store.blockReason(incident, stepId, reason, entry));
	}

	@Override
	public Result requestSignOff(Incident incident, String report, String personId, Entry entry) {
		return write(() -> store.requestSignOff(incident, report, personId, entry));
	}

	@Override
	public Result recordReported(Incident incident, String report, String personId, Entry entry) {
		return write(() -> store.recordReported(incident, report, personId, entry));
	}

	@Override
	public Result sign(Incident incident, String report, int version, String duty, String personId, Entry entry) {
		return write(() -> store.sign(incident, report, version, duty, personId, entry));
	}

	@Override
	public Result delegate(Incident incident, Set<IncidentStatus> allowed, String report, String duty, String personId,
			Entry entry) {
		return write(() -> store.delegate(incident, allowed, report, duty, personId, entry));
	}

	@Override
	public void keepBook(String incidentId, String report, String name, String sha256, String fingerprint) {
		write(() -> store.keepBook(incidentId, report, name, sha256, fingerprint));
	}

	@Override
	public Result renewBook(Incident incident, Set<IncidentStatus> allowed, String report, String name, String sha256,
			int version, Entry entry) {
		return write(() -> store.renewBook(incident, allowed, report, name, sha256, version, entry));
	}

	@Override
	public void markReminderSent(String incidentId, String reminder, Instant at) {
		write(() -> store.markReminderSent(incidentId, reminder, at));
	}

	@Override
	public void fingerprintBook(String incidentId, String report, String fingerprint) {
		write(() -> store.fingerprintBook(incidentId, report, fingerprint));
	}

	@Override
	public Result gaveUp(Incident incident, String notificationId, String channelType, Entry entry) {
		return write(() -> store.gaveUp(incident, notificationId, channelType, entry));
	}

	@Override
	public OptionalInt raiseEscalation(Incident incident, String cause, String reason, Instant next,
			Collection<String> told, Entry entry) {
		return write(() -> store.raiseEscalation(incident, cause, reason, next, told, entry));
	}

	@Override
	public Result moveEscalation(Incident incident, int number, int round, int tier, Instant next,
			Collection<String> told, Entry entry) {
		return write(() -> store.moveEscalation(incident, number, round, tier, next, told, entry));
	}

	@Override
	public Result exhaustEscalation(Incident incident, int number, Entry entry) {
		return write(() -> store.exhaustEscalation(incident, number, entry));
	}

	@Override
	public Result acknowledgeEscalation(Incident incident, int number, String personId, Instant at, Entry entry) {
		return write(() -> store.acknowledgeEscalation(incident, number, personId, at, entry));
	}

	@Override
	public void markUnreachable(String incidentId, String personId) {
		write(() -> store.markUnreachable(incidentId, personId));
	}

	@Override
	public Result setLevel(Incident incident, Severity level, String reason, String by, Entry entry) {
		return write(() -> store.setLevel(incident, level, reason, by, entry));
	}

	@Override
	public Result raiseLevel(Incident incident, Severity level, Entry entry) {
		return write(() -> store.raiseLevel(incident, level, entry));
	}

	@Override
	public void levelAnnounced(String incidentId, Severity level) {
		write(() -> store.levelAnnounced(incidentId, level));
	}

	@Override
	public void overrideAnnounced(String incidentId, String mark) {
		write(() -> store.overrideAnnounced(incidentId, mark));
	}

	@Override
	public void setOwing(Incident incident, boolean owing) {
		write(() -> store.setOwing(incident, owing));
	}

}
