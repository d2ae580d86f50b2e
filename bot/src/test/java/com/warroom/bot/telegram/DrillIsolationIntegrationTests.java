package com.warroom.bot.telegram;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.warroom.WarRoomApplication;
import com.warroom.bot.store.EmbeddedRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * GH-16, "prove it": the whole app with every HTTP channel configured against WireMock —
 * the Telegram Bot API (FakeBotApi), WeCom, DingTalk and Feishu group robots and the SMS
 * gateway on the first escalation tier — and the drill group marked real-only (生产运维群). A
 * drill declared there reaches no real-only endpoint (the robots' and gateway's request
 * journals stay empty, the group gets no drill message) while the redirected messages
 * arrive in the coordinator's own chat saying where they would have gone; a real incident
 * afterwards reaches the same robots (the endpoints were live all along).
 */
class DrillIsolationIntegrationTests {

	static final FakeBotApi api = new FakeBotApi();

	static final WireMockServer robots = new WireMockServer(wireMockConfig().dynamicPort());

	static final long DBA = 900000006L;

	static {
		robots.start();
		robots.stubFor(post(urlPathMatching("/.*")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"errcode\":0,\"code\":0,\"StatusCode\":0}")));
	}

	@AfterAll
	static void stop() {
		api.close();
		robots.stop();
	}

	private static List<String> texts(String chat) {
		return api.calls("sendMessage")
			.stream()
			.filter((b) -> b.path("chat_id").asText().equals(chat))
			.map((b) -> b.path("text").asText())
			.toList();
	}

	private static String button(JsonNode message, String label) {
		for (JsonNode row : message.path("reply_markup").path("inline_keyboard")) {
			for (JsonNode button : row) {
				if (label.equals(button.path("text").asText())) {
					return button.path("callback_data").asText();
				}
			}
		}
		throw new AssertionError("no button " + label + " in " + message);
	}

	@Test // GH-16
	void aDrillReachesNoRealOnlyEndpointAndItsMessagesArriveAtTheCoordinator(@TempDir Path data) throws Exception {
		Path escalation = Files.writeString(data.resolve("escalation.yaml"), """
				rounds: 1
				tiers:
				  - name: 技术部负责人
				    duties: [tech-manager]
				    channels:
				      - { type: wecom, target: "%1$s/wecom" }
				      - { type: dingtalk, target: "%1$s/dingtalk" }
				      - { type: feishu, target: "%1$s/feishu" }
				      - { type: sms, target: "13800000099" }
				  - name: 应急工作小组组长
				    duties: [it-head]
				""".formatted(robots.baseUrl()));
		String group = String.valueOf(Updates.GROUP);
		try (EmbeddedRedis redis = EmbeddedRedis.start(data.resolve("redis"), 0)) {
			ConfigurableApplicationContext app = new SpringApplicationBuilder(WarRoomApplication.class).run(
					"--server.port=0", "--warroom.data-dir=" + data, "--warroom.redis-url=" + redis.url(),
					"--warroom.telegram.token=" + FakeBotApi.TOKEN, "--warroom.telegram.api-url=" + api.url(),
					"--warroom.telegram.mode=webhook", "--warroom.telegram.webhook-secret=s",
					"--warroom.telegram.chat-per-second=1000", "--warroom.telegram.group-per-minute=60000",
					"--warroom.escalation-file=" + escalation, "--warroom.notify.dingtalk-secret=d-secret",
					"--warroom.notify.feishu-secret=f-secret", "--warroom.notify.sms-url=" + robots.baseUrl() + "/sms",
					"--warroom.notify.poll=PT0.2S", "--warroom.drill.real-only=tg:" + group + "|生产运维群");
			try {
				Updates.postWebhook(app, Updates.message(Updates.nextId(), DBA, "/drill 数据库主机"));
				Updates.postWebhook(app, Updates.press(Updates.nextId(), DBA, api.button("数据库主机硬件故障"), 1));
				Updates.postWebhook(app, Updates.press(Updates.nextId(), DBA, api.button("确认宣布"), 1));

				// the card the group would have had comes to
				// the coordinator (who started the drill)
				JsonNode card = api.await("sendMessage", (b) -> b.path("chat_id").asText().equals(String.valueOf(DBA))
						&& b.path("text").asText().contains("原应发往生产运维群"));
				assertThat(card.path("text").asText()).contains("【演练】").contains("DRL-");
				// the robots' and the SMS gateway's notifications
				// come to the coordinator as well
				for (String robot : List.of("企业微信群机器人", "钉钉群机器人", "飞书群机器人", "短信号码 138****0099")) {
					JsonNode redirected = api.await("sendMessage",
							(b) -> b.path("chat_id").asText().equals(String.valueOf(DBA))
									&& b.path("text").asText().contains("原应发往" + robot));
					assertThat(redirected.path("text").asText()).contains("【演练】")
						.contains("DRL-")
						.doesNotContain("/wecom");
				}
				FakeBotApi.sleep(1500);
				assertThat(robots.findAll(anyRequestedFor(anyUrl()))).as("no real-only endpoint got a single request")
					.isEmpty();
				assertThat(texts(group)).as("the real-only group got no drill message")
					.noneMatch((t) -> t.contains("DRL-"));

				// the same endpoints are live: a real incident reaches them
				Updates.postWebhook(app, Updates.message(Updates.nextId(), DBA, "/declare 数据库主机"));
				JsonNode picker = api.await("sendMessage", (b) -> b.path("chat_id").asText().equals(group)
						&& b.path("text").asText().startsWith("与“数据库主机”"));
				Updates.postWebhook(app, Updates.press(Updates.nextId(), DBA, button(picker, "数据库主机硬件故障"), 1));
				JsonNode confirm = api.await("editMessageText", (b) -> !b.path("text").asText().contains("演练")
						&& b.path("reply_markup").toString().contains("确认宣布"));
				Updates.postWebhook(app, Updates.press(Updates.nextId(), DBA, button(confirm, "确认宣布"), 1));
				api.await("sendMessage",
						(b) -> b.path("chat_id").asText().equals(group) && b.path("text").asText().contains("INC-"));
				long deadline = System.nanoTime() + 20_000_000_000L;
				while (robots.findAll(anyRequestedFor(anyUrl())).size() < 4 && System.nanoTime() < deadline) {
					FakeBotApi.sleep(100);
				}
				assertThat(robots.findAll(anyRequestedFor(anyUrl())))
					.extracting((request) -> request.getUrl().replaceAll("\\?.*", ""))
					.containsExactlyInAnyOrder("/wecom", "/dingtalk", "/feishu", "/sms");
			}
			finally {
				app.close();
			}
		}
	}

}
