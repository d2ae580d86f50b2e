package com.warroom.bot.store;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.warroom.bot.chat.ChatRef;
import com.warroom.bot.incident.Effects;
import com.warroom.bot.incident.Incident;
import com.warroom.bot.incident.IncidentKind;
import com.warroom.bot.incident.IncidentStatus;
import com.warroom.bot.incident.IncidentStore;
import com.warroom.bot.incident.StepState;
import com.warroom.bot.incident.TimelineEntry;
import com.warroom.bot.incident.TimelineType;
import com.warroom.playbooks.Track;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link IncidentStore} does (issue 15: the database store keeps the guards of
 * the Redis store's Lua scripts as transactions, also under contention), run against each
 * implementation by its subclass.
 */
abstract class IncidentStoreContract {

	static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	static final Instant T0 = Instant.parse("2026-11-23T05:58:00Z"); // 13:58 in Shanghai

	static final ChatRef CHAT = new ChatRef("tg", "-1001", null, false);

	protected IncidentStore store;

	/** A new, empty store. */
	protected abstract IncidentStore open();

	@BeforeEach
	void openStore() {
		store = open();
	}

	static IncidentStore.Entry entry(TimelineType type, String person, Map<String, String> details) {
		return new IncidentStore.Entry(type, person, "名" + person, "tg", T0, details);
	}

	Incident declare() {
		return store.create(new IncidentStore.NewIncident(IncidentKind.REAL, "db-down", CHAT, "p1", T0, T0,
				Map.of("steps", "s1", "flow", "f1")), entry(TimelineType.DECLARED, "p1", Map.of("playbook", "db-down")));
	}

	@Test
	void anIncidentGetsTheNextNumberOfItsDayAndItsDeclarationOnTheTimeline() {
		Incident first = declare();
		Incident second = declare();
		assertThat(first.id()).isEqualTo("INC-20261123-001");
		assertThat(second.id()).isEqualTo("INC-20261123-002");
		assertThat(first.status()).isEqualTo(IncidentStatus.OPEN);
		assertThat(first.cursor(Track.STEPS)).contains("s1");
		assertThat(first.fields()).containsEntry("version", "1").containsEntry("playbook", "db-down");
		List<TimelineEntry> timeline = store.timeline(first.id());
		assertThat(timeline).singleElement().satisfies((e) -> {
			assertThat(e.type()).isEqualTo(TimelineType.DECLARED);
			assertThat(e.personName()).isEqualTo("名p1");
			assertThat(e.details()).containsEntry("playbook", "db-down");
			assertThat(e.at()).isEqualTo(T0);
		});
		assertThat(store.openIn(CHAT)).extracting(Incident::id).containsExactly(first.id(), second.id());
		assertThat(store.openIn(new ChatRef("tg", "-1002", null, false))).isEmpty();
	}

	@Test
	void aStepChangesOnlyWhileItIsTheTracksCurrentStepInAnAcceptedState() {
		Incident incident = declare();
		StepState done = new StepState(StepState.Status.DONE, "p2", null);
		IncidentStore.Result moved = store.changeStep(incident, Track.STEPS, "s9", Set.of(StepState.Status.OPEN), done,
				"s2", entry(TimelineType.STEP_DONE, "p2", Map.of("step", "s9")));
		assertThat(moved.applied()).isFalse();
		assertThat(moved.code()).isEqualTo("moved");
		assertThat(moved.detail()).isEqualTo("s1");
		IncidentStore.Result ok = store.changeStep(incident, Track.STEPS, "s1", Set.of(StepState.Status.OPEN), done,
				"s2", entry(TimelineType.STEP_DONE, "p2", Map.of("step", "s1")));
		assertThat(ok.applied()).isTrue();
		Incident after = store.find(incident.id()).orElseThrow();
		assertThat(after.cursor(Track.STEPS)).contains("s2");
		assertThat(after.stepState("s1").status()).isEqualTo(StepState.Status.DONE);
		assertThat(after.fields()).containsEntry("version", "2");
		// s2 open, but only BLOCKED accepted: refused with its state
		IncidentStore.Result state = store.changeStep(after, Track.STEPS, "s2", Set.of(StepState.Status.BLOCKED), done,
				null, entry(TimelineType.STEP_DONE, "p2", Map.of()));
		assertThat(state.code()).isEqualTo("state");
		assertThat(store.timeline(incident.id())).extracting(TimelineEntry::type)
			.containsExactly(TimelineType.DECLARED, TimelineType.STEP_DONE);
		assertThat(store.timeline(incident.id()).get(1).id()).isEqualTo(ok.detail());
	}

	@Test
	void aClosedIncidentLeavesTheOpenListTakesNoStepsAndOnlyEvenClosedOnceFacts() {
		Incident incident = declare();
		IncidentStore.Result wrong = store.change(incident, Set.of(IncidentStatus.RECOVERED),
				Map.of("status", "CLOSED"), entry(TimelineType.CLOSED, "p1", Map.of()));
		assertThat(wrong.code()).isEqualTo("status");
		assertThat(wrong.detail()).isEqualTo("OPEN");
		assertThat(store.change(incident, Set.of(IncidentStatus.OPEN), Map.of("status", "CLOSED", "closedAt", "1"),
				entry(TimelineType.CLOSED, "p1", Map.of())).applied()).isTrue();
		assertThat(store.open()).isEmpty();
		assertThat(store.find(incident.id()).orElseThrow().status()).isEqualTo(IncidentStatus.CLOSED);
		assertThat(store.changeStep(incident, Track.STEPS, "s1", Set.of(StepState.Status.OPEN),
				new StepState(StepState.Status.DONE, "p1", null), "s2", entry(TimelineType.STEP_DONE, "p1", Map.of()))
			.code()).isEqualTo("closed");
		assertThat(store.once(incident, "report:1", "x", entry(TimelineType.REPORTED, "p1", Map.of())).code())
			.isEqualTo("closed");
		assertThat(store.onceEvenClosed(incident, "report:1", "x", entry(TimelineType.REPORTED, "p1", Map.of()))
			.applied()).isTrue();
		IncidentStore.Result again = store.onceEvenClosed(incident, "report:1", "y",
				entry(TimelineType.REPORTED, "p1", Map.of()));
		assertThat(again.code()).isEqualTo("exists");
		assertThat(again.detail()).isEqualTo("x");
		assertThat(store.owing()).isEmpty();
		store.setOwing(incident, true);
		assertThat(store.owingIn(CHAT)).extracting(Incident::id).containsExactly(incident.id());
		store.setOwing(incident, false);
		assertThat(store.owing()).isEmpty();
	}

	@Test
	void bookkeepingFieldsAndTheForumTopicAreKeptWithoutATimelineEntry() {
		Incident incident = declare();
		store.setField(incident.id(), "levelSeen", "III");
		store.setFields(incident.id(), Map.of("esc:1:tier", "2", "esc:1:round", "1"));
		store.setField(incident.id(), "levelSeen", "II");
		ChatRef topic = new ChatRef("tg", "-1001", "77", true);
		store.setThread(incident.id(), topic);
		Incident after = store.find(incident.id()).orElseThrow();
		assertThat(after.fields()).containsEntry("levelSeen", "II").containsEntry("esc:1:tier", "2");
		assertThat(after.chat().threadId()).isEqualTo("77");
		assertThat(store.incidentOfThread(topic)).contains(incident.id());
		assertThat(store.incidentOfThread(new ChatRef("tg", "-1001", "78", true))).isEmpty();
		assertThat(store.timeline(incident.id())).hasSize(1);
		assertThat(store.find("INC-20261123-999")).isEmpty();
	}

	@Test
	void theWritesOfAnUpdateHandledTwiceTakeEffectOnce() {
		Incident incident = Effects.within("tg:1", this::declare);
		assertThat(Effects.within("tg:1", this::declare).id()).isEqualTo(incident.id());
		IncidentStore.Entry note = entry(TimelineType.NOTE, "p1", Map.of("text", "厂商已到场"));
		IncidentStore.Result first = Effects.within("tg:2",
				() -> store.change(incident, Set.of(IncidentStatus.OPEN), Map.of(), note));
		IncidentStore.Result replay = Effects.within("tg:2",
				() -> store.change(incident, Set.of(IncidentStatus.OPEN), Map.of(), note));
		assertThat(replay).isEqualTo(first);
		Effects.within("tg:3", () -> store.change(incident, Set.of(IncidentStatus.OPEN), Map.of(), note));
		assertThat(store.open()).hasSize(1);
		assertThat(store.timeline(incident.id())).extracting(TimelineEntry::type)
			.containsExactly(TimelineType.DECLARED, TimelineType.NOTE, TimelineType.NOTE);
	}

	@Test
	void twentyPeoplePressingTheSameStepButtonAtOnceRecordOneAction() throws Exception {
		Incident incident = declare();
		List<IncidentStore.Result> results = race(20, (n) -> store.changeStep(incident, Track.STEPS, "s1",
				Set.of(StepState.Status.OPEN), new StepState(StepState.Status.DONE, "p" + n, null), "s2",
				entry(TimelineType.STEP_DONE, "p" + n, Map.of("step", "s1"))));
		assertThat(results).filteredOn(IncidentStore.Result::applied).hasSize(1);
		assertThat(results).filteredOn((r) -> !r.applied()).allSatisfy((r) -> assertThat(r.code()).isEqualTo("moved"));
		assertThat(store.timeline(incident.id())).filteredOn((e) -> e.type() == TimelineType.STEP_DONE).hasSize(1);
		assertThat(store.find(incident.id()).orElseThrow().fields()).containsEntry("version", "2");
	}

	@Test
	void twentyApprovalsOfTheSameReportAtOnceRecordOne() throws Exception {
		Incident incident = declare();
		List<IncidentStore.Result> results = race(20,
				(n) -> store.once(incident, "approve:1:cro", "p" + n, entry(TimelineType.REPORTED, "p" + n, Map.of())));
		assertThat(results).filteredOn(IncidentStore.Result::applied).hasSize(1);
		assertThat(results).filteredOn((r) -> !r.applied()).hasSize(19);
		assertThat(store.timeline(incident.id())).hasSize(2);
	}

	interface Press<T> {

		T press(int n) throws Exception;

	}

	/** Runs {@code n} presses released at the same moment; their results. */
	static <T> List<T> race(int n, Press<T> press) throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(n);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<T>> futures = new ArrayList<>();
			for (int i = 0; i < n; i++) {
				int number = i;
				futures.add(threads.submit((Callable<T>) () -> {
					start.await();
					return press.press(number);
				}));
			}
			start.countDown();
			List<T> results = new ArrayList<>();
			for (Future<T> future : futures) {
				results.add(future.get());
			}
			return results;
		}
		finally {
			threads.shutdownNow();
		}
	}

}
