package com.warroom.bot.engine;

import java.time.Duration;
import java.util.List;

import com.warroom.bot.assessment.Assessment;
import com.warroom.bot.incident.Incident;
import com.warroom.bot.incident.TimelineEntry;
import com.warroom.playbooks.Playbook;
import com.warroom.playbooks.ReportingObligations;
import com.warroom.playbooks.ReportingPolicy;
import com.warroom.playbooks.Severity;
import com.warroom.playbooks.SeverityGrader;
import com.warroom.playbooks.WorkingDayCalendar;
import org.junit.jupiter.api.Test;

import static com.warroom.bot.engine.EngineHarness.DBA;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * GH-14: the assessment is a pure function of the incident, its timeline, its playbook,
 * the policy and the time, apart from any rendering; the store is read only for the
 * timeline, at most once, and only when the reports owed are asked for.
 */
class AssessmentTests {

	private final CountingIncidentStore[] counting = new CountingIncidentStore[1];

	private final EngineHarness chat = new EngineHarness(TestRedis.fresh(),
			(store) -> counting[0] = new CountingIncidentStore(store));

	@Test
	void anAssessmentFromASnapshotAndItsTimelineNeedsNoStore() {
		chat.declare(DBA, "数据库主机", "数据库主机硬件故障");
		Incident incident = chat.incidents.open().get(0);
		Playbook playbook = EngineHarness.LIBRARY.find(incident.playbookId()).orElseThrow();
		List<TimelineEntry> timeline = chat.incidents.timeline(incident.id());
		Assessment.Policy policy = new Assessment.Policy(new SeverityGrader(),
				new ReportingObligations(ReportingPolicy.bundled(), WorkingDayCalendar.bundled()), 200_000,
				Duration.ofMinutes(5));
		counting[0].reset();
		Assessment assessment = Assessment.of(incident, playbook, timeline, policy, chat.clock.instant());
		// 附件四 数据库主机硬件故障 graded 一般 at the start (4.2 第四章); a periodic report owed at once
		assertThat(assessment.level().effective()).isEqualTo(Severity.GENERAL);
		assertThat(assessment.level().overridden()).isFalse();
		assertThat(assessment.nextReport()).get().satisfies((next) -> {
			assertThat(next.immediate()).isTrue();
			assertThat(next.made()).isZero();
		});
		assertThat(assessment.owed()).isNotEmpty();
		assertThat(counting[0].incidentReads.get() + counting[0].timelineReads.get()).isZero();
		// the same as the store-backed assessment the card, the board and the clock use
		Assessment now = chat.assessments.assess(incident, playbook);
		assertThat(now.level()).isEqualTo(assessment.level());
		assertThat(now.owed()).isEqualTo(assessment.owed());
	}

	@Test
	void theTimelineIsReadOnceAndOnlyForTheReportsOwed() {
		chat.declare(DBA, "数据库主机", "数据库主机硬件故障");
		Incident incident = chat.incidents.open().get(0);
		Playbook playbook = EngineHarness.LIBRARY.find(incident.playbookId()).orElseThrow();
		counting[0].reset();
		Assessment assessment = chat.assessments.assess(incident, playbook);
		assertThat(assessment.grade().level()).isEqualTo(Severity.GENERAL);
		assertThat(assessment.nextLevelAt()).isPresent();
		assertThat(counting[0].timelineReads.get()).isZero();
		assessment.nextReport();
		assessment.owed();
		assessment.history();
		assertThat(counting[0].timelineReads.get()).isEqualTo(1);
		assertThat(counting[0].incidentReads.get()).isZero();
	}

}
