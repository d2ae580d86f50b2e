package com.warroom.bot.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.warroom.bot.incident.Incident;
import com.warroom.bot.store.RawFields;
import com.warroom.playbooks.Obligation;
import com.warroom.playbooks.ObligationKind;
import com.warroom.playbooks.Playbook;
import org.junit.jupiter.api.Test;

import static com.warroom.bot.engine.EngineHarness.DBA;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * GH-10: the card says when a working-day deadline falls in a year the calendar does not
 * hold (the bundled calendar holds 2026; 30 working days after 2026-11-23 end in 2027).
 */
class CalendarGapCardTests {

	@Test
	void theCardSaysTheCalendarFor2027IsMissing() {
		EngineHarness chat = new EngineHarness(TestRedis.fresh());
		chat.declare(DBA, "数据库主机", "数据库主机硬件故障");
		Incident incident = chat.incidents.openIn(chat.chat).get(0);
		Playbook playbook = EngineHarness.LIBRARY.find(incident.playbookId()).orElseThrow();
		assertThat(chat.views.card(incident, playbook)).doesNotContain("工作日历未配置");
		chat.clock.advance(Duration.ofMinutes(40));
		// as /recovered stores it
		RawFields.set(chat.incidents, incident.id(),
				Map.of("status", "RECOVERED", "recoveredAt", String.valueOf(chat.clock.instant().toEpochMilli())));
		Incident recovered = chat.incidents.find(incident.id()).orElseThrow();
		List<Obligation> owed = chat.assessments.assess(recovered, playbook).owed();
		assertThat(owed).filteredOn((o) -> o.kind() == ObligationKind.SUPPLEMENTARY)
			.singleElement()
			.satisfies((o) -> assertThat(o.calendarMissing()).containsExactly(2027));
		assertThat(chat.views.card(recovered, playbook))
			.contains("⚠️ 2027 年的工作日历未配置：补充报告的截止时间（2027-01-04 23:59）按周一至周五计算，可能有误。");
	}

}
