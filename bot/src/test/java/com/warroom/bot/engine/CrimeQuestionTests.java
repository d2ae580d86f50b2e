package com.warroom.bot.engine;

import java.time.Duration;
import java.util.List;

import com.warroom.bot.incident.Incident;
import com.warroom.playbooks.Obligation;
import com.warroom.playbooks.ObligationKind;
import com.warroom.playbooks.Playbook;
import org.junit.jupiter.api.Test;

import static com.warroom.bot.engine.EngineHarness.DBA;
import static com.warroom.bot.engine.EngineHarness.button;
import static com.warroom.bot.engine.EngineHarness.texts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * GH-10: attack scenarios ask the first responder whether a crime is suspected; 疑似
 * records the fact, so the police are owed their report at once (4.3 第十一条（二）4,
 * L15113-15117).
 */
class CrimeQuestionTests {

	@Test
	void answeringSuspectedCrimeOwesThePoliceAtOnceAndIsOnTheTimeline() {
		EngineHarness chat = new EngineHarness(TestRedis.fresh());
		List<Outbound> declared = chat.declare(DBA, "网页 篡改", "网页内容被篡改");
		assertThat(texts(declared)).contains("本事件是否疑似涉及计算机（网络）犯罪？");
		chat.clock.advance(Duration.ofMinutes(7));
		List<Outbound> answered = chat.press(DBA, button(declared, "疑似涉及犯罪"));
		assertThat(texts(answered)).contains("已记录 INC-20261123-001：疑似计算机犯罪").contains("同时报送当地公安网监部门。");
		Incident incident = chat.incidents.openIn(chat.chat).get(0);
		Playbook playbook = EngineHarness.LIBRARY.find(incident.playbookId()).orElseThrow();
		Obligation police = chat.assessments.assess(incident, playbook)
			.owed()
			.stream()
			.filter((o) -> o.kind() == ObligationKind.POLICE)
			.findFirst()
			.orElseThrow();
		assertThat(police.dueAt()).isEqualTo(chat.clock.instant());
		assertThat(police.recipients()).containsExactly("当地公安机关网监部门");
		assertThat(chat.incidents.timeline(incident.id()))
			.anySatisfy((e) -> assertThat(chat.views.timelineText().text(e)).isEqualTo("疑似计算机犯罪"));
		// the /level button is gone: the fact is recorded once
		assertThat(EngineHarness.findButton(chat.command(DBA, "/level"), "疑似计算机犯罪")).isEmpty();
	}

	@Test
	void answeringNoCrimeRecordsNothingAndGoesOnToTheFirstStep() {
		EngineHarness chat = new EngineHarness(TestRedis.fresh());
		List<Outbound> declared = chat.declare(DBA, "网页 篡改", "网页内容被篡改");
		List<Outbound> answered = chat.press(DBA, button(declared, "不涉及"));
		assertThat(texts(answered)).doesNotContain("疑似计算机犯罪").doesNotContain("同时报送当地公安网监部门。");
		Incident incident = chat.incidents.openIn(chat.chat).get(0);
		assertThat(incident.facts().crimeAt()).isNull();
		assertThat(incident.cursor(com.warroom.playbooks.Track.STEPS)).contains("m1");
	}

}
