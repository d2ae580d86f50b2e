package com.warroom.bot.delivery;

import java.util.List;

import com.warroom.bot.chat.Actor;
import com.warroom.bot.chat.ChatRef;
import com.warroom.bot.engine.DrillMark;
import com.warroom.bot.engine.Inbound;
import com.warroom.bot.engine.Outbound;
import com.warroom.bot.engine.ScriptedEngine;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GH-14: one delivery path. Every action passes the policies in order (the drill marking
 * first: the place of GH-16's drill guard), then goes to the channel of its chat; the
 * answer to a press to the channel of the press.
 */
class DeliveryTests {

	private static final ChatRef GROUP = new ChatRef("tg", "-1001", null, false);

	private static final ChatRef ROOM = new ChatRef("web", "room", null, false);

	private static final ChatRef COORDINATOR = ChatRef.webPrivate("drill-coordinator");

	private final ScriptedEngine.RecordingSink telegram = new ScriptedEngine.RecordingSink("tg");

	private final ScriptedEngine.RecordingSink web = new ScriptedEngine.RecordingSink("web");

	/**
	 * A guard of the kind GH-16 plugs in: a drill's message for a Telegram chat goes to
	 * the coordinator instead.
	 */
	private static final DeliveryPolicy REDIRECT_DRILLS = (action) -> {
		if (action instanceof Outbound.Send send && send.html().startsWith(DrillMark.MARK)
				&& send.chat().channel().equals("tg")) {
			return List.of(new Outbound.Send(COORDINATOR, send.html(), send.buttons(), send.slot(), send.incidentId()));
		}
		return List.of(action);
	};

	@Test // GH-14
	void aDrillIsMarkedBeforeTheNextPolicySeesItAndThatPolicyMayRedirectIt() {
		Delivery delivery = new Delivery(() -> List.of(telegram, web), List.of(new DrillMarking(), REDIRECT_DRILLS));
		Outbound.Send reminder = new Outbound.Send(GROUP, "DRL-20261123-001 的报告到期", List.of(), null,
				"DRL-20261123-001");
		Outbound.Send real = new Outbound.Send(GROUP, "INC-20261123-001 的报告到期", List.of(), null, "INC-20261123-001");

		assertThat(delivery.deliver(reminder)).isTrue();
		assertThat(delivery.deliver(real)).isTrue();

		assertThat(telegram.delivered).containsExactly(real);
		assertThat(web.delivered).singleElement().satisfies((action) -> {
			assertThat(((Outbound.Send) action).chat()).isEqualTo(COORDINATOR);
			assertThat(((Outbound.Send) action).html()).isEqualTo("【演练】DRL-20261123-001 的报告到期");
		});
	}

	@Test // GH-14: the drill guard sees the tier robots, SMS and Telegram direct messages
			// too
	void everyNotificationStoredInTheOutboxPassesThePolicies() {
		List<String> stored = new java.util.ArrayList<>();
		com.warroom.notify.Outbox outbox = new com.warroom.notify.Outbox() {

			@Override
			public boolean enqueue(String type, String incidentId, com.warroom.notify.spi.Notification notification) {
				stored.add(type + "→" + notification.target());
				return true;
			}

			@Override
			public int pending() {
				return stored.size();
			}

			@Override
			public boolean supports(String type) {
				return type.equals("telegram");
			}

		};
		DeliveryPolicy robotsOfDrillsToTheCoordinator = new DeliveryPolicy() {

			@Override
			public List<Outbound> apply(Outbound action) {
				return List.of(action);
			}

			@Override
			public List<Queued> applyQueued(Queued queued) {
				if (!queued.notification().drill()) {
					return List.of(queued);
				}
				com.warroom.notify.spi.Notification n = queued.notification();
				return List.of(new Queued("telegram", queued.incidentId(),
						new com.warroom.notify.spi.Notification(n.id(), "900000012", n.title(), n.text(), true)));
			}

		};
		com.warroom.notify.Outbox guarded = new Delivery(List::of,
				List.of(new DrillMarking(), robotsOfDrillsToTheCoordinator))
			.outbox(outbox);

		assertThat(guarded.enqueue("wecom", "DRL-20261123-001", new com.warroom.notify.spi.Notification(
				"DRL-20261123-001:esc:1:1:0:0", "http://robot/tier1", "升级", "x", true)))
			.isTrue();
		assertThat(guarded.enqueue("wecom", "INC-20261123-001", new com.warroom.notify.spi.Notification(
				"INC-20261123-001:esc:1:1:0:0", "http://robot/tier1", "升级", "x", false)))
			.isTrue();

		assertThat(stored).containsExactly("telegram→900000012", "wecom→http://robot/tier1");
		assertThat(guarded.supports("telegram")).isTrue();
		assertThat(guarded.supports("wecom")).isFalse();
	}

	@Test // GH-14
	void anActionAPolicyDropsReachesNoChannel() {
		Delivery delivery = new Delivery(() -> List.of(telegram, web),
				List.of(new DrillMarking(), (action) -> List.of()));

		assertThat(delivery.deliver(new Outbound.Send(GROUP, "x", List.of(), null, null))).isFalse();
		assertThat(telegram.delivered).isEmpty();
	}

	@Test // GH-14
	void theReplyToAPressGoesInOrderToEachChatsChannelAndTheAnswerToThePressesChannel() {
		List<Answering> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
		OutboundSink telegramWithContext = new OutboundSink() {

			@Override
			public String channel() {
				return "tg";
			}

			@Override
			public void deliver(Outbound action) {
				throw new AssertionError("a reply is delivered with the event it answers");
			}

			@Override
			public void deliver(Outbound action, Answering answering) {
				seen.add(answering);
			}

		};
		Delivery delivery = new Delivery(() -> List.of(telegramWithContext, web), Delivery.standardPolicies());
		Inbound.Press press = new Inbound.Press(GROUP, new Actor("tg", "900000006", "吴"), "cq1", "AbCdEfGhJkMn", "5");
		Outbound.Answer answer = new Outbound.Answer("cq1", "已确认", false);
		Outbound.Edit card = new Outbound.Edit(ROOM, "DRL-20261123-001:card", "卡片", List.of(), "DRL-20261123-001");
		Outbound.Send here = new Outbound.Send(GROUP, "已记录", List.of(), null, null);

		List<Outbound> delivered = delivery.reply(press, List.of(answer, card, here));

		Outbound.Edit marked = new Outbound.Edit(ROOM, "DRL-20261123-001:card", "【演练】卡片", List.of(),
				"DRL-20261123-001");
		assertThat(delivered).containsExactly(answer, marked, here);
		assertThat(web.delivered).containsExactly(marked);
		assertThat(seen).extracting(Answering::index).containsExactly(0, 2);
		assertThat(seen).allSatisfy((answering) -> {
			assertThat(answering.event()).isEqualTo(press);
			assertThat(answering.reply()).isEqualTo(delivered);
		});
		assertThat(seen.get(1).before()).containsExactly(answer, marked);
	}

}
