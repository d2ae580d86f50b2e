package com.warroom.bot.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.warroom.bot.incident.Escalation;
import com.warroom.bot.incident.Incident;
import com.warroom.bot.incident.TimelineType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.warroom.bot.engine.EngineHarness.DBA;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * GH-14: raising an escalation is one atomic change of the store. Two raised at once (two
 * instances, or the clock and a press, both holding the incident as it was before either
 * wrote) get different numbers, and each moves through its tiers; none is left half
 * raised. The tiers are the bundled {@code escalation.yaml} (技术部负责人 → 应急工作小组组长 →
 * 应急领导小组组长、首席风险官, seeds 附件四).
 */
class EscalationRaiseTests {

	private ClockRig rig;

	@BeforeEach
	void setUp() {
		rig = new ClockRig();
		rig.chat.declare(DBA, "数据库主机", "数据库主机硬件故障"); // escalation 1: declared
	}

	private Incident incident() {
		return rig.chat.incidents.open().get(0);
	}

	@Test
	void twoEscalationsRaisedFromOneSnapshotGetDistinctNumbersAndBothMoveThroughTheirTiers() {
		Incident seen = incident();
		assertThat(rig.escalations.raise(seen, "overdue:a", "报告甲逾期")).isNotEmpty();
		assertThat(rig.escalations.raise(seen, "overdue:b", "报告乙逾期")).isNotEmpty();
		Incident now = incident();
		assertThat(now.openEscalations()).containsOnlyKeys(1, 2, 3);
		assertThat(now.escalation(2)).get().extracting(Escalation::cause).isEqualTo("overdue:a");
		assertThat(now.escalation(3)).get().extracting(Escalation::cause).isEqualTo("overdue:b");
		assertThat(rig.chat.incidents.timeline(now.id())).filteredOn((e) -> e.type() == TimelineType.ESCALATED)
			.extracting((e) -> e.details().get("esc"))
			.containsExactly("1", "2", "3");
		// each moves on to the next tier when its acknowledgement times out, and on again
		rig.planner.changed(now.id());
		for (int tier = 1; tier <= 2; tier++) {
			rig.chat.clock.advance(Duration.ofMinutes(5));
			rig.fire(now.id(), "ESC:2", null);
			rig.fire(now.id(), "ESC:3", null);
			for (int number : List.of(2, 3)) {
				Escalation escalation = incident().escalation(number).orElseThrow();
				assertThat(escalation.tier()).as("escalation %d", number).isEqualTo(tier);
				assertThat(escalation.round()).isEqualTo(1);
			}
		}
		assertThat(incident().escalation(2).orElseThrow().told()).containsExactly("zhou-tech", "li-it", "zhao-gm",
				"sun-cro");
		assertThat(incident().escalation(3).orElseThrow().told()).containsExactly("zhou-tech", "li-it", "zhao-gm",
				"sun-cro");
	}

	@Test
	void escalationsRaisedConcurrentlyAllGetTheirOwnNumberAndOneCauseIsRaisedOnce() throws Exception {
		Incident seen = incident();
		int threads = 8;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Boolean>> raised = new ArrayList<>();
		try {
			for (int i = 0; i < threads; i++) {
				String cause = "overdue:" + (i % 4); // each cause twice
				raised.add(pool.submit(() -> {
					start.await();
					return !rig.escalations.raise(seen, cause, "报告逾期 " + cause).isEmpty();
				}));
			}
			start.countDown();
			int applied = 0;
			for (Future<Boolean> one : raised) {
				applied += one.get() ? 1 : 0;
			}
			assertThat(applied).isEqualTo(4);
		}
		finally {
			pool.shutdownNow();
		}
		Incident now = incident();
		assertThat(now.escalations()).containsOnlyKeys(1, 2, 3, 4, 5);
		assertThat(now.escalations().values()).extracting(Escalation::cause)
			.containsExactlyInAnyOrder("declared", "overdue:0", "overdue:1", "overdue:2", "overdue:3");
		assertThat(now.escalations().values()).allSatisfy((e) -> {
			assertThat(e.next()).isNotNull();
			assertThat(e.told()).containsExactly("zhou-tech");
		});
	}

}
