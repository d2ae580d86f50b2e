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
import com.warroom.bot.incident.FactChange;
import com.warroom.bot.incident.Facts;
import com.warroom.bot.incident.Incident;
import com.warroom.bot.incident.IncidentKind;
import com.warroom.bot.incident.IncidentStatus;
import com.warroom.bot.incident.IncidentStore;
import com.warroom.bot.incident.ReportRecord;
import com.warroom.bot.incident.StepState;
import com.warroom.bot.incident.TimelineEntry;
import com.warroom.bot.incident.TimelineType;
import com.warroom.playbooks.Interruption;
import com.warroom.playbooks.Settlement;
import com.warroom.playbooks.Severity;
import com.warroom.playbooks.SystemClass;
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

	protected FieldIncidentStore store;

	/** A new, empty store. */
	protected abstract FieldIncidentStore open();

	@BeforeEach
	void openStore() {
		store = open();
	}

	static IncidentStore.Entry entry(TimelineType type, String person, Map<String, String> details) {
		return new IncidentStore.Entry(type, person, "名" + person, "tg", T0, details);
	}

	Incident declare() {
		return store.create(
				new IncidentStore.NewIncident(IncidentKind.REAL, "db-down", CHAT, "p1", T0, T0,
						Map.of(Track.STEPS, "s1", Track.FLOW, "f1")),
				entry(TimelineType.DECLARED, "p1", Map.of("playbook", "db-down")));
	}

	@Test
	void anIncidentGetsTheNextNumberOfItsDayAndItsDeclarationOnTheTimeline() {
		Incident first = declare();
		Incident second = declare();
		assertThat(first.id()).isEqualTo("INC-20261123-001");
		assertThat(second.id()).isEqualTo("INC-20261123-002");
		assertThat(first.status()).isEqualTo(IncidentStatus.OPEN);
		assertThat(first.cursor(Track.STEPS)).contains("s1");
		assertThat(first.version()).isEqualTo(1);
		assertThat(first.playbookId()).isEqualTo("db-down");
		assertThat(store.fields(first.id())).containsEntry("playbook", "db-down");
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
		assertThat(after.version()).isEqualTo(2);
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
		assertThat(store
			.change(incident, Set.of(IncidentStatus.OPEN), Map.of("status", "CLOSED", "closedAt", "1"),
					entry(TimelineType.CLOSED, "p1", Map.of()))
			.applied()).isTrue();
		assertThat(store.open()).isEmpty();
		assertThat(store.find(incident.id()).orElseThrow().status()).isEqualTo(IncidentStatus.CLOSED);
		assertThat(store.changeStep(incident, Track.STEPS, "s1", Set.of(StepState.Status.OPEN),
				new StepState(StepState.Status.DONE, "p1", null), "s2", entry(TimelineType.STEP_DONE, "p1", Map.of()))
			.code()).isEqualTo("closed");
		assertThat(store.once(incident, "report:1", "x", entry(TimelineType.REPORTED, "p1", Map.of()), false).code())
			.isEqualTo("closed");
		assertThat(store.once(incident, "report:1", "x", entry(TimelineType.REPORTED, "p1", Map.of()), true).applied())
			.isTrue();
		IncidentStore.Result again = store.once(incident, "report:1", "y", entry(TimelineType.REPORTED, "p1", Map.of()),
				true);
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
		store.setFields(incident.id(), Map.of("levelSeen", "LARGER"));
		store.setFields(incident.id(), Map.of("esc:1:tier", "2", "esc:1:round", "1"));
		store.setFields(incident.id(), Map.of("levelSeen", "MAJOR"));
		ChatRef topic = new ChatRef("tg", "-1001", "77", true);
		store.setThread(incident.id(), topic);
		Incident after = store.find(incident.id()).orElseThrow();
		assertThat(store.fields(after.id())).containsEntry("levelSeen", "MAJOR").containsEntry("esc:1:tier", "2");
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
		List<IncidentStore.Result> results = race(20,
				(n) -> store.changeStep(incident, Track.STEPS, "s1", Set.of(StepState.Status.OPEN),
						new StepState(StepState.Status.DONE, "p" + n, null), "s2",
						entry(TimelineType.STEP_DONE, "p" + n, Map.of("step", "s1"))));
		assertThat(results).filteredOn(IncidentStore.Result::applied).hasSize(1);
		assertThat(results).filteredOn((r) -> !r.applied()).allSatisfy((r) -> assertThat(r.code()).isEqualTo("moved"));
		assertThat(store.timeline(incident.id())).filteredOn((e) -> e.type() == TimelineType.STEP_DONE).hasSize(1);
		assertThat(store.find(incident.id()).orElseThrow().version()).isEqualTo(2);
	}

	@Test
	void twentyApprovalsOfTheSameReportAtOnceRecordOne() throws Exception {
		Incident incident = declare();
		List<IncidentStore.Result> results = race(20, (n) -> store.once(incident, "approve:1:cro", "p" + n,
				entry(TimelineType.REPORTED, "p" + n, Map.of()), false));
		assertThat(results).filteredOn(IncidentStore.Result::applied).hasSize(1);
		assertThat(results).filteredOn((r) -> !r.applied()).hasSize(19);
		assertThat(store.timeline(incident.id())).hasSize(2);
	}

	@Test
	void escalationsRaisedAtOnceGetOneNumberPerCauseAndOneAcknowledgementEach() throws Exception {
		Incident incident = declare();
		Instant next = T0.plusSeconds(300);
		List<java.util.OptionalInt> same = race(10, (n) -> store.raiseEscalation(incident, "declared", "宣布", next,
				List.of("p1"), entry(TimelineType.ESCALATED, "system", Map.of())));
		assertThat(same).filteredOn(java.util.OptionalInt::isPresent)
			.singleElement()
			.satisfies((number) -> assertThat(number.getAsInt()).isEqualTo(1));
		List<java.util.OptionalInt> own = race(10, (n) -> store.raiseEscalation(incident, "overdue:" + n, "超时", next,
				List.of("p2"), entry(TimelineType.ESCALATED, "system", Map.of())));
		assertThat(own).allSatisfy((number) -> assertThat(number).isPresent());
		assertThat(own.stream().mapToInt(java.util.OptionalInt::getAsInt).sorted().toArray()).containsExactly(2, 3, 4,
				5, 6, 7, 8, 9, 10, 11);
		Incident raised = store.find(incident.id()).orElseThrow();
		assertThat(store.fields(raised.id())).containsEntry("esc:1:told", "p1").containsEntry("esc:1:tier", "0");
		assertThat(store.timeline(incident.id())).filteredOn((e) -> e.type() == TimelineType.ESCALATED)
			.hasSize(11)
			.first()
			.satisfies((e) -> assertThat(e.details()).containsEntry("esc", "1"));

		assertThat(store
			.moveEscalation(raised, 1, 1, 1, next.plusSeconds(300), List.of("p3", "p1"),
					entry(TimelineType.ESCALATED, "system", Map.of()))
			.applied()).isTrue();
		assertThat(store
			.moveEscalation(raised, 1, 1, 1, next.plusSeconds(300), List.of("p4"),
					entry(TimelineType.ESCALATED, "system", Map.of()))
			.code()).isEqualTo("exists");
		assertThat(store.fields(incident.id())).containsEntry("esc:1:told", "p1,p3").containsEntry("esc:1:tier", "1");
		List<IncidentStore.Result> acks = race(10, (n) -> store.acknowledgeEscalation(raised, 1, "p" + n, T0,
				entry(TimelineType.ESCALATION_ACKED, "p" + n, Map.of())));
		assertThat(acks).filteredOn(IncidentStore.Result::applied).hasSize(1);
		assertThat(store
			.moveEscalation(raised, 1, 1, 2, next, List.of(), entry(TimelineType.ESCALATED, "system", Map.of()))
			.code()).isEqualTo("acked");
		assertThat(store.exhaustEscalation(raised, 2, entry(TimelineType.ESCALATION_EXHAUSTED, "system", Map.of()))
			.applied()).isTrue();
		assertThat(store
			.moveEscalation(raised, 2, 2, 0, next, List.of(), entry(TimelineType.ESCALATED, "system", Map.of()))
			.code()).isEqualTo("ended");
		store.markUnreachable(incident.id(), "p9");
		assertThat(store.find(incident.id()).orElseThrow().unreachable()).contains("p9");
	}

	@Test
	void aLevelSetByALeaderNeedsAnIncidentNotClosedAndARiseIsRecordedOncePerLevel() throws Exception {
		Incident incident = declare();
		assertThat(
				store.setLevel(incident, Severity.LARGER, "影响交易", "p1", entry(TimelineType.LEVEL_SET, "p1", Map.of()))
					.applied())
			.isTrue();
		List<IncidentStore.Result> rises = race(10, (n) -> store.raiseLevel(incident, Severity.MAJOR,
				entry(TimelineType.LEVEL_RAISED, "system", Map.of())));
		assertThat(rises).filteredOn(IncidentStore.Result::applied).hasSize(1);
		store.overrideAnnounced(incident.id(), "LARGER|p1|影响交易");
		Incident after = store.find(incident.id()).orElseThrow();
		assertThat(store.fields(after.id())).containsEntry("level", "LARGER")
			.containsEntry("levelBy", "p1")
			.containsEntry("levelSeen", "MAJOR")
			.containsEntry("overrideSeen", "LARGER|p1|影响交易");
		store.levelAnnounced(incident.id(), Severity.EXTRAORDINARY);
		assertThat(store.fields(incident.id())).containsEntry("levelSeen", "EXTRAORDINARY");
		store.change(after, Set.of(IncidentStatus.OPEN), Map.of("status", "CLOSED"),
				entry(TimelineType.CLOSED, "p1", Map.of()));
		assertThat(
				store.setLevel(after, Severity.EXTRAORDINARY, "x", "p1", entry(TimelineType.LEVEL_SET, "p1", Map.of()))
					.code())
			.isEqualTo("status");
	}

	@Test
	void anIncidentWrittenWithTheRawLayoutOfBeforeReadsBackIntoItsTypedParts() {
		// GH-14: the fields exactly as the flows wrote
		// them before the incident had typed parts
		Incident incident = declare();
		Map<String, String> old = new java.util.LinkedHashMap<>();
		old.put("interruption", "PARTIAL");
		old.put("investorsAffected", "false");
		old.put("damaged", "12");
		old.put("leaked", "3");
		old.put("settlement", "DATA_ERROR");
		old.put("haltAt", String.valueOf(T0.plusSeconds(60).toEpochMilli()));
		old.put("crimeAt", String.valueOf(T0.plusSeconds(120).toEpochMilli()));
		old.put("dataAt", String.valueOf(T0.plusSeconds(180).toEpochMilli()));
		old.put("dataLastAt", String.valueOf(T0.plusSeconds(240).toEpochMilli()));
		old.put("remoteAccess", "true");
		old.put("causeKnown", "false");
		old.put("sys:bank-transfer", "FULL|60000|" + T0.toEpochMilli());
		old.put("sum:cause", "SDH 专线被施工挖断");
		old.put("sum:occurred", String.valueOf(T0.minusSeconds(600).toEpochMilli()));
		old.put("req:INITIAL:1", "p2");
		old.put("rep:INITIAL:1", "p2");
		old.put("req:CYCLE:1", "p3");
		old.put("book:CYCLE:1", "INC-1-报告书.pdf");
		old.put("booksha:CYCLE:1", "abc123");
		old.put("bookv:CYCLE:1", "2");
		old.put("bookfp:CYCLE:1", "7");
		old.put("appr:CYCLE:1:v1:cro", "p4");
		old.put("appr:CYCLE:1:v2:gm", "p5");
		old.put("deleg:CYCLE:1:cro", "p6");
		old.put("cursor:after", "a1");
		old.put("st:s1", "blocked:p2");
		old.put("reason:s1", "机房门禁故障");
		store.setFields(incident.id(), old);

		Incident found = store.find(incident.id()).orElseThrow();
		assertThat(found.interruption()).isEqualTo(Interruption.PARTIAL);
		assertThat(found.investorsAffected()).isFalse();
		Facts facts = found.facts();
		assertThat(facts.damaged()).isEqualTo(12);
		assertThat(facts.leaked()).isEqualTo(3);
		assertThat(facts.settlement()).isEqualTo(Settlement.DATA_ERROR);
		assertThat(facts.haltAt()).isEqualTo(T0.plusSeconds(60));
		assertThat(facts.crimeAt()).isEqualTo(T0.plusSeconds(120));
		assertThat(facts.dataAt()).isEqualTo(T0.plusSeconds(180));
		assertThat(facts.dataLastAt()).isEqualTo(T0.plusSeconds(240));
		assertThat(facts.remoteAccess()).isTrue();
		assertThat(facts.causeKnown()).isFalse();
		assertThat(facts.systems())
			.containsExactly(Map.entry(SystemClass.BANK_TRANSFER, "FULL|60000|" + T0.toEpochMilli()));
		assertThat(found.answer("cause")).isEqualTo("SDH 专线被施工挖断");
		assertThat(found.answer("occurred")).isEqualTo(String.valueOf(T0.minusSeconds(600).toEpochMilli()));
		assertThat(found.answer("human")).isEmpty();
		ReportRecord initial = found.report("INITIAL:1");
		assertThat(initial.requestedBy()).isEqualTo("p2");
		assertThat(initial.reported()).isTrue();
		assertThat(initial.hasBook()).isFalse();
		ReportRecord cycle = found.report("CYCLE:1");
		assertThat(cycle.requestedBy()).isEqualTo("p3");
		assertThat(cycle.reported()).isFalse();
		assertThat(cycle.book()).isEqualTo("INC-1-报告书.pdf");
		assertThat(cycle.sha256()).isEqualTo("abc123");
		assertThat(cycle.version()).isEqualTo(2);
		assertThat(cycle.fingerprint()).isEqualTo("7");
		// signatures of an older version do not count for the current one
		assertThat(cycle.signer("cro")).isNull();
		assertThat(cycle.signer(1, "cro")).isEqualTo("p4");
		assertThat(cycle.signer("gm")).isEqualTo("p5");
		assertThat(cycle.delegate("cro")).isEqualTo("p6");
		assertThat(found.report("SUPPLEMENTARY:1")).isEqualTo(ReportRecord.none("SUPPLEMENTARY:1"));
		assertThat(found.cursor(Track.STEPS)).contains("s1");
		assertThat(found.cursor(Track.AFTER)).contains("a1");
		assertThat(found.started(Track.AFTER)).isTrue();
		assertThat(found.stepState("s1")).isEqualTo(new StepState(StepState.Status.BLOCKED, "p2", null));
		assertThat(found.stepState("s2")).isEqualTo(StepState.OPEN);
		assertThat(found.blockReason("s1")).isEqualTo("机房门禁故障");
		assertThat(found.blockReason("s2")).isEmpty();
	}

	@Test
	void theTypedWritesKeepTheRawLayoutAndReadBackAsWritten() {
		Incident incident = declare();
		Instant at = T0.plusSeconds(30);
		assertThat(store
			.setFacts(incident,
					FactChange.NONE.withInterruption(Interruption.FULL)
						.withDamaged(5)
						.withDataAt(at)
						.withSystem(SystemClass.QUOTES, "PARTIAL|0|" + at.toEpochMilli()),
					entry(TimelineType.FACT_SET, "p1", Map.of()))
			.applied()).isTrue();
		assertThat(store
			.answerSummary(incident, Set.of(IncidentStatus.OPEN), "cause", "断电",
					entry(TimelineType.FACT_SET, "p1", Map.of()))
			.applied()).isTrue();
		assertThat(store.blockReason(incident, "s1", "等待厂商", entry(TimelineType.NOTE, "p1", Map.of())).applied())
			.isTrue();
		assertThat(store
			.requestSignOff(incident, "CYCLE:1", "p2", entry(TimelineType.REPORT_APPROVAL_REQUESTED, "p2", Map.of()))
			.applied()).isTrue();
		IncidentStore.Result twice = store.requestSignOff(incident, "CYCLE:1", "p3",
				entry(TimelineType.REPORT_APPROVAL_REQUESTED, "p3", Map.of()));
		assertThat(twice.code()).isEqualTo("exists");
		assertThat(twice.detail()).isEqualTo("p2");
		store.keepBook(incident.id(), "CYCLE:1", "book.pdf", "sha1", "4");
		assertThat(store.sign(incident, "CYCLE:1", 1, "cro", "p4", entry(TimelineType.REPORT_APPROVED, "p4", Map.of()))
			.applied()).isTrue();
		assertThat(store.sign(incident, "CYCLE:1", 1, "cro", "p5", entry(TimelineType.REPORT_APPROVED, "p5", Map.of()))
			.code()).isEqualTo("exists");
		assertThat(store
			.delegate(incident, Set.of(IncidentStatus.OPEN), "CYCLE:1", "gm", "p6",
					entry(TimelineType.REPORT_DELEGATED, "p1", Map.of()))
			.applied()).isTrue();
		assertThat(store
			.renewBook(incident, Set.of(IncidentStatus.OPEN), "CYCLE:1", "book-2.pdf", "sha2", 2,
					entry(TimelineType.REPORT_BOOK_RENEWED, "p1", Map.of()))
			.applied()).isTrue();
		store.fingerprintBook(incident.id(), "CYCLE:1", "5");
		assertThat(store.gaveUp(incident, "n1", "sms", entry(TimelineType.NOTIFICATION_FAILED, "system", Map.of()))
			.applied()).isTrue();
		assertThat(
				store.gaveUp(incident, "n1", "sms", entry(TimelineType.NOTIFICATION_FAILED, "system", Map.of())).code())
			.isEqualTo("exists");

		Incident found = store.find(incident.id()).orElseThrow();
		assertThat(found.interruption()).isEqualTo(Interruption.FULL);
		assertThat(found.facts().damaged()).isEqualTo(5);
		assertThat(found.facts().dataAt()).isEqualTo(at);
		assertThat(found.facts().leaked()).isZero();
		assertThat(found.facts().remoteAccess()).isNull();
		assertThat(found.facts().systems()).containsEntry(SystemClass.QUOTES, "PARTIAL|0|" + at.toEpochMilli());
		assertThat(found.answer("cause")).isEqualTo("断电");
		assertThat(found.blockReason("s1")).isEqualTo("等待厂商");
		ReportRecord cycle = found.report("CYCLE:1");
		assertThat(cycle.requestedBy()).isEqualTo("p2");
		assertThat(cycle.book()).isEqualTo("book-2.pdf");
		assertThat(cycle.sha256()).isEqualTo("sha2");
		assertThat(cycle.version()).isEqualTo(2);
		assertThat(cycle.fingerprint()).isEqualTo("5");
		assertThat(cycle.signer(1, "cro")).isEqualTo("p4");
		assertThat(cycle.signer("cro")).isNull();
		assertThat(cycle.delegate("gm")).isEqualTo("p6");
		// the stored layout is the one of before (no migration)
		assertThat(store.fields(incident.id())).containsEntry("interruption", "FULL")
			.containsEntry("damaged", "5")
			.containsEntry("dataAt", String.valueOf(at.toEpochMilli()))
			.containsEntry("sys:quotes", "PARTIAL|0|" + at.toEpochMilli())
			.containsEntry("sum:cause", "断电")
			.containsEntry("reason:s1", "等待厂商")
			.containsEntry("req:CYCLE:1", "p2")
			.containsEntry("appr:CYCLE:1:v1:cro", "p4")
			.containsEntry("deleg:CYCLE:1:gm", "p6")
			.containsEntry("bookv:CYCLE:1", "2")
			.containsEntry("bookfp:CYCLE:1", "5")
			.containsEntry("gaveup:n1", "sms");
		// nine entries with a guarded change: one each, none for the refused ones
		assertThat(store.timeline(incident.id())).hasSize(9);

		assertThat(store.close(found, T0, entry(TimelineType.CLOSED, "p1", Map.of())).code()).isEqualTo("status");
		assertThat(store.recover(found, at, "a1", entry(TimelineType.RECOVERED, "p1", Map.of())).applied()).isTrue();
		Incident recovered = store.find(incident.id()).orElseThrow();
		assertThat(recovered.status()).isEqualTo(IncidentStatus.RECOVERED);
		assertThat(recovered.recoveredAt()).isEqualTo(at);
		assertThat(recovered.cursor(Track.AFTER)).contains("a1");
		assertThat(store.recover(recovered, at, null, entry(TimelineType.RECOVERED, "p1", Map.of())).code())
			.isEqualTo("status");
		assertThat(store.close(recovered, at.plusSeconds(60), entry(TimelineType.CLOSED, "p1", Map.of())).applied())
			.isTrue();
		Incident closed = store.find(incident.id()).orElseThrow();
		assertThat(closed.status()).isEqualTo(IncidentStatus.CLOSED);
		assertThat(closed.closedAt()).isEqualTo(at.plusSeconds(60));
		assertThat(store.open()).isEmpty();
		// what is still owed after close is recorded on an incident read closed, not on
		// one read open
		assertThat(store.recordReported(found, "CYCLE:1", "p2", entry(TimelineType.REPORTED, "p2", Map.of())).code())
			.isEqualTo("closed");
		assertThat(
				store.recordReported(closed, "CYCLE:1", "p2", entry(TimelineType.REPORTED, "p2", Map.of())).applied())
			.isTrue();
		assertThat(store.find(incident.id()).orElseThrow().report("CYCLE:1").reportedBy()).isEqualTo("p2");
		assertThat(store
			.append(closed, Set.of(IncidentStatus.OPEN, IncidentStatus.RECOVERED),
					entry(TimelineType.NOTE, "p1", Map.of("text", "迟到")))
			.code()).isEqualTo("status");
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
