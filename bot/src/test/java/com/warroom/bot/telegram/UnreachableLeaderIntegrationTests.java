package com.warroom.bot.telegram;

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
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * People the bot cannot message (GH-12): Telegram answers "400 chat not found" for the
 * 技术部负责人 (周, no deputy), the 应急工作小组组长 (李, whose deputy is 周) and the 总经理 (赵, deputy 钱).
 * The declaration's escalation says so truthfully in Chinese, never goes back to them,
 * and moves at once (not after ACK_TIMEOUT): 周 → next tier → 李's deputy is 周, unreachable
 * → next tier → 赵's deputy 钱, and 孙 as planned.
 */
class UnreachableLeaderIntegrationTests {

	static final FakeBotApi api = new FakeBotApi();

	static final long DBA = 900000006L;

	static final String ZHOU = "900000005", LI = "900000004", ZHAO = "900000001", QIAN = "900000002", SUN = "900000003";

	@AfterAll
	static void stop() {
		api.close();
	}

	private static void notFound(String chat) {
		api.server.stubFor(post(urlPathMatching("(?i)/bot.*/sendMessage")).atPriority(1)
			.withRequestBody(matchingJsonPath("$.chat_id", equalTo(chat)))
			.willReturn(aResponse().withStatus(400)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: chat not found\"}")));
	}

	private static List<String> texts(String chat) {
		return api.calls("sendMessage")
			.stream()
			.filter((b) -> b.path("chat_id").asText().equals(chat))
			.map((b) -> b.path("text").asText())
			.toList();
	}

	@Test // GH-12
	void anUndeliverableEscalationSaysWhyAndGoesToTheDeputyOrTheNextTierNeverBack(@TempDir Path data) throws Exception {
		notFound(ZHOU);
		notFound(LI);
		notFound(ZHAO);
		try (EmbeddedRedis redis = EmbeddedRedis.start(data.resolve("redis"), 0)) {
			ConfigurableApplicationContext app = new SpringApplicationBuilder(WarRoomApplication.class).run(
					"--server.port=0", "--warroom.data-dir=" + data, "--warroom.redis-url=" + redis.url(),
					"--warroom.telegram.token=" + FakeBotApi.TOKEN, "--warroom.telegram.api-url=" + api.url(),
					"--warroom.telegram.mode=webhook", "--warroom.telegram.webhook-secret=s",
					"--warroom.telegram.chat-per-second=1000", "--warroom.telegram.group-per-minute=60000");
			try {
				long started = System.nanoTime();
				Updates.postWebhook(app, Updates.message(Updates.nextId(), DBA, "/declare 数据库主机"));
				Updates.postWebhook(app, Updates.press(Updates.nextId(), DBA, api.button("数据库主机硬件故障"), 1));
				Updates.postWebhook(app, Updates.press(Updates.nextId(), DBA, api.button("确认宣布"), 1));

				// leaders are informed of the declaration at once (no button, GH-12); the
				// deputy's message is the escalation that asks for an acknowledgement
				JsonNode deputy = api.await("sendMessage", (b) -> b.path("chat_id").asText().equals(QIAN)
						&& b.path("reply_markup").toString().contains("确认收到"));
				api.await("sendMessage", (b) -> b.path("chat_id").asText().equals(SUN)
						&& b.path("reply_markup").toString().contains("确认收到"));
				// at once, not after the 5-minute acknowledgement time-out of each tier
				assertThat((System.nanoTime() - started) / 1_000_000_000).isLessThan(60);
				assertThat(deputy.path("text").asText()).contains("应急领导小组组长、首席风险官");
				assertThat(deputy.path("reply_markup").toString()).contains("确认收到");

				// the refusal is said truthfully, in Chinese; the leader's escalation
				// then goes to the deputy (赵 was refused the declaration notice already,
				// so is not messaged again)
				JsonNode refused = api.await("sendMessage",
						(b) -> b.path("text").asText().contains("未能送达（Telegram 私信）"));
				assertThat(refused.path("text").asText()).contains("对方尚未与机器人开始私聊").contains("没有重试");
				JsonNode said = api.await("sendMessage", (b) -> b.path("text").asText().contains("改为通知其备岗"));
				assertThat(said.path("text").asText()).contains("钱副总经理");
				// 李 (tier 2) was refused the declaration notice: not messaged again, the
				// next tier at once
				api.await("sendMessage",
						(b) -> b.path("text").asText().contains("李信息技术部总经理（应急工作小组组长）此前的 Telegram 私信未能送达"));
				api.await("sendMessage", (b) -> b.path("text").asText().contains("已直接通知下一级：应急领导小组组长、首席风险官"));
				FakeBotApi.sleep(2500);
				List<String> group = texts(String.valueOf(Updates.GROUP));
				assertThat(group)
					.noneMatch((t) -> t.contains("经多次重试") || t.contains("chat not found") || t.contains("Bad Request"));
				// each unreachable person was tried once and never again
				assertThat(texts(ZHOU)).hasSize(1);
				assertThat(texts(LI)).hasSize(1);
				assertThat(texts(ZHAO)).hasSize(1);

				// /start tells a roster member whether the bot can reach them
				Updates.postWebhook(app, Updates.message(Updates.nextId(), Long.parseLong(ZHOU), "/start"));
				JsonNode reach = api.await("sendMessage", (b) -> b.path("text").asText().contains("直接私信您"));
				assertThat(reach.path("text").asText()).contains("机器人目前无法直接私信您").contains("/start");
			}
			finally {
				app.close();
			}
		}
	}

}
