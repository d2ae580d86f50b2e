package com.warroom.bot.telegram;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The send queue against WireMock: 429 with retry_after, 5xx and outages, order and pace.
 */
class SendQueueTests {

	private final FakeBotApi api = new FakeBotApi();

	private final OkHttpTelegramClient client = new OkHttpTelegramClient(FakeBotApi.TOKEN,
			TelegramConfiguration.telegramUrl(java.net.URI.create(api.url())));

	private final SendQueue queue = new SendQueue(Clock.systemUTC(), 1000, 1000, 60000);

	@AfterEach
	void stop() {
		queue.close();
		api.close();
	}

	private void send(String chat, String text) {
		queue.submit(chat, false, true, () -> client.execute(SendMessage.builder().chatId(chat).text(text).build()));
	}

	@Test
	void honoursRetryAfterAndThenDelivers() {
		api.server.stubFor(post(urlPathMatching("(?i)/bot.*/sendMessage")).inScenario("flood")
			.whenScenarioStateIs(STARTED)
			.atPriority(1)
			.willReturn(aResponse().withStatus(429)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 1\","
						+ "\"parameters\":{\"retry_after\":1}}"))
			.willSetStateTo("calm"));
		long start = System.nanoTime();
		send("42", "一");
		send("42", "二");
		JsonNode second = api.await("sendMessage", (b) -> b.path("text").asText().equals("二"));
		long elapsedMs = (System.nanoTime() - start) / 1_000_000;
		assertThat(second).isNotNull();
		assertThat(elapsedMs).isGreaterThanOrEqualTo(1000);
		assertThat(api.calls("sendMessage")).extracting((b) -> b.path("text").asText()).containsExactly("一", "一", "二");
	}

	@Test
	void retriesServerErrorsAndOutagesWithoutLosingOrReordering() {
		api.server.stubFor(post(urlPathMatching("(?i)/bot.*/sendMessage")).inScenario("down")
			.whenScenarioStateIs(STARTED)
			.atPriority(1)
			.willReturn(aResponse().withStatus(502).withBody("bad gateway"))
			.willSetStateTo("still down"));
		api.server.stubFor(post(urlPathMatching("(?i)/bot.*/sendMessage")).inScenario("down")
			.whenScenarioStateIs("still down")
			.atPriority(1)
			.willReturn(aResponse().withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER))
			.willSetStateTo("up"));
		for (int i = 1; i <= 5; i++) {
			send("7", "消息" + i);
		}
		api.await("sendMessage", (b) -> b.path("text").asText().equals("消息5"));
		List<String> delivered = new CopyOnWriteArrayList<>();
		api.calls("sendMessage").forEach((b) -> delivered.add(b.path("text").asText()));
		assertThat(delivered).containsSubsequence("消息1", "消息2", "消息3", "消息4", "消息5");
		assertThat(delivered.subList(delivered.size() - 5, delivered.size())).containsExactly("消息1", "消息2", "消息3",
				"消息4", "消息5");
		long deadline = System.currentTimeMillis() + 5000;
		while (queue.pending() > 0 && System.currentTimeMillis() < deadline) {
			FakeBotApi.sleep(20);
		}
		assertThat(queue.pending()).isZero();
	}

	@Test
	void keepsTheRatePerChat() throws Exception {
		SendQueue paced = new SendQueue(Clock.systemUTC(), 30, 1, 20);
		try {
			long start = System.nanoTime();
			for (int i = 1; i <= 5; i++) {
				String text = "节流" + i;
				paced.submit("99", false, true,
						() -> client.execute(SendMessage.builder().chatId("99").text(text).build()));
			}
			api.await("sendMessage", (b) -> b.path("text").asText().equals("节流5"));
			long elapsedMs = (System.nanoTime() - start) / 1_000_000;
			// a private chat: 1 per second, evenly; the 5th
			// message goes out after about 4 seconds
			assertThat(elapsedMs).isBetween(3800L, 8000L);
		}
		finally {
			paced.close();
		}
	}

	@Test
	void clientErrorsAreNotRetried() throws TelegramApiException {
		api.server.stubFor(post(urlPathMatching("(?i)/bot.*/sendMessage")).atPriority(1)
			.willReturn(aResponse().withStatus(400)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: chat not found\"}")));
		send("1", "无效");
		long deadline = System.currentTimeMillis() + 5000;
		while (queue.pending() > 0 && System.currentTimeMillis() < deadline) {
			FakeBotApi.sleep(20);
		}
		assertThat(queue.pending()).isZero();
		assertThat(api.calls("sendMessage")).hasSize(1);
	}

	/**
	 * The real clock, moved forward by the test: pacing windows pass without waiting a
	 * minute.
	 */
	static final class MovableClock extends Clock {

		private volatile java.time.Duration offset = java.time.Duration.ZERO;

		void advance(java.time.Duration by) {
			offset = offset.plus(by);
		}

		@Override
		public java.time.ZoneId getZone() {
			return java.time.ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public java.time.Instant instant() {
			return java.time.Instant.now().plus(offset);
		}

	}

	private static void awaitCount(FakeBotApi api, String method, int count) {
		long deadline = System.currentTimeMillis() + 10_000;
		while (api.calls(method).size() < count && System.currentTimeMillis() < deadline) {
			FakeBotApi.sleep(20);
		}
		assertThat(api.calls(method)).hasSizeGreaterThanOrEqualTo(count);
	}

	@Test // GH-13
	void aPressIsAnsweredAtOnceWhileTheGroupWaitsForItsBudget() {
		SendQueue busy = new SendQueue(Clock.systemUTC(), 30, 1, 3);
		try {
			for (int i = 1; i <= 6; i++) {
				String text = "群消息" + i;
				busy.submit("-100", true, true,
						() -> client.execute(SendMessage.builder().chatId("-100").text(text).build()));
			}
			api.await("sendMessage", (b) -> b.path("text").asText().equals("群消息1"));
			long start = System.nanoTime();
			busy.submit("-100", true, false,
					() -> client.execute(org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery.builder()
						.callbackQueryId("cq1")
						.build()));
			api.await("answerCallbackQuery", (b) -> b.path("callback_query_id").asText().equals("cq1"));
			assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1000);
			// the group's messages still wait for its budget
			assertThat(api.calls("sendMessage")).extracting((b) -> b.path("text").asText()).doesNotContain("群消息6");
		}
		finally {
			busy.close();
		}
	}

	@Test // GH-11: the reply's edit waited for nothing and could reach Telegram before
			// the answer
	void theCallsAfterAPressAnswerWaitForItsFirstAttempt() {
		List<String> made = new CopyOnWriteArrayList<>();
		java.util.concurrent.CountDownLatch editStarted = new java.util.concurrent.CountDownLatch(1);
		queue.submit("-100", true, SendQueue.Lane.ANSWER, () -> {
			made.add("answer begins");
			// a slow answer: an edit that does not wait for it begins meanwhile
			try {
				editStarted.await(500, java.util.concurrent.TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			made.add("answer made");
		}, SendQueue.Outcome.NONE);
		queue.submit("-100", true, SendQueue.Lane.PRESS, () -> {
			made.add("edit");
			editStarted.countDown();
		}, SendQueue.Outcome.NONE);
		awaitPending(queue, 0);
		assertThat(made).containsExactly("answer begins", "answer made", "edit");
	}

	@Test // GH-11
	void anAnswerThatFailsHoldsNothingUpWhileItIsRetried() {
		List<String> made = new CopyOnWriteArrayList<>();
		queue.submit("-100", true, SendQueue.Lane.ANSWER, () -> {
			made.add("answer");
			throw new TelegramApiException("network down");
		}, SendQueue.Outcome.NONE);
		queue.submit("-100", true, SendQueue.Lane.PRESS, () -> made.add("edit"), SendQueue.Outcome.NONE);
		long deadline = System.nanoTime() + java.time.Duration.ofSeconds(5).toNanos();
		while (!made.contains("edit") && System.nanoTime() < deadline) {
			FakeBotApi.sleep(10);
		}
		// the edit went after the answer's first attempt,
		// not after its retry (500 ms later)
		assertThat(made).containsExactly("answer", "edit");
	}

	private static void awaitPending(SendQueue queue, int left) {
		long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
		while (queue.pending() > left && System.nanoTime() < deadline) {
			FakeBotApi.sleep(10);
		}
		assertThat(queue.pending()).isLessThanOrEqualTo(left);
	}

	@Test // GH-13
	void aCommandsReplyGoesBeforeBulkNotices() {
		MovableClock clock = new MovableClock();
		// 5 a minute: bulk notices leave 4 of them to replies and press results
		SendQueue lanes = new SendQueue(clock, 1000, 1000, 5);
		try {
			for (int i = 1; i <= 3; i++) {
				String text = "提醒" + i;
				lanes.submit("-100", true, SendQueue.Lane.BULK,
						() -> client.execute(SendMessage.builder().chatId("-100").text(text).build()),
						SendQueue.Outcome.NONE);
			}
			api.await("sendMessage", (b) -> b.path("text").asText().equals("提醒1"));
			long start = System.nanoTime();
			lanes.submit("-100", true, SendQueue.Lane.COMMAND,
					() -> client.execute(SendMessage.builder().chatId("-100").text("状态").build()),
					SendQueue.Outcome.NONE);
			api.await("sendMessage", (b) -> b.path("text").asText().equals("状态"));
			assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1000);
			FakeBotApi.sleep(300);
			assertThat(api.calls("sendMessage")).extracting((b) -> b.path("text").asText())
				.containsExactly("提醒1", "状态");
			clock.advance(java.time.Duration.ofSeconds(61));
			api.await("sendMessage", (b) -> b.path("text").asText().equals("提醒2"));
			// the window counts a call from when it finished: move the clock only once it
			// has (else, on a busy machine, 提醒2 finishes
			// in the next minute and 提醒3 waits for ever)
			awaitPending(lanes, 1);
			clock.advance(java.time.Duration.ofSeconds(61));
			api.await("sendMessage", (b) -> b.path("text").asText().equals("提醒3"));
			assertThat(api.calls("sendMessage")).extracting((b) -> b.path("text").asText())
				.containsExactly("提醒1", "状态", "提醒2", "提醒3");
		}
		finally {
			lanes.close();
		}
	}

	@Test // GH-13
	void aGroupGetsNoMoreThanItsBudgetInAnyMinuteAndTheRestFollows() {
		MovableClock clock = new MovableClock();
		SendQueue paced = new SendQueue(clock, 1000, 1000, 5);
		try {
			for (int i = 1; i <= 8; i++) {
				String text = "回复" + i;
				paced.submit("-100", true, SendQueue.Lane.COMMAND,
						() -> client.execute(SendMessage.builder().chatId("-100").text(text).build()),
						SendQueue.Outcome.NONE);
			}
			awaitCount(api, "sendMessage", 5);
			FakeBotApi.sleep(500);
			assertThat(api.calls("sendMessage")).hasSize(5);
			clock.advance(java.time.Duration.ofSeconds(61));
			awaitCount(api, "sendMessage", 8);
			assertThat(api.calls("sendMessage")).extracting((b) -> b.path("text").asText())
				.containsExactly("回复1", "回复2", "回复3", "回复4", "回复5", "回复6", "回复7", "回复8");
		}
		finally {
			paced.close();
		}
	}

	@Test // GH-11
	void aPressAnswerThatCannotGoWithinItsWindowIsDroppedAndCounted() {
		api.server.stubFor(post(urlPathMatching("(?i)/bot.*/answerCallbackQuery")).atPriority(1)
			.willReturn(
					aResponse().withStatus(502).withHeader("Content-Type", "text/html").withBody("<html>502</html>")));
		SendQueue answers = new SendQueue(Clock.systemUTC(), 1000, 1000, 60, java.time.Duration.ofSeconds(1));
		List<SendQueue.Failure> outcomes = new CopyOnWriteArrayList<>();
		try {
			answers.submit("-100", true, SendQueue.Lane.ANSWER,
					() -> client.execute(org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery.builder()
						.callbackQueryId("cq2")
						.build()),
					(failure, detail) -> outcomes.add(failure));
			long deadline = System.currentTimeMillis() + 5000;
			while (answers.pending() > 0 && System.currentTimeMillis() < deadline) {
				FakeBotApi.sleep(20);
			}
			assertThat(answers.pending()).isZero();
			assertThat(answers.dropped()).isEqualTo(1);
			assertThat(outcomes).last().isEqualTo(SendQueue.Failure.DROPPED);
			assertThat(api.calls("answerCallbackQuery")).hasSizeBetween(1, 3);
		}
		finally {
			answers.close();
		}
	}

}
