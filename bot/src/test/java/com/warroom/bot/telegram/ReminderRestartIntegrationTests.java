package com.warroom.bot.telegram;

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
 * Reminders survive a restart: the application is stopped with a reminder pending and
 * started again on the same database and Redis; the reminder that came due while it was
 * down is sent at once, and nothing is sent twice.
 */
class ReminderRestartIntegrationTests {

	static final FakeBotApi api = new FakeBotApi();

	@AfterAll
	static void stop() {
		api.close();
	}

	/**
	 * Its own redis-server: contexts of other test classes stay alive (Spring caches them)
	 * with their own schedulers, and must not see this test's incidents.
	 */
	private EmbeddedRedis redis;

	private ConfigurableApplicationContext start(Path data) {
		return new SpringApplicationBuilder(WarRoomApplication.class).run("--server.port=0",
				"--warroom.data-dir=" + data, "--warroom.redis-url=" + redis.url(),
				"--warroom.telegram.token=" + FakeBotApi.TOKEN, "--warroom.telegram.api-url=" + api.url(),
				"--warroom.telegram.mode=webhook", "--warroom.telegram.webhook-secret=s",
				"--warroom.telegram.chat-per-second=1000", "--warroom.telegram.group-per-minute=60000",
				"--warroom.reminder-lead=PT1S", "--warroom.overdue-after=PT10S");
	}

	private void post(ConfigurableApplicationContext app, String update) throws Exception {
		Updates.postWebhook(app, update);
	}

	private static long count(String part) {
		return api.calls("sendMessage").stream().filter((b) -> b.path("text").asText().contains(part)).count();
	}

	@Test
	void aReminderDueWhileDownIsSentOnceAfterTheRestart(@TempDir Path data) throws Exception {
		redis = EmbeddedRedis.start(data.resolve("redis"), 0);
		try {
			run(data);
		}
		finally {
			redis.close();
		}
	}

	private void run(Path data) throws Exception {
		long liaison = 900000009L;
		String id;
		Reminder overdueReminder;
		ConfigurableApplicationContext first = start(data);
		try {
			post(first, Updates.message(Updates.nextId(), liaison, "/declare 网页 篡改"));
			post(first, Updates.press(Updates.nextId(), liaison, api.button("网页内容被篡改"), 1));
			post(first, Updates.press(Updates.nextId(), liaison, api.button("确认宣布"), 1));
			JsonNode due = api.await("sendMessage", (b) -> b.path("text").asText().contains("现在到期"));
			assertThat(due.path("text").asText()).contains("定期报告 第 1 次");
			assertThat(count("已超时")).isZero();
			id = first.getBean(IncidentStore.class).open().get(0).id();
			// the overdue reminder is planned 10 s after the due time
			overdueReminder = Planned.reminder(first, id, "CYCLE:1", Reminder.Stage.OVERDUE);
			assertThat(Duration.between(overdueReminder.dueAt(), overdueReminder.fireAt())).isEqualTo(Duration.ofSeconds(10));
		}
		finally {
			first.close();
		}
		// it comes due while the bot is down
		Planned.sleepPast(overdueReminder.fireAt(), Duration.ofMillis(500));
		assertThat(count("已超时")).isZero();
		ConfigurableApplicationContext second = start(data);
		try {
			JsonNode overdue = api.await("sendMessage", (b) -> b.path("text").asText().contains("已超时（应于"));
			assertThat(overdue.path("text").asText()).contains("定期报告 第 1 次已超时（应于");
			// its job ran to the end and every message it made was sent: nothing more comes
			Planned.awaitSettled(second, id, Planned.of("CYCLE:1", Reminder.Stage.OVERDUE));
			assertThat(count("现在到期")).isEqualTo(1);
			// once in the incident's chat, and the escalation: to the first tier directly and noted in the chat
			assertThat(count("前），已逐级升级通知")).isEqualTo(1);
			assertThat(count("已超时")).isEqualTo(3);
		}
		finally {
			second.close();
		}
	}

}
