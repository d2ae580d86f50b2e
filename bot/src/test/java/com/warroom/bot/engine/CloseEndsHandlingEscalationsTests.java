package com.warroom.bot.engine;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.warroom.bot.engine.EngineHarness.COMMANDER;
import static com.warroom.bot.engine.EngineHarness.DBA;
import static com.warroom.bot.engine.EngineHarness.button;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Closing ends the handling (GH-12): the escalations of the handling (declaration, level)
 * stop, and their messages say so instead of promising a next tier with a live button
 * (found in the web room: "5 分钟内无人确认将通知下一级" with 确认收到 under a closed incident).
 */
class CloseEndsHandlingEscalationsTests {

	private ClockRig rig;

	private EngineHarness chat;

	@BeforeEach
	void setUp() {
		rig = new ClockRig();
		chat = rig.chat;
	}

	@Test
	void theOpenEscalationsOfTheHandlingLoseTheirButtonAndSayTheyStoppedAtClose() {
		chat.declare(DBA, "数据库主机", "数据库主机硬件故障"); // ESC:1, for the 技术部负责人, not
													// acknowledged
		String id = chat.incidents.open().get(0).id();
		String slot = IncidentViews.escalationSlot(id, 1);
		chat.clock.advance(Duration.ofMinutes(3));
		chat.recovered(DBA);
		List<Outbound> closed = chat.press(COMMANDER, button(chat.command(COMMANDER, "/close"), "确认关闭"));

		List<Outbound.Edit> ended = closed.stream()
			.filter((a) -> a instanceof Outbound.Edit edit && edit.slot().equals(slot))
			.map(Outbound.Edit.class::cast)
			.toList();
		// the room's message and the addressee's own copy in the web chat
		assertThat(ended).extracting((edit) -> edit.chat().chatId()).contains(chat.chat.chatId(), "p-zhou-tech");
		assertThat(ended).allSatisfy((edit) -> {
			assertThat(edit.buttons()).isEmpty();
			assertThat(edit.html()).contains("升级通知：宣布事件：数据库主机硬件故障").contains("事件已关闭，不再通知下一级");
		});
	}

}
