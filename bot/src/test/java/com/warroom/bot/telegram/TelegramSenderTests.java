package com.warroom.bot.telegram;

import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import com.warroom.bot.chat.ChatRef;
import com.warroom.bot.engine.Button;
import com.warroom.bot.engine.MessageSlots;
import com.warroom.bot.engine.Outbound;
import com.warroom.bot.engine.TestRedis;
import com.warroom.reports.Archive;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The send side against WireMock with a group budget of one message a minute (a
 * controlled clock moves the minute on): edits of one message coalesce, an edit to what
 * the message shows is not made, and every call is on record in the outbox.
 */
class TelegramSenderTests {

	private static final ChatRef GROUP = new ChatRef("tg", "-1001", null, false);

	private final FakeBotApi api = new FakeBotApi();

	private final SendQueueTests.MovableClock clock = new SendQueueTests.MovableClock();

	private final SendQueue queue = new SendQueue(clock, 1000, 1000, 1);

	private TelegramOutbox outbox;

	private TelegramSender sender;

	@BeforeEach
	void start() throws Exception {
		TestRedis.fresh();
		JdbcDataSource database = new JdbcDataSource();
		database.setURL("jdbc:h2:mem:sender-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
		com.warroom.notify.JobStoreSchema.migrate(database);
		outbox = new TelegramOutbox(database, Clock.systemUTC(), "test");
		sender = new TelegramSender(
				new OkHttpTelegramClient(FakeBotApi.TOKEN, TelegramConfiguration.telegramUrl(URI.create(api.url()))),
				queue, new MessageSlots(TestRedis.client()), TestRedis.client(),
				new Archive(Files.createTempDirectory("sender-archive"), Clock.systemUTC()), outbox, "（重发）",
				Duration.ofSeconds(15));
	}

	@AfterEach
	void stop() {
		sender.close();
		queue.close();
		api.close();
	}

	private void nextMinute() {
		clock.advance(Duration.ofSeconds(61));
	}

	private void awaitSettled() {
		long deadline = System.currentTimeMillis() + 10_000;
		while ((queue.pending() > 0 || outbox.open() > 0) && System.currentTimeMillis() < deadline) {
			FakeBotApi.sleep(20);
		}
		assertThat(outbox.open()).isZero();
	}

	private static List<List<Button>> buttons(String label) {
		return List.of(List.of(new Button(label, "tok-" + label.hashCode())));
	}

	@Test // GH-13
	void editsOfAQueuedMessageAreCoalescedIntoTheLatestState() {
		sender.deliver(new Outbound.Send(GROUP, "先到的回复", List.of(), null, null), GROUP, SendQueue.Lane.COMMAND);
		api.await("sendMessage", (b) -> b.path("text").asText().equals("先到的回复"));
		awaitSettled();
		// the group's minute is used up: the card and its edits wait
		sender.deliver(new Outbound.Send(GROUP, "卡片 v1", buttons("完成"), "INC-1:card", "INC-1"), GROUP,
				SendQueue.Lane.BULK);
		for (int v = 2; v <= 4; v++) {
			sender.deliver(new Outbound.Edit(GROUP, "INC-1:card", "卡片 v" + v, buttons("完成"), "INC-1"), GROUP,
					SendQueue.Lane.BULK);
		}
		nextMinute();
		awaitSettled();
		assertThat(api.calls("sendMessage")).extracting((b) -> b.path("text").asText())
			.containsExactly("先到的回复", "卡片 v4");
		assertThat(api.calls("editMessageText")).isEmpty();
		assertThat(sender.stats().superseded()).isEqualTo(3);
	}

	@Test // GH-13
	void anEditToWhatTheMessageShowsIsNotMade() {
		sender.deliver(new Outbound.Send(GROUP, "卡片", buttons("完成"), "INC-2:card", "INC-2"), GROUP,
				SendQueue.Lane.COMMAND);
		api.await("sendMessage", (b) -> b.path("text").asText().equals("卡片"));
		awaitSettled();
		nextMinute();
		sender.deliver(new Outbound.Edit(GROUP, "INC-2:card", "卡片", buttons("完成"), "INC-2"), GROUP,
				SendQueue.Lane.PRESS);
		awaitSettled();
		nextMinute();
		sender.deliver(new Outbound.Edit(GROUP, "INC-2:card", "卡片（已更新）", buttons("完成"), "INC-2"), GROUP,
				SendQueue.Lane.PRESS);
		awaitSettled();
		// the unchanged edit was not made (Telegram would answer "message is not
		// modified"); the change was
		assertThat(api.calls("editMessageText")).extracting((b) -> b.path("text").asText()).containsExactly("卡片（已更新）");
		assertThat(sender.stats().unchanged()).isEqualTo(1);
	}

	@Test // GH-13
	void aMoreUrgentEditTakesTheQueuedBulkCallsPlaceWithTheLatestContent() {
		sender.deliver(new Outbound.Send(GROUP, "先到的回复", List.of(), null, null), GROUP, SendQueue.Lane.COMMAND);
		api.await("sendMessage", (b) -> b.path("text").asText().equals("先到的回复"));
		awaitSettled();
		sender.deliver(new Outbound.Send(GROUP, "步骤 1", buttons("完成"), "INC-3:track", "INC-3"), GROUP,
				SendQueue.Lane.BULK);
		sender.deliver(new Outbound.Edit(GROUP, "INC-3:track", "步骤 2", buttons("完成"), "INC-3"), GROUP,
				SendQueue.Lane.PRESS);
		nextMinute();
		awaitSettled();
		assertThat(api.calls("sendMessage")).extracting((b) -> b.path("text").asText())
			.containsExactly("先到的回复", "步骤 2");
		assertThat(outbox.counts()).containsEntry("SENT", 2).containsEntry("DROPPED superseded", 1);
	}

	@Test // GH-11
	void aMessageWhoseAnswerWasLostIsResentMarkedInAGroupAndAsItWasInAPrivateChat() {
		nextMinute();
		loseFirstAnswer("-1001");
		loseFirstAnswer("900000006");
		ChatRef person = new ChatRef("tg", "900000006", null, false);
		sender.deliver(new Outbound.Send(GROUP, "群里的回复", List.of(), null, null), GROUP, SendQueue.Lane.COMMAND);
		api.await("sendMessage", (b) -> b.path("text").asText().equals("群里的回复"));
		FakeBotApi.sleep(300);
		// the lost attempt may have been shown: it counts against the group's minute
		nextMinute();
		awaitSettled();
		sender.deliver(new Outbound.Send(person, "私聊的回复", List.of(), null, null), person, SendQueue.Lane.COMMAND);
		awaitSettled();
		List<String> group = api.calls("sendMessage")
			.stream()
			.filter((b) -> b.path("chat_id").asText().equals("-1001"))
			.map((b) -> b.path("text").asText())
			.toList();
		List<String> mine = api.calls("sendMessage")
			.stream()
			.filter((b) -> b.path("chat_id").asText().equals("900000006"))
			.map((b) -> b.path("text").asText())
			.toList();
		// Telegram may have shown the first: in the group
		// the copy says it is one; no unmarked duplicate
		assertThat(group).containsExactly("群里的回复", "（重发）群里的回复");
		assertThat(mine).containsExactly("私聊的回复", "私聊的回复");
		assertThat(sender.stats().resent()).isEqualTo(1);
	}

	/**
	 * Telegram takes the first message to the chat, but the connection breaks before its
	 * answer.
	 */
	private void loseFirstAnswer(String chat) {
		api.server.stubFor(com.github.tomakehurst.wiremock.client.WireMock
			.post(com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching("(?i)/bot.*/sendMessage"))
			.withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.chat_id",
					com.github.tomakehurst.wiremock.client.WireMock.equalTo(chat)))
			.inScenario("lost " + chat)
			.whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
			.atPriority(1)
			.willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
				.withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER))
			.willSetStateTo("up"));
	}

}
