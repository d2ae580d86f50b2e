package com.warroom.bot.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.warroom.bot.assessment.AffectedSystems;
import com.warroom.bot.drill.DrillStore;
import com.warroom.bot.incident.Incident;
import com.warroom.bot.incident.IncidentKind;
import com.warroom.bot.incident.TimelineEntry;
import com.warroom.bot.incident.TimelineType;
import com.warroom.playbooks.SystemClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whole plan with three injects — one declare, one complication, one fact change — runs
 * from {@code /drill start} to {@code /drill stop} on a controlled clock (GH-16 "Done
 * when"). The drill's timeline ({@link DrillStore#events}) holds each inject's planned
 * and actual time, and the drill incident's own timeline holds the declaration, the
 * complication and the fact change at those times. (The drill record and summary
 * assertions belong on top of this test: drillrec16.)
 */
class DrillPlanEndToEndTests {

	@Test
	void aWholePlanRunsFromStartToStopAndItsTimelineHoldsEachInject(@TempDir Path dir) {
		DrillRig rig = new DrillRig(DrillRig.plansDir(dir, "three.yaml", DrillPlanFlowTests.PLAN));
		Instant start = rig.chat.clock.instant();
		rig.command(DrillRig.COORDINATOR, "/drill start three");
		String run = rig.store.runs().get(0).id();

		rig.chat.clock.advance(Duration.ofMinutes(1));
		String declared = DrillRig.texts(rig.tick());
		Incident incident = DrillPlanFlowTests.incident(rig, run);
		assertThat(incident.id()).startsWith("DRL-");
		assertThat(incident.kind()).isEqualTo(IncidentKind.DRILL);
		assertThat(incident.playbookId()).isEqualTo("central.db-host-hardware");
		assertThat(incident.chat()).isEqualTo(rig.chat.chat);
		// the normal drill path: the card and the first step, marked 演练
		assertThat(declared).contains(incident.id(), "【演练】");
		assertThat(rig.delivered).anySatisfy((action) -> assertThat(action).isInstanceOfSatisfying(Outbound.Edit.class,
				(edit) -> assertThat(edit.slot()).isEqualTo(IncidentViews.cardSlot(incident))));

		rig.chat.clock.advance(Duration.ofMinutes(1));
		assertThat(DrillRig.texts(rig.tick())).contains("【演练】情况通报（注入 node2，T+0:02:00）：节点 2 未能接管");
		rig.chat.clock.advance(Duration.ofMinutes(1));
		assertThat(DrillRig.texts(rig.tick())).contains("事实变化（注入 spread，T+0:03:00）", incident.id());
		Incident spread = rig.chat.incidents.find(incident.id()).orElseThrow();
		assertThat(AffectedSystems.states(spread, EngineHarness.LIBRARY.find(spread.playbookId()).orElseThrow()))
			.as("the fact path of /level: bank transfer now affected")
			.containsKey(SystemClass.BANK_TRANSFER);

		rig.chat.clock.advance(Duration.ofMinutes(2));
		assertThat(DrillRig.texts(rig.command(DrillRig.COORDINATOR, "/drill stop"))).contains("已执行注入 3/3");

		List<DrillStore.Event> events = rig.store.events(run);
		assertThat(events).extracting(DrillStore.Event::type)
			.containsExactly(DrillStore.EventType.STARTED, DrillStore.EventType.INJECT, DrillStore.EventType.INJECT,
					DrillStore.EventType.INJECT, DrillStore.EventType.STOPPED);
		assertThat(events.get(0).at()).isEqualTo(start);
		List<DrillStore.Event> injects = events.subList(1, 4);
		assertThat(injects).extracting(DrillStore.Event::injectId).containsExactly("fault", "node2", "spread");
		assertThat(injects).extracting(DrillStore.Event::at)
			.containsExactly(start.plusSeconds(60), start.plusSeconds(120), start.plusSeconds(180));
		assertThat(injects).extracting(DrillStore.Event::plannedAt)
			.containsExactly(start.plusSeconds(60), start.plusSeconds(120), start.plusSeconds(180));
		assertThat(injects).extracting(DrillStore.Event::incident).containsOnly(incident.id());
		assertThat(events.get(4).at()).isEqualTo(start.plusSeconds(300));

		List<TimelineEntry> timeline = rig.chat.incidents.timeline(incident.id());
		TimelineEntry declaredEntry = timeline.get(0);
		assertThat(declaredEntry.type()).isEqualTo(TimelineType.DECLARED);
		assertThat(declaredEntry.at()).isEqualTo(start.plusSeconds(60));
		assertThat(declaredEntry.details()).containsEntry("drillRun", run).containsEntry("inject", "fault");
		assertThat(declaredEntry.personId()).isEqualTo("chen-drill");
		assertThat(timeline).filteredOn((entry) -> "node2".equals(entry.details().get("inject")))
			.singleElement()
			.satisfies((entry) -> {
				assertThat(entry.type()).isEqualTo(TimelineType.NOTE);
				assertThat(entry.at()).isEqualTo(start.plusSeconds(120));
			});
		assertThat(timeline).filteredOn((entry) -> entry.type() == TimelineType.FACT_SET)
			.singleElement()
			.satisfies((entry) -> assertThat(entry.at()).isEqualTo(start.plusSeconds(180)));
	}

}
