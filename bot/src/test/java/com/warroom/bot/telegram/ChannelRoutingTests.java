package com.warroom.bot.telegram;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.warroom.bot.chat.ChatRef;
import com.warroom.bot.delivery.Delivery;
import com.warroom.bot.delivery.EventHandling;
import com.warroom.bot.delivery.OutboundSink;
import com.warroom.bot.delivery.Settling;
import com.warroom.bot.engine.MessageSlots;
import com.warroom.bot.engine.Outbound;
import com.warroom.bot.engine.ScriptedEngine;
import com.warroom.bot.engine.TestRedis;
import com.warroom.reports.Archive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import redis.clients.jedis.UnifiedJedis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One route per channel, from Telegram's side: what an update produces for a web chat
 * goes to the web, never to a Telegram chat of the same id (GH-13: a Telegram 确认收到 of a
 * web-room incident sent the confirmation and the card to Telegram chat "room").
 */
class ChannelRoutingTests {

	private final FakeBotApi api = new FakeBotApi();

	private final SendQueue queue = new SendQueue(Clock.systemUTC(), 1000, 1000, 60000);

	@AfterEach
	void close() {
		queue.close();
		api.close();
	}

	@Test // GH-13
	void anActionForAWebChatCausedInTelegramGoesToTheWebAndNotToTelegram() throws Exception {
		ChatRef room = new ChatRef("web", "room", null, false);
		ChatRef group = new ChatRef("tg", String.valueOf(Updates.GROUP), null, false);
		Outbound.Edit card = new Outbound.Edit(room, "INC-20261123-001:card", "卡片", List.of(), "INC-20261123-001");
		Outbound.Send confirmation = new Outbound.Send(room, "已确认收到", List.of(), null, "INC-20261123-001");
		Outbound.Send here = new Outbound.Send(group, "已记录您的确认", List.of(), null, null);
		ScriptedEngine engine = new ScriptedEngine(List.of(card, confirmation, here));
		ScriptedEngine.RecordingSink web = new ScriptedEngine.RecordingSink("web");
		List<OutboundSink> sinks = new ArrayList<>();
		Delivery delivery = Delivery.over(() -> sinks);
		UnifiedJedis redis = TestRedis.fresh();
		TelegramGateway gateway = new TelegramGateway(
				new OkHttpTelegramClient(FakeBotApi.TOKEN,
						TelegramConfiguration.telegramUrl(java.net.URI.create(api.url()))),
				new EventHandling(engine, delivery, Settling.inline()), queue, new MessageSlots(redis), redis,
				new Archive(Files.createTempDirectory("archive"), Clock.systemUTC()));
		sinks.add(web);
		sinks.add(gateway);

		gateway.handle(TelegramPolling.mapper()
			.readValue(Updates.press(Updates.nextId(), 900000001L, "AbCdEfGhJkMn", 5),
					org.telegram.telegrambots.meta.api.objects.Update.class));
		api.await("sendMessage", (body) -> body.path("text").asText().equals("已记录您的确认"));
		api.await("answerCallbackQuery", (body) -> true);
		long deadline = System.nanoTime() + java.time.Duration.ofSeconds(5).toNanos();
		while (queue.pending() > 0 && System.nanoTime() < deadline) {
			FakeBotApi.sleep(10);
		}
		// a message for chat "room" never becomes a Bot
		// API call (it used to, and was retried)
		assertThat(queue.pending()).isZero();

		assertThat(web.delivered).containsExactly(card, confirmation);
		List<JsonNode> telegram = new ArrayList<>(api.calls("sendMessage"));
		telegram.addAll(api.calls("editMessageText"));
		assertThat(telegram).extracting((body) -> body.path("chat_id").asText())
			.containsExactly(String.valueOf(Updates.GROUP));
	}

	@Test // GH-13
	void anActionForATelegramChatGoesToTelegramWhateverItsIdAndAnUnconfiguredChannelDropsIt() {
		ScriptedEngine.RecordingSink web = new ScriptedEngine.RecordingSink("web");
		ScriptedEngine.RecordingSink telegram = new ScriptedEngine.RecordingSink("tg");
		Delivery router = Delivery.of(List.of(web, telegram));
		Outbound.Send toRoomOfTelegram = new Outbound.Send(new ChatRef("tg", "room", null, false), "x", List.of(), null,
				null);
		Outbound.Send toWeb = new Outbound.Send(new ChatRef("web", "-1001", null, false), "y", List.of(), null, null);

		assertThat(router.deliver(toRoomOfTelegram)).isTrue();
		assertThat(router.deliver(toWeb)).isTrue();
		assertThat(router.deliver(new Outbound.Answer("cq1", "", false))).isFalse();
		assertThat(telegram.delivered).containsExactly(toRoomOfTelegram);
		assertThat(web.delivered).containsExactly(toWeb);
		assertThat(Delivery.of(List.of(web)).deliver(toRoomOfTelegram)).isFalse();
		assertThat(Delivery.of(List.of(web)).missingChannels(List.of("tg", "web"))).containsExactly("tg");
	}

	@Test // GH-13
	@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
	void aMissingChannelIsNotComplainedAboutAtEveryMessage(org.springframework.boot.test.system.CapturedOutput output) {
		Delivery webOnly = Delivery.of(List.of(new ScriptedEngine.RecordingSink("web")));
		Outbound.Send reminder = new Outbound.Send(new ChatRef("tg", "900000005", null, false), "提醒", List.of(), null,
				null);
		for (int i = 0; i < 3; i++) {
			assertThat(webOnly.deliver(reminder)).isFalse();
		}
		// said once at start (EngineConfiguration), not here
		assertThat(output.getAll()).doesNotContain("没有可用的 tg 渠道");
	}

}
