package com.warroom.bot.engine;

import java.util.List;

import com.warroom.bot.incident.Incident;
import com.warroom.bot.incident.TimelineEntry;
import com.warroom.bot.incident.TimelineType;
import org.junit.jupiter.api.Test;

import static com.warroom.bot.engine.EngineHarness.DBA;
import static com.warroom.bot.engine.EngineHarness.GM;
import static com.warroom.bot.engine.EngineHarness.button;
import static com.warroom.bot.engine.EngineHarness.findButton;
import static com.warroom.bot.engine.EngineHarness.texts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * GH-10: "经领导批准后……" (附件六, e.g. L13061) is a step of its own: a leader approves in chat,
 * on the timeline, before the step it guards can be done.
 */
class ApprovalStepTests {

	@Test
	void aLeaderApprovesBeforeTheFirewallIsPoweredOffAndOthersCannot() {
		EngineHarness chat = new EngineHarness(TestRedis.fresh());
		List<Outbound> declared = chat.declare(DBA, "互联网防火墙", "互联网出入口故障 / 互联网防火墙故障");
		assertThat(texts(declared)).contains("领导审批").contains("经领导批准后").contains("此步骤须经领导（应急领导小组、应急工作小组组长）批准后方可继续。");
		Button approve = button(declared, "批准");
		assertThat(findButton(declared, "跳过")).isPresent(); // the flow track's step, not
															// the approval
		assertThat(texts(chat.press(DBA, approve))).contains("此步骤须由领导批准，您无权批准。");
		Incident incident = chat.incidents.openIn(chat.chat).get(0);
		assertThat(incident.cursor(com.warroom.playbooks.Track.STEPS)).contains("m1");

		List<Outbound> approved = chat.press(GM, approve);
		assertThat(texts(approved)).contains("已批准")
			.contains("进入机房通过 console 口尝试登录防火墙，最后确认是防火墙故障，将防火墙断电。")
			.contains("需双岗复核");
		TimelineEntry entry = chat.incidents.timeline(incident.id())
			.stream()
			.filter((e) -> e.type() == TimelineType.STEP_APPROVED)
			.findFirst()
			.orElseThrow();
		assertThat(entry.personId()).isEqualTo("zhao-gm");
		assertThat(chat.views.describeText(entry)).isEqualTo("领导批准「进入机房通过 console 口尝试登录防火墙，最后确认是防…」");
		assertThat(chat.incidents.openIn(chat.chat).get(0).cursor(com.warroom.playbooks.Track.STEPS)).contains("m1a");
	}

}
