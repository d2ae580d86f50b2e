package com.warroom.bot.telegram;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.warroom.WarRoomApplication;
import com.warroom.bot.store.EmbeddedRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the bot must say survives Telegram outages and restarts (GH-11): every call is in
 * the outbox before it is made; the application is stopped with calls unfinished and
 * started again on the same database and Redis, and they arrive — once, and a group
 * message that may have arrived before the crash only marked （重发）.
 */
class TelegramOutboxRestartIntegrationTests {

	static final FakeBotApi api = new FakeBotApi();

	static final long DBA = 900000006L;

	@AfterAll
	static void stop() {
		api.close();
	}

	private ConfigurableApplicationContext start(Path data, EmbeddedRedis redis, String apiUrl) {
		return new SpringApplicationBuilder(WarRoomApplication.class).run("--server.port=0",
				"--warroom.data-dir=" + data, "--warroom.redis-url=" + redis.url(),
				"--warroom.telegram.token=" + FakeBotApi.TOKEN, "--warroom.telegram.api-url=" + apiUrl,
				"--warroom.telegram.mode=webhook", "--warroom.telegram.webhook-secret=s",
				"--warroom.telegram.chat-per-second=1000", "--warroom.telegram.group-per-minute=60000",
				"--warroom.telegram.per-second=1000");
	}

	private static String privateMessage(int updateId, long userId, String text) {
		return """
				{"update_id":%d,"message":{"message_id":%d,"date":1763790000,
				 "chat":{"id":%d,"type":"private","first_name":"测试"},
				 "from":{"id":%d,"is_bot":false,"first_name":"测试"},"text":%s}}
				""".formatted(updateId, updateId, userId, userId, Updates.quote(text));
	}

	private static List<String> texts(String chat) {
		return api.calls("sendMessage")
			.stream()
			.filter((b) -> b.path("chat_id").asText().equals(chat))
			.map((b) -> b.path("text").asText())
			.toList();
	}

	private static int freePort() throws Exception {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	@Test // GH-11
	void repliesQueuedWhileTelegramIsDownArriveOnceAfterARestart(@TempDir Path data) throws Exception {
		api.reset();
		try (EmbeddedRedis redis = EmbeddedRedis.start(data.resolve("redis"), 0)) {
			// Telegram unreachable: nothing listens there (connection refused)
			ConfigurableApplicationContext down = start(data, redis, "http://127.0.0.1:" + freePort());
			try {
				Updates.postWebhook(down, Updates.message(Updates.nextId(), DBA, "/help"));
				Updates.postWebhook(down, Updates.message(Updates.nextId(), DBA, "/declare 数据库主机"));
				Updates.postWebhook(down, privateMessage(Updates.nextId(), DBA, "/start"));
				FakeBotApi.sleep(1500);
			}
			finally {
				down.close();
			}
			assertThat(api.calls("sendMessage")).isEmpty();
			ConfigurableApplicationContext up = start(data, redis, api.url());
			try {
				api.await("sendMessage", (b) -> b.path("text").asText().contains("最接近的预案"));
				api.await("sendMessage", (b) -> b.path("chat_id").asText().equals(String.valueOf(DBA))
						&& b.path("text").asText().contains("机器人可以直接私信您"));
				FakeBotApi.sleep(1000);
				List<String> group = texts(String.valueOf(Updates.GROUP));
				assertThat(group).filteredOn((t) -> t.contains("可用命令")).hasSize(1);
				assertThat(group).filteredOn((t) -> t.contains("最接近的预案")).hasSize(1);
				assertThat(group).noneMatch((t) -> t.contains("（重发）"));
				assertThat(texts(String.valueOf(DBA))).filteredOn((t) -> t.contains("可用命令")).hasSize(1);
			}
			finally {
				up.close();
			}
		}
	}

	@Test // GH-11
	void aGroupMessageInFlightAtACrashIsResentMarkedAndAPrivateOneAsItWas(@TempDir Path data) throws Exception {
		api.reset();
		// Telegram takes the calls but its answers never come back before the crash
		api.server.stubFor(post(urlPathMatching("(?i)/bot.*/sendMessage")).atPriority(1)
			.willReturn(aResponse().withFixedDelay(15_000)
				.withHeader("Content-Type", "application/json")
				.withBody(
						"{\"ok\":true,\"result\":{\"message_id\":1,\"date\":1,\"chat\":{\"id\":1,\"type\":\"private\"}}}")));
		try (EmbeddedRedis redis = EmbeddedRedis.start(data.resolve("redis"), 0)) {
			ConfigurableApplicationContext first = start(data, redis, api.url());
			int before;
			try {
				Updates.postWebhook(first, Updates.message(Updates.nextId(), DBA, "/help"));
				Updates.postWebhook(first, privateMessage(Updates.nextId(), DBA, "/help"));
				api.await("sendMessage", (b) -> b.path("chat_id").asText().equals(String.valueOf(DBA)));
				api.await("sendMessage", (b) -> b.path("chat_id").asText().equals(String.valueOf(Updates.GROUP)));
				before = texts(String.valueOf(Updates.GROUP)).size();
			}
			finally {
				first.close();
			}
			assertThat(before).isEqualTo(1);
			api.reset();
			ConfigurableApplicationContext second = start(data, redis, api.url());
			try {
				JsonNode group = api.await("sendMessage",
						(b) -> b.path("chat_id").asText().equals(String.valueOf(Updates.GROUP)));
				api.await("sendMessage", (b) -> b.path("chat_id").asText().equals(String.valueOf(DBA)));
				FakeBotApi.sleep(1000);
				// the group sees the original (which may have arrived) and one copy
				// saying it is one: no unmarked duplicate
				assertThat(group.path("text").asText()).startsWith("（重发）").contains("可用命令");
				assertThat(texts(String.valueOf(Updates.GROUP))).hasSize(1);
				// a private chat gets it again as it was: a duplicate there is harmless
				assertThat(texts(String.valueOf(DBA))).singleElement()
					.satisfies((t) -> assertThat(t).startsWith("<b>WarRoom"));
			}
			finally {
				second.close();
			}
		}
	}

}
