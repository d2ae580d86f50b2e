package com.warroom.bot.telegram;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.warroom.WarRoomApplication;
import com.warroom.bot.store.EmbeddedRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A drill's injects are timed durably (GH-16): the bot is stopped between {@code /drill
 * start} and an inject's time and started again on the same database; the inject still
 * fires, once. Quartz keeps wall-clock time, so this test waits for real (seconds).
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

	private ConfigurableApplicationContext start(Path data, Path plans) {
		return new SpringApplicationBuilder(WarRoomApplication.class).run("--server.port=0",
				"--warroom.data-dir=" + data, "--warroom.redis-url=" + redis.url(),
				"--warroom.telegram.token=" + FakeBotApi.TOKEN, "--warroom.telegram.api-url=" + api.url(),
				"--warroom.telegram.mode=webhook", "--warroom.telegram.webhook-secret=s",
				"--warroom.telegram.chat-per-second=1000", "--warroom.telegram.group-per-minute=60000",
				"--warroom.drill.plans-dir=" + plans);
	}

	private static long count(String part) {
		return api.calls("sendMessage").stream().filter((b) -> b.path("text").asText().contains(part)).count();
	}

	@Test
	void noInjectFiresAfterStop(@TempDir Path data) throws Exception {
		Path plans = Files.createDirectories(data.resolve("plans"));
		Files.writeString(plans.resolve("restart.yaml"), PLAN.replace("节点 2 未能接管", "停止后不应出现"),
				StandardCharsets.UTF_8);
		redis = EmbeddedRedis.start(data.resolve("redis"), 0);
		try {
			ConfigurableApplicationContext app = start(data.resolve("app"), plans);
			try {
				Updates.postWebhook(app, Updates.message(Updates.nextId(), COORDINATOR, "/drill start restart"));
				api.await("sendMessage", (b) -> b.path("text").asText().contains("开始：重启演练"));
				long started = System.currentTimeMillis();
				Updates.postWebhook(app, Updates.message(Updates.nextId(), COORDINATOR, "/drill stop"));
				api.await("sendMessage", (b) -> b.path("text").asText().contains("已结束"));
				// past the inject's time (T+15 s) on the real Quartz timers
				FakeBotApi.sleep(Math.max(0, started + 19_000 - System.currentTimeMillis()));
				// the inject's own text (the fake API is shared by both tests; the start message names no inject)
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
		Files.writeString(plans.resolve("restart.yaml"), PLAN, StandardCharsets.UTF_8);
		redis = EmbeddedRedis.start(data.resolve("redis"), 0);
		try {
			long started;
			ConfigurableApplicationContext first = start(data.resolve("app"), plans);
			try {
				Updates.postWebhook(first, Updates.message(Updates.nextId(), COORDINATOR, "/drill start restart"));
				api.await("sendMessage", (b) -> b.path("text").asText().contains("开始：重启演练"));
				started = System.currentTimeMillis();
			}
			finally {
				first.close();
			}
			assertThat(count("情况通报（注入 late")).as("not before its time").isZero();
			// the inject (T+15 s) comes due while the bot is down
			FakeBotApi.sleep(Math.max(0, started + 17_000 - System.currentTimeMillis()));
			ConfigurableApplicationContext second = start(data.resolve("app"), plans);
			try {
				api.await("sendMessage", (b) -> b.path("text").asText().contains("情况通报（注入 late，T+0:00:15）：节点 2 未能接管"));
				FakeBotApi.sleep(3000);
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
