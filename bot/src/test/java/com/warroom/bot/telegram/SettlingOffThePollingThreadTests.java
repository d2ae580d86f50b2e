package com.warroom.bot.telegram;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.warroom.bot.delivery.Delivery;
import com.warroom.bot.delivery.EventHandling;
import com.warroom.bot.delivery.OutboundSink;
import com.warroom.bot.delivery.Settling;
import com.warroom.bot.engine.ConversationEngine;
import com.warroom.bot.engine.Inbound;
import com.warroom.bot.engine.MessageSlots;
import com.warroom.bot.engine.Outbound;
import com.warroom.bot.engine.TestRedis;
import com.warroom.reports.Archive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.api.objects.Update;
import redis.clients.jedis.UnifiedJedis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * GH-14: handling an update, delivering its reply and settling its consequences is one
 * call, and the settling (re-grade, re-plan of the reminders) leaves the polling thread:
 * a re-plan that hangs does not hold up the next update.
 */
class SettlingOffThePollingThreadTests {

	private final FakeBotApi api = new FakeBotApi();

	private final SendQueue queue = new SendQueue(Clock.systemUTC(), 1000, 1000, 60000);

	private final Settling settling = Settling.background(16);

	/** Held shut until the test lets the first re-plan finish. */
	private final CountDownLatch replanMayFinish = new CountDownLatch(1);

	/** The threads the settlings ran on, in order. */
	private final List<String> settledOn = new CopyOnWriteArrayList<>();

	@AfterEach
	void close() {
		replanMayFinish.countDown();
		settling.close();
		queue.close();
		api.close();
	}

	/**
	 * Answers every event in the group; its settling (the clock's re-plan) waits for the
	 * latch.
	 */
	private final class SlowReplanEngine extends ConversationEngine {

		final List<Inbound> handled = new CopyOnWriteArrayList<>();

		SlowReplanEngine() {
			super(new Services(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
					null), List.of());
		}

		@Override
		public List<Outbound> handle(Inbound inbound) {
			handled.add(inbound);
			return List.of(new Outbound.Send(inbound.chat(), "已收到第 " + handled.size() + " 条", List.of(), null, null));
		}

		@Override
		public void settled(List<Outbound> actions) {
			try {
				replanMayFinish.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			settledOn.add(Thread.currentThread().getName());
		}

	}

	@Test // GH-14
	void aSlowReplanDoesNotDelayTheNextUpdatesHandlingOnThePollingThread() throws Exception {
		SlowReplanEngine engine = new SlowReplanEngine();
		List<OutboundSink> sinks = new ArrayList<>();
		UnifiedJedis redis = TestRedis.fresh();
		TelegramGateway gateway = new TelegramGateway(
				new OkHttpTelegramClient(FakeBotApi.TOKEN,
						TelegramConfiguration.telegramUrl(java.net.URI.create(api.url()))),
				new EventHandling(engine, Delivery.over(() -> sinks), settling), queue, new MessageSlots(redis), redis,
				new Archive(Files.createTempDirectory("archive"), Clock.systemUTC()));
		sinks.add(gateway);
		List<Update> batch = List.of(
				TelegramPolling.mapper()
					.readValue(Updates.message(Updates.nextId(), 900000006L, "/status"), Update.class),
				TelegramPolling.mapper()
					.readValue(Updates.message(Updates.nextId(), 900000006L, "/timeline"), Update.class));

		// the polling thread: both updates handled and
		// answered while the first re-plan still hangs
		assertTimeoutPreemptively(Duration.ofSeconds(20), () -> gateway.consume(batch));
		assertThat(engine.handled).hasSize(2);
		assertThat(settledOn).isEmpty();
		api.await("sendMessage", (body) -> body.path("text").asText().equals("已收到第 2 条"));
		assertThat(api.calls("sendMessage")).extracting((body) -> body.path("chat_id").asText())
			.containsOnly(String.valueOf(Updates.GROUP));

		// the re-plans then run, in order, on the settling thread
		replanMayFinish.countDown();
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (settledOn.size() < 2 && System.nanoTime() < deadline) {
			FakeBotApi.sleep(10);
		}
		assertThat(settledOn).containsExactly("settling", "settling");
		assertThat(settling.pending()).isZero();
	}

	@Test // GH-14
	void aSettlingThatFailsIsLoggedAndTheNextOneStillRuns() throws Exception {
		try (Settling background = Settling.background(4)) {
			CountDownLatch second = new CountDownLatch(1);
			background.settle("tg:1", () -> {
				throw new IllegalStateException("Redis 不可用");
			});
			background.settle("tg:2", second::countDown);
			assertThat(second.await(10, TimeUnit.SECONDS)).isTrue();
		}
	}

	@Test // GH-14
	void aFullSettlingQueueRefusesWithoutBlockingTheCaller() throws Exception {
		try (Settling background = Settling.background(1)) {
			CountDownLatch started = new CountDownLatch(1);
			CountDownLatch hold = new CountDownLatch(1);
			List<String> ran = new CopyOnWriteArrayList<>();
			background.settle("tg:1", () -> {
				started.countDown();
				await(hold);
				ran.add("1");
			});
			assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
			background.settle("tg:2", () -> ran.add("2")); // waits in the queue
			assertTimeoutPreemptively(Duration.ofSeconds(5), () -> background.settle("tg:3", () -> ran.add("3")));
			hold.countDown();
			long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			while (ran.size() < 2 && System.nanoTime() < deadline) {
				FakeBotApi.sleep(10);
			}
			// the third was refused (logged; the periodic re-plan makes up for it)
			assertThat(ran).containsExactly("1", "2");
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
