package com.warroom.bot.engine;

import java.util.List;

import com.warroom.bot.chat.ChatRef;
import com.warroom.bot.delivery.Delivery;
import com.warroom.bot.delivery.DrillIsolation;
import com.warroom.bot.delivery.DrillIsolationPolicy;
import com.warroom.bot.delivery.DrillMarking;
import com.warroom.notify.DrillGuard.Marking;
import com.warroom.notify.DrillGuard.Target;
import com.warroom.notify.DrillGuard;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The drill isolation on the chat delivery path (GH-16): a policy of the one delivery
 * path, right after {@link DrillMark}. 生产运维群 is a real-only Telegram group, the drill's
 * coordinator is Telegram user 42 (and {@code p-chen} on the web).
 */
class DrillIsolationTests {

	static final ChatRef PRODUCTION = new ChatRef("tg", "-1001", "7", true);

	static final ChatRef WEB_ROOM = new ChatRef("web", "ops", null, false);

	final ScriptedEngine.RecordingSink telegram = new ScriptedEngine.RecordingSink("tg");

	final ScriptedEngine.RecordingSink web = new ScriptedEngine.RecordingSink("web");

	final DrillIsolation isolation = new DrillIsolation(
			DrillGuard.defaults()
				.with(new Target("tg", "-1001"), Marking.REAL_ONLY, "生产运维群")
				.with(new Target("web", "ops"), Marking.REAL_ONLY, null),
			(incident) -> incident.startsWith("DRL-20261201-001")
					? List.of(new ChatRef("tg", "42", null, false), ChatRef.webPrivate("chen")) : List.of());

	final Delivery router = new Delivery(() -> List.of(telegram, web),
			List.of(new DrillMarking(), new DrillIsolationPolicy(isolation)));

	@Test
	void aDrillsCardForARealOnlyGroupGoesToTheCoordinatorMarkedAndSayingWhereItWouldHaveGone() {
		assertThat(router.deliver(new Outbound.Send(PRODUCTION, "DRL-20261201-001 数据库主机硬件故障", List.of(),
				"DRL-20261201-001:card", "DRL-20261201-001")))
			.isTrue();
		assertThat(telegram.delivered).singleElement().satisfies((action) -> {
			Outbound.Send send = (Outbound.Send) action;
			assertThat(send.chat().chatId()).isEqualTo("42");
			assertThat(send.chat().threadId()).isNull();
			assertThat(send.html()).startsWith("【演练】此消息原应发往生产运维群（仅限真实事件）").contains("【演练】DRL-20261201-001 数据库主机硬件故障");
		});
	}

	@Test
	void editsAndDocumentsAreRedirectedTooAndTheWebCoordinatorGetsTheWebOnes() {
		router.deliver(new Outbound.Edit(WEB_ROOM, "DRL-20261201-001:card", "步骤卡", List.of(), "DRL-20261201-001"));
		router.deliver(new Outbound.Document(PRODUCTION, "DRL-20261201-001", "drill-record.pdf", "演练记录"));
		assertThat(web.delivered).singleElement()
			.satisfies((action) -> assertThat(((Outbound.Edit) action).chat()).isEqualTo(ChatRef.webPrivate("chen")));
		assertThat(telegram.delivered).singleElement().satisfies((action) -> {
			Outbound.Document document = (Outbound.Document) action;
			assertThat(document.chat().chatId()).isEqualTo("42");
			assertThat(document.caption()).contains("生产运维群").contains("【演练】演练记录");
		});
	}

	@Test
	void aRealIncidentsMessageToTheSameGroupGoesThereAndADrillInAnAllowedGroupStaysInIt() {
		router
			.deliver(new Outbound.Send(PRODUCTION, "INC-20261201-001 数据库主机硬件故障", List.of(), null, "INC-20261201-001"));
		ChatRef drillGroup = new ChatRef("tg", "-1002", null, false);
		router.deliver(new Outbound.Send(drillGroup, "DRL-20261201-001 步骤", List.of(), null, "DRL-20261201-001"));
		assertThat(telegram.delivered).extracting((action) -> ((Outbound.Send) action).chat())
			.containsExactly(PRODUCTION, drillGroup);
	}

	@Test
	void withoutACoordinatorOnThatChannelADrillsMessageForARealOnlyChatIsNotSentAtAll() {
		assertThat(router
			.deliver(new Outbound.Send(PRODUCTION, "DRL-20261201-002 步骤", List.of(), null, "DRL-20261201-002")))
			.isFalse();
		// a message that names a drill only in its text
		// (a reminder) is a drill's message too
		assertThat(router.deliver(new Outbound.Send(PRODUCTION, "提醒：DRL-20261201-002 第 2 次报告", List.of(), null, null)))
			.isFalse();
		assertThat(telegram.delivered).isEmpty();
	}

}
