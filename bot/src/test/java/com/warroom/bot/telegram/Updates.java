package com.warroom.bot.telegram;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** Bot API update JSON, as Telegram sends it. */
final class Updates {

	static final long GROUP = -1001234567890L;

	private static final AtomicInteger ids = new AtomicInteger(5000);

	private static final HttpClient http = HttpClient.newHttpClient();

	private Updates() {
	}

	/**
	 * Posts an update to a running application's webhook (secret {@code s}) and expects
	 * 200.
	 */
	static void postWebhook(ConfigurableApplicationContext app, String update) throws Exception {
		String port = app.getEnvironment().getProperty("local.server.port");
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/telegram/webhook"))
			.header("Content-Type", "application/json")
			.header("X-Telegram-Bot-Api-Secret-Token", "s")
			.POST(HttpRequest.BodyPublishers.ofString(update))
			.build();
		assertThat(http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
	}

	static int nextId() {
		return ids.incrementAndGet();
	}

	static String message(int updateId, long userId, String text) {
		return """
				{"update_id":%d,"message":{"message_id":%d,"date":1763790000,
				 "chat":{"id":%d,"type":"supergroup","title":"应急群"},
				 "from":{"id":%d,"is_bot":false,"first_name":"测试"},"text":%s}}
				""".formatted(updateId, updateId, GROUP, userId, quote(text));
	}

	static String press(int updateId, long userId, String data, int messageId) {
		return """
				{"update_id":%d,"callback_query":{"id":"cq%d","chat_instance":"1","data":%s,
				 "from":{"id":%d,"is_bot":false,"first_name":"测试"},
				 "message":{"message_id":%d,"date":1763790000,"chat":{"id":%d,"type":"supergroup"},"text":"x"}}}
				""".formatted(updateId, updateId, quote(data), userId, messageId, GROUP);
	}

	static String quote(String text) {
		StringBuilder out = new StringBuilder("\"");
		for (char c : text.toCharArray()) {
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				default -> out.append(c);
			}
		}
		return out.append('"').toString();
	}

}
