package com.warroom.bot.telegram;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import com.warroom.WarRoomApplication;
import com.warroom.bot.drill.DrillStore;
import com.warroom.bot.engine.MutableClock;
import com.warroom.bot.store.EmbeddedRedis;
import com.warroom.notify.Reminder;
import com.warroom.notify.ReminderDue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A drill's injects are timed durably (GH-16): the bot is stopped between {@code /drill
 * start} and an inject's time and started again on the same database; the inject still
 * fires, once. Quartz keeps wall-clock time, so the restart waits for real (seconds, the
 * inject is 8 s into the run); that a stopped run's inject never fires is shown on the
 * rules' clock, moved past the inject's time (GH-14).
 */
class DrillRestartIntegrationTests {

	static final FakeBotApi api = new FakeBotApi();

	static final long COORDINATOR = 900000010L;

	static final String PLAN = """
			id: restart
			title: 重启演练
			objective: 验证注入在重启后仍会执行
			environment: test
			window: "00:00-23:59"
			participants:
			  - role: 总体协调指挥
			    people: [chen-drill]
			scenarios:
			  - id: db
			    title: 主数据库切换
			    playbook: central.db-host-hardware
			    description: 模拟主数据库系统故障
			injects:
			  - id: late
			    kind: complication
			    at: PT15S
			    text: 节点 2 未能接管
			criteria:
			  - id: declared
			    text: 已宣布
			    from: late
			    reach: recovered
			    within: PT15M
			restoration:
			  - text: 恢复清理环境
			""";

	@AfterAll
	static void stop() {
		api.close();
	}

	private EmbeddedRedis redis;

	private ConfigurableApplicationContext start(Path data, Path plans, Class<?>... more) {
		return new SpringApplicationBuilder(WarRoomApplication.class).sources(more)
			.run("--server.port=0", "--warroom.data-dir=" + data, "--warroom.redis-url=" + redis.url(),
					"--warroom.telegram.token=" + FakeBotApi.TOKEN, "--warroom.telegram.api-url=" + api.url(),
					"--warroom.telegram.mode=webhook", "--warroom.telegram.webhook-secret=s",
					"--warroom.telegram.chat-per-second=1000", "--warroom.telegram.group-per-minute=60000",
					"--warroom.drill.plans-dir=" + plans);
	}

	private static long count(String part) {
		return api.calls("sendMessage").stream().filter((b) -> b.path("text").asText().contains(part)).count();
	}

	/**
	 * The rules' clock of the first test, which it moves by hand (it starts at the real
	 * time).
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class Time {

		@Bean
		@Primary
		MutableClock testClock() {
			return new MutableClock(Instant.now());
		}

	}

	@Test
	void noInjectFiresAfterStop(@TempDir Path data) throws Exception {
		Path plans = Files.createDirectories(data.resolve("plans"));
		Files.writeString(plans.resolve("restart.yaml"), PLAN.replace("节点 2 未能接管", "停止后不应出现"), StandardCharsets.UTF_8);
		redis = EmbeddedRedis.start(data.resolve("redis"), 0);
		try {
			ConfigurableApplicationContext app = start(data.resolve("app"), plans, Time.class);
			try {
				Updates.postWebhook(app, Updates.message(Updates.nextId(), COORDINATOR, "/drill start restart"));
				api.await("sendMessage", (b) -> b.path("text").asText().contains("开始：重启演练"));
				DrillStore.Run run = app.getBean(DrillStore.class).runs().get(0);
				// the inject's timer is planned at T+15 s
				Reminder timer = Planned.reminder(app, run.id(), "DRILL:late", Reminder.Stage.DUE);
				assertThat(timer.fireAt()).isEqualTo(run.due(Duration.ofSeconds(15)));
				Updates.postWebhook(app, Updates.message(Updates.nextId(), COORDINATOR, "/drill stop"));
				api.await("sendMessage", (b) -> b.path("text").asText().contains("已结束"));
				// the stop took the timer away
				assertThat(Planned.pending(app, run.id())).isEmpty();
				// and past the inject's time a timer that fired all the same (acquired
				// before the stop) fires nothing
				MutableClock clock = app.getBean(MutableClock.class);
				clock.advance(Duration.ofSeconds(19));
				app.publishEvent(new ReminderDue(timer.incidentId(), timer.key(), timer.stage(), timer.dueAt(),
						timer.fireAt(), clock.instant()));
				Planned.awaitSettled(app, run.id(), (r) -> true);
				// the inject's own text (the fake API is shared by both tests; the start
				// message names no inject)
				assertThat(count("停止后不应出现")).isZero();
			}
			finally {
				app.close();
			}
		}
		finally {
			redis.close();
		}
	}

	@Test
	void anInjectDueWhileTheBotIsDownFiresOnceAfterTheRestart(@TempDir Path data) throws Exception {
		Path plans = Files.createDirectories(data.resolve("plans"));
		// 8 s into the run: time enough to stop the bot first
		Files.writeString(plans.resolve("restart.yaml"), PLAN.replace("at: PT15S", "at: PT8S"), StandardCharsets.UTF_8);
		redis = EmbeddedRedis.start(data.resolve("redis"), 0);
		try {
			String runId;
			Reminder timer;
			ConfigurableApplicationContext first = start(data.resolve("app"), plans);
			try {
				Updates.postWebhook(first, Updates.message(Updates.nextId(), COORDINATOR, "/drill start restart"));
				api.await("sendMessage", (b) -> b.path("text").asText().contains("开始：重启演练"));
				DrillStore.Run run = first.getBean(DrillStore.class).runs().get(0);
				runId = run.id();
				timer = Planned.reminder(first, runId, "DRILL:late", Reminder.Stage.DUE);
				assertThat(timer.fireAt()).isEqualTo(run.due(Duration.ofSeconds(8)));
			}
			finally {
				first.close();
			}
			assertThat(count("情况通报（注入 late")).as("not before its time").isZero();
			// the inject comes due while the bot is down
			Planned.sleepPast(timer.fireAt(), Duration.ofMillis(500));
			ConfigurableApplicationContext second = start(data.resolve("app"), plans);
			try {
				api.await("sendMessage", (b) -> b.path("text").asText().contains("情况通报（注入 late，T+0:00:08）：节点 2 未能接管"));
				// its timer ran to the end and every message
				// it made was sent: nothing more comes
				Planned.awaitSettled(second, runId, (r) -> r.key().equals("DRILL:late"));
				assertThat(count("情况通报（注入 late")).isEqualTo(1);
			}
			finally {
				second.close();
			}
		}
		finally {
			redis.close();
		}
	}

}
