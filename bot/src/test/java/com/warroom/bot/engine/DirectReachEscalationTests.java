package com.warroom.bot.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.warroom.bot.chat.ChatRef;
import com.warroom.bot.clock.Escalations;
import com.warroom.bot.delivery.Directory;
import com.warroom.bot.delivery.TestDirectory;
import com.warroom.bot.incident.Incident;
import com.warroom.bot.roster.Roster;
import com.warroom.bot.telegram.TelegramReach;
import com.warroom.notify.Outbox;
import com.warroom.notify.spi.Notification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.warroom.bot.engine.EngineHarness.DBA;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * GH-14: escalations ask the person directory how to reach each person directly; the
 * channels contribute it. The first tier of the bundled policy (4.3 第十一条（一）: 技术部负责人) is
 * 周技术部经理 (zhou-tech), whose deputy is nobody: the next tier is 李 (li-it).
 */
class DirectReachEscalationTests {

	private EngineHarness chat;

	private Incident incident;

	/** Notifications stored for the outbox, as {@code type → target}. */
	private final List<String> stored = new ArrayList<>();

	private final Outbox outbox = new Outbox() {

		@Override
		public boolean enqueue(String type, String incidentId, Notification notification) {
			stored.add(type + "→" + notification.target() + ":" + notification.id());
			return true;
		}

		@Override
		public int pending() {
			return stored.size();
		}

		@Override
		public boolean supports(String type) {
			return true;
		}

	};

	@BeforeEach
	void setUp() {
		chat = new EngineHarness(TestRedis.fresh());
		chat.declare(DBA, "数据库主机", "数据库主机硬件故障");
		incident = chat.incidents.open().get(0);
	}

	private Escalations escalations(String zhou, Directory directory) {
		String roster = EngineHarness.resource("warroom/roster.example.yaml")
			.replace("    telegram_id: \"900000005\"\n", zhou);
		String policy = EngineHarness.resource("warroom/escalation.yaml");
		return new Escalations(chat.incidents, Roster.parse(roster), chat.tokens, Texts.chinese(),
				Escalations.Policy.parse(policy, Duration.ofMinutes(5)), chat.clock, outbox, directory);
	}

	private static List<ChatRef> chats(List<Outbound> actions) {
		return actions.stream().filter(Outbound.Send.class::isInstance).map((a) -> ((Outbound.Send) a).chat()).toList();
	}

	@Test // GH-14
	void aPersonWithOnlyAWebAccountIsReachedInTheirWebPrivateChat() {
		List<Outbound> actions = escalations("", TestDirectory.webAndTelegram()).raise(incident, "test:1", "测试升级");

		assertThat(chats(actions)).containsExactly(ChatRef.webPrivate("zhou-tech"));
		assertThat(stored).isEmpty();
		assertThat(EngineHarness.texts(actions)).doesNotContain("无法直接通知");
	}

	@Test // GH-14
	void aPersonWithATelegramAccountIsReachedOnTelegramThroughTheOutboxAndInTheWebChat() {
		// the roster's accounts map, the telegram_id field's successor
		List<Outbound> actions = escalations("    accounts: { telegram: \"900000005\", wecom: zhouwei }\n",
				TestDirectory.webAndTelegram())
			.raise(incident, "test:1", "测试升级");

		assertThat(stored).containsExactly("telegram→900000005:" + incident.id() + ":esc:1:1:0:zhou-tech");
		assertThat(chats(actions)).containsExactly(ChatRef.webPrivate("zhou-tech"));
	}

	@Test // GH-14
	void withoutAnOutboxForTelegramTheMessageGoesToTheTelegramPrivateChatDirectly() {
		Outbox none = new Outbox() {

			@Override
			public boolean enqueue(String type, String incidentId, Notification notification) {
				stored.add(type);
				return true;
			}

			@Override
			public int pending() {
				return 0;
			}

		};
		String policy = EngineHarness.resource("warroom/escalation.yaml");
		List<Outbound> actions = new Escalations(chat.incidents, chat.roster, chat.tokens, Texts.chinese(),
				Escalations.Policy.parse(policy, Duration.ofMinutes(5)), chat.clock, none,
				TestDirectory.webAndTelegram())
			.raise(incident, "test:1", "测试升级");

		assertThat(chats(actions)).containsExactly(ChatRef.webPrivate("zhou-tech"),
				new ChatRef("tg", "900000005", null, false));
		assertThat(stored).isEmpty();
	}

	@Test // GH-14, GH-12: never silently nobody
	void aPersonNoChannelReachesIsSaidToBeUnreachableAndTheEscalationMovesOnAtOnce() {
		Directory telegramOnly = Directory.of(List.of(new TelegramReach()));
		List<Outbound> actions = escalations("", telegramOnly).raise(incident, "test:1", "测试升级");

		assertThat(EngineHarness.texts(actions)).contains("周技术部经理")
			.contains("没有任何可用渠道的账号，机器人无法直接通知此人")
			.contains("已直接通知下一级：应急工作小组组长");
		// the next tier (李, with Telegram) is told at once, not after ACK_TIMEOUT
		assertThat(stored).containsExactly("telegram→900000004:" + incident.id() + ":esc:1:1:1:li-it");
		assertThat(chat.incidents.find(incident.id()).orElseThrow().unreachable("zhou-tech")).isTrue();
	}

}
