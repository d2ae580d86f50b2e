package com.warroom.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import com.warroom.bot.telegram.SendQueue;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;

/**
 * A fan-out of messages over many private chats through the send queue, against a stub
 * Bot API that enforces Telegram's limits: at most 30 messages in any one second for the
 * bot, and at most one per second per chat; anything more is answered 429 with
 * {@code retry_after}. Reports the total time against the minimum the limits allow, and
 * the 429s. Usage: {@code FanOutBenchmark [messages=200] [chats=100]}.
 */
public final class FanOutBenchmark {

	private final ObjectMapper mapper = new ObjectMapper();

	private final Deque<Long> lastSecond = new ArrayDeque<>();

	private final Map<String, Long> lastPerChat = new HashMap<>();

	private final AtomicInteger accepted = new AtomicInteger();

	private final AtomicInteger rejected = new AtomicInteger();

	private final AtomicInteger botLimited = new AtomicInteger();

	private final AtomicInteger chatLimited = new AtomicInteger();

	public static void main(String[] args) throws Exception {
		int messages = (args.length > 0) ? Integer.parseInt(args[0]) : 200;
		int chats = (args.length > 1) ? Integer.parseInt(args[1]) : 100;
		new FanOutBenchmark().run(messages, chats);
		System.exit(0);
	}

	void run(int messages, int chats) throws Exception {
		System.setProperty("sun.net.httpserver.nodelay", "true");
		HttpServer stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
		stub.setExecutor(Executors.newFixedThreadPool(8));
		stub.createContext("/", (exchange) -> {
			byte[] body;
			try (InputStream in = exchange.getRequestBody()) {
				body = in.readAllBytes();
			}
			JsonNode request = mapper.readTree(body);
			String chat = request.path("chat_id").asText();
			String response;
			int status;
			if (admit(chat, System.nanoTime())) {
				accepted.incrementAndGet();
				status = 200;
				response = "{\"ok\":true,\"result\":{\"message_id\":1,\"date\":1,\"chat\":{\"id\":" + chat
						+ ",\"type\":\"private\"},\"text\":\"ok\"}}";
			}
			else {
				rejected.incrementAndGet();
				status = 429;
				response = "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 1\","
						+ "\"parameters\":{\"retry_after\":1}}";
			}
			byte[] bytes = response.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(status, bytes.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		});
		stub.start();
		OkHttpTelegramClient client = new OkHttpTelegramClient("1:bench",
				new TelegramUrl("http", "127.0.0.1", stub.getAddress().getPort(), false));
		// the bot's defaults (TelegramProperties): a small margin under Telegram's limits
		SendQueue queue = new SendQueue(Clock.systemUTC(), 28, 0.9, 19);
		// a running bot's connections are warm: open them first, then start counting
		for (int i = 0; i < 8; i++) {
			String chat = String.valueOf(9_000_000L + i);
			queue.submit(chat, false, true,
					() -> client.execute(SendMessage.builder().chatId(chat).text("预热").build()));
		}
		while (queue.pending() > 0) {
			Thread.sleep(5);
		}
		Thread.sleep(1500);
		synchronized (this) {
			lastSecond.clear();
			accepted.set(0);
			rejected.set(0);
		}
		long start = System.nanoTime();
		for (int i = 0; i < messages; i++) {
			String chat = String.valueOf(8_000_000L + (i % chats));
			String text = "通知 " + i;
			queue.submit(chat, false, true,
					() -> client.execute(SendMessage.builder().chatId(chat).text(text).build()));
		}
		while (queue.pending() > 0) {
			Thread.sleep(5);
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		double minimum = Math.max((messages - 1) / 30.0, Math.ceil((double) messages / chats) - 1);
		queue.close();
		stub.stop(0);
		System.out.printf(
				"fan-out: %d messages over %d chats in %.2f s; the limits allow %.2f s at best (%.3fx); "
						+ "delivered %d, 429s %d (bot limit %d, chat limit %d)%n",
				messages, chats, seconds, minimum, seconds / minimum, accepted.get(), rejected.get(), botLimited.get(),
				chatLimited.get());
	}

	/** Telegram's limits: 30 per rolling second for the bot, 1 per second per chat. */
	private synchronized boolean admit(String chat, long now) {
		long second = 1_000_000_000L;
		while (!lastSecond.isEmpty() && now - lastSecond.peekFirst() >= second) {
			lastSecond.pollFirst();
		}
		Long previous = lastPerChat.get(chat);
		if (lastSecond.size() >= 30) {
			botLimited.incrementAndGet();
			return false;
		}
		if (previous != null && now - previous < second) {
			chatLimited.incrementAndGet();
			return false;
		}
		lastSecond.addLast(now);
		lastPerChat.put(chat, now);
		return true;
	}

}
