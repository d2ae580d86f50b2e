package com.warroom.bot.telegram;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

import com.warroom.bot.delivery.Delivery;
import com.warroom.bot.delivery.EventHandling;
import com.warroom.bot.delivery.OutboundSink;
import com.warroom.bot.delivery.Settling;
import com.warroom.bot.engine.EngineHarness;
import com.warroom.bot.engine.MessageSlots;
import com.warroom.bot.engine.TestRedis;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.generics.TelegramClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One instance's Telegram side over an engine, for tests: its outbox node, sender, send
 * queue and gateway against the fake Bot API, the engine's replies delivered through the
 * gateway as in the application (settling inline).
 */
class TelegramNode implements AutoCloseable {

	final SendQueue queue = new SendQueue(Clock.systemUTC(), 1000, 1000, 60000);

	final TelegramOutbox outbox;

	final TelegramSender sender;

	final TelegramGateway gateway;

	TelegramNode(FakeBotApi api, EngineHarness harness, DataSource outboxes, Clock clock, String node) {
		this.outbox = new TelegramOutbox(outboxes, clock, node);
		TelegramClient client = new OkHttpTelegramClient(FakeBotApi.TOKEN,
				TelegramConfiguration.telegramUrl(URI.create(api.url())));
		this.sender = new TelegramSender(client, this.queue, new MessageSlots(TestRedis.client()), TestRedis.client(),
				harness.archive, this.outbox, "（重发）", Duration.ofSeconds(15));
		List<OutboundSink> sinks = new ArrayList<>();
		this.gateway = new TelegramGateway(client,
				new EventHandling(harness.engine, Delivery.over(() -> sinks), Settling.inline()), this.sender,
				TestRedis.client(), null, null);
		sinks.add(this.gateway);
	}

	/** Waits until everything queued and stored has been sent, at most {@code within}. */
	void settle(Duration within) {
		long deadline = System.nanoTime() + within.toNanos();
		while ((this.queue.pending() > 0 || this.outbox.open() > 0) && System.nanoTime() < deadline) {
			FakeBotApi.sleep(20);
		}
		assertThat(this.outbox.open()).isZero();
	}

	@Override
	public void close() {
		this.sender.close();
		this.queue.close();
	}

}
