package com.warroom.bot.telegram;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.warroom.WarRoomApplication;
import com.warroom.bot.incident.IncidentStore;
import com.warroom.bot.store.EmbeddedRedis;
import com.warroom.notify.Reminder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, "a Redis outage loses every reminder and escalation step that falls due
 * during it": the test stops its own redis-server across the due time of the overdue
 * reminder and starts it again on the same data. The reminder fires late rather than
 * never, once, saying when it was planned; meanwhile {@code /readyz} is not 200 and a
 * user who writes gets "系统暂时无法保存，请稍后重试".
 */
class ReminderOutageIntegrationTests {

	static final FakeBotApi api = new FakeBotApi();

	private final HttpClient http = HttpClient.newHttpClient();

	@AfterAll
	static void stop() {
		api.close();
	}

	private ConfigurableApplicationContext start(Path data, String redisUrl) {
		return new SpringApplicationBuilder(WarRoomApplication.class).run("--server.port=0",
				"--warroom.data-dir=" + data, "--warroom.redis-url=" + redisUrl,
				"--warroom.telegram.token=" + FakeBotApi.TOKEN, "--warroom.telegram.api-url=" + api.url(),
				"--warroom.telegram.mode=webhook", "--warroom.telegram.webhook-secret=s",
				"--warroom.telegram.chat-per-second=1000", "--warroom.telegram.group-per-minute=60000",
				"--warroom.reminder-lead=PT1S", "--warroom.overdue-after=PT6S", "--warroom.ack-timeout=PT2M",
				"--warroom.reminder-retry-first=PT1S", "--warroom.reminder-retry-max=PT2S",
				"--warroom.reminder-late-after=PT2S");
	}

	private static long count(String part) {
		return api.calls("sendMessage").stream().filter((b) -> b.path("text").asText().contains(part)).count();
	}

	private int readiness(ConfigurableApplicationContext app) throws Exception {
		String port = app.getEnvironment().getProperty("local.server.port");
		return http
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/readyz")).build(),
					HttpResponse.BodyHandlers.discarding())
			.statusCode();
	}

	private int awaitReadiness(ConfigurableApplicationContext app, int status) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		int last = readiness(app);
		while (last != status && System.nanoTime() < deadline) {
			FakeBotApi.sleep(200);
			last = readiness(app);
		}
		return last;
	}

	@Test
	void aReminderDueDuringARedisOutageIsSentLateOnceRedisIsBack(@TempDir Path data) throws Exception {
		EmbeddedRedis redis = EmbeddedRedis.start(data.resolve("redis"), 0);
		String url = redis.url();
		int port = URI.create(url).getPort();
		ConfigurableApplicationContext app = start(data, url);
		try {
			long liaison = 900000009L;
			Updates.postWebhook(app, Updates.message(Updates.nextId(), liaison, "/declare 网页 篡改"));
			Updates.postWebhook(app, Updates.press(Updates.nextId(), liaison, api.button("网页内容被篡改"), 1));
			Updates.postWebhook(app, Updates.press(Updates.nextId(), liaison, api.button("确认宣布"), 1));
			api.await("sendMessage", (b) -> b.path("text").asText().contains("现在到期"));
			assertThat(readiness(app)).isEqualTo(200);
			String id = app.getBean(IncidentStore.class).open().get(0).id();
			Reminder planned = Planned.reminder(app, id, "CYCLE:1", Reminder.Stage.OVERDUE);

			redis.close(); // the overdue reminder (6 s after the due time) falls due
							// while Redis is down
			assertThat(awaitReadiness(app, 503)).isEqualTo(503);
			Updates.postWebhook(app, Updates.message(Updates.nextId(), liaison, "/note 停电中"));
			api.await("sendMessage", (b) -> b.path("text").asText().contains("系统暂时无法保存，请稍后重试"));
			// past the overdue reminder's time, and its first tries failed (retried after
			// 1 s, then 2 s)
			Planned.sleepPast(planned.fireAt(), Duration.ofMillis(3500));
			assertThat(count("已超时")).isZero();

			redis = EmbeddedRedis.start(data.resolve("redis"), port);
			// the chat's reminder (the escalation's own direct messages say 已超时 too)
			JsonNode overdue = api.await("sendMessage",
					(b) -> b.path("text").asText().contains("已超时（应于") && b.path("text").asText().contains("已逐级升级通知"));
			assertThat(overdue.path("text").asText()).contains("定期报告 第 1 次已超时（应于").contains("原定").contains("延迟发出");
			assertThat(awaitReadiness(app, 200)).isEqualTo(200);
			// its job ran to the end (no retry left) and every message it made was sent:
			// nothing more comes
			Planned.awaitSettled(app, id, Planned.of("CYCLE:1", Reminder.Stage.OVERDUE));
			// once in the incident's chat, however many
			// times the job was tried during the outage
			assertThat(count("前），已逐级升级通知")).isEqualTo(1);
			assertThat(count("现在到期")).isEqualTo(1);
		}
		finally {
			app.close();
			redis.close();
		}
	}

}
