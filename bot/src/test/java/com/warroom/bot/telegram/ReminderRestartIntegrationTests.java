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
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

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

	@org.junit.jupiter.api.BeforeEach
	void reset() {
		api.reset(); // each test counts its own calls
	}

	/**
	 * Its own redis-server: contexts of other test classes stay alive (Spring caches
	 * them) with their own schedulers, and must not see this test's incidents.
	 */
	private EmbeddedRedis redis;

	private ConfigurableApplicationContext start(Path data, String... more) {
		java.util.List<String> args = new java.util.ArrayList<>(
				java.util.List.of("--server.port=0", "--warroom.data-dir=" + data, "--warroom.redis-url=" + redis.url(),
						"--warroom.telegram.token=" + FakeBotApi.TOKEN, "--warroom.telegram.api-url=" + api.url(),
						"--warroom.telegram.mode=webhook", "--warroom.telegram.webhook-secret=s",
						"--warroom.telegram.chat-per-second=1000", "--warroom.telegram.group-per-minute=60000",
						"--warroom.reminder-lead=PT1S", "--warroom.overdue-after=PT10S"));
		args.addAll(java.util.List.of(more));
		return new SpringApplicationBuilder(WarRoomApplication.class).run(args.toArray(String[]::new));
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

	/**
	 * GH-15: a Redis wiped while the bot was down takes the reminders' sent-marks' copies
	 * there, and the causes that named the outbox rows of what was sent; the restart
	 * re-plans every open incident (ReminderRecovery) from its record, where the marks
	 * are: nothing is sent again into the group that got it (the incident record in the
	 * database, as RECORD_STORE=database, whatever the default on H2 is).
	 */
	@Test
	void aReminderSentBeforeRedisWasWipedIsNotSentAgainAfterTheRestart(@TempDir Path data) throws Exception {
		redis = EmbeddedRedis.start(data.resolve("redis"), 0);
		try {
			long liaison = 900000009L;
			ConfigurableApplicationContext first = start(data, "--warroom.record-store=database");
			long before;
			try {
				post(first, Updates.message(Updates.nextId(), liaison, "/declare 网页 篡改"));
				post(first, Updates.press(Updates.nextId(), liaison, api.button("网页内容被篡改"), 1));
				post(first, Updates.press(Updates.nextId(), liaison, api.button("确认宣布"), 1));
				api.await("sendMessage", (b) -> b.path("text").asText().contains("现在到期"));
				api.await("sendMessage", (b) -> b.path("text").asText().contains("前），已逐级升级通知"));
				FakeBotApi.sleep(2000);
				before = group();
			}
			finally {
				first.close();
			}
			assertThat(count("现在到期")).isEqualTo(1);
			try (UnifiedJedis client = RedisClient.create(java.net.URI.create(redis.url()))) {
				client.flushAll();
			}
			ConfigurableApplicationContext second = start(data, "--warroom.record-store=database");
			try {
				assertThat(second.getBean(com.warroom.bot.incident.IncidentStore.class).open()).hasSize(1);
				// re-planned at the start; a reminder planned
				// again would fire a second later
				FakeBotApi.sleep(6000);
				System.out
					.println("GH-15 group messages before the Redis wipe " + before + ", after the restart " + group());
				assertThat(count("现在到期")).isEqualTo(1);
				assertThat(count("前），已逐级升级通知")).isEqualTo(1);
				assertThat(count("已超时")).isEqualTo(3);
				assertThat(group()).isEqualTo(before);
			}
			finally {
				second.close();
			}
		}
		finally {
			redis.close();
		}
	}

	/** Messages sent to the incident's group. */
	private static long group() {
		return api.calls("sendMessage")
			.stream()
			.filter((b) -> b.path("chat_id").asText().equals(String.valueOf(Updates.GROUP)))
			.count();
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
			assertThat(Duration.between(overdueReminder.dueAt(), overdueReminder.fireAt()))
				.isEqualTo(Duration.ofSeconds(10));
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
			// its job ran to the end and every message
			// it made was sent: nothing more comes
			Planned.awaitSettled(second, id, Planned.of("CYCLE:1", Reminder.Stage.OVERDUE));
			assertThat(count("现在到期")).isEqualTo(1);
			// once in the incident's chat, and the escalation: to the first tier directly
			// and noted in the chat
			assertThat(count("前），已逐级升级通知")).isEqualTo(1);
			assertThat(count("已超时")).isEqualTo(3);
		}
		finally {
			second.close();
		}
	}

}
