package com.warroom.bot.telegram;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.warroom.notify.spi.DeliveryResult;
import com.warroom.notify.spi.Notification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Escalation direct messages through the outbox: what Telegram's answers mean for a
 * retry.
 */
class TelegramNotificationsTests {

	static final FakeBotApi api = new FakeBotApi();

	private final TelegramNotifications channel = new TelegramNotifications(
			new OkHttpTelegramClient(FakeBotApi.TOKEN, TelegramConfiguration.telegramUrl(URI.create(api.url()))));

	private final Notification dm = new Notification("INC-1:esc:1:1:0:zhou-tech", "900000005", "INC-1 技术部负责人",
			"🔔 <b>INC-1</b>：宣布事件", false, List.of(new Notification.Action("确认收到", "AbCdEfGhJkMn")));

	@AfterAll
	static void stop() {
		api.close();
	}

	@BeforeEach
	void reset() {
		api.reset();
	}

	private void answer(int status, String body) {
		api.server.stubFor(post(urlPathMatching("(?i)/bot.*/sendMessage")).atPriority(1)
			.willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)));
	}

	@Test
	void sendsTheHtmlWithTheAcknowledgeButton() {
		assertThat(channel.deliver(dm).status()).isEqualTo(DeliveryResult.Status.DELIVERED);
		JsonNode sent = api.calls("sendMessage").get(0);
		assertThat(sent.path("chat_id").asText()).isEqualTo("900000005");
		assertThat(sent.path("parse_mode").asText()).isEqualTo("HTML");
		assertThat(sent.path("text").asText()).isEqualTo("🔔 <b>INC-1</b>：宣布事件");
		JsonNode button = sent.path("reply_markup").path("inline_keyboard").get(0).get(0);
		assertThat(button.path("text").asText()).isEqualTo("确认收到");
		assertThat(button.path("callback_data").asText()).isEqualTo("AbCdEfGhJkMn");
	}

	@Test
	void rateLimitsAndServerErrorsAreRetriedPermanentRefusalsAreNot() {
		answer(429,
				"{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests\",\"parameters\":{\"retry_after\":3}}");
		DeliveryResult limited = channel.deliver(dm);
		assertThat(limited.status()).isEqualTo(DeliveryResult.Status.RETRY);
		assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(3));

		answer(502, "{\"ok\":false,\"error_code\":502,\"description\":\"Bad Gateway\"}");
		assertThat(channel.deliver(dm).status()).isEqualTo(DeliveryResult.Status.RETRY);

		answer(403, "{\"ok\":false,\"error_code\":403,\"description\":\"Forbidden: bot was blocked by the user\"}");
		DeliveryResult blocked = channel.deliver(dm);
		assertThat(blocked.status()).isEqualTo(DeliveryResult.Status.FAILED);
		assertThat(blocked.detail()).contains("403");
	}

	@Test // GH-11
	void anHtmlBadGatewayFromTheFrontEndIsRetriedNotFinal() {
		api.server.stubFor(post(urlPathMatching("(?i)/bot.*/sendMessage")).atPriority(1)
			.willReturn(aResponse().withStatus(502)
				.withHeader("Content-Type", "text/html")
				.withBody("<html><body><h1>502 Bad Gateway</h1>nginx</body></html>")));
		DeliveryResult result = channel.deliver(dm);
		assertThat(result.status()).isEqualTo(DeliveryResult.Status.RETRY);
		assertThat(result.detail()).contains("Telegram 暂时不可用").doesNotContain("Bad Gateway");
	}

	@Test // GH-11
	void aDroppedConnectionIsRetried() {
		api.server.stubFor(post(urlPathMatching("(?i)/bot.*/sendMessage")).atPriority(1)
			.willReturn(aResponse().withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)));
		assertThat(channel.deliver(dm).status()).isEqualTo(DeliveryResult.Status.RETRY);
		api.server.stubFor(post(urlPathMatching("(?i)/bot.*/sendMessage")).atPriority(1)
			.willReturn(aResponse().withFault(com.github.tomakehurst.wiremock.http.Fault.EMPTY_RESPONSE)));
		assertThat(channel.deliver(dm).status()).isEqualTo(DeliveryResult.Status.RETRY);
	}

	@Test // GH-12
	void aChatNotFoundIsFinalAndSaysWhyInChinese() {
		answer(400, "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: chat not found\"}");
		DeliveryResult result = channel.deliver(dm);
		assertThat(result.status()).isEqualTo(DeliveryResult.Status.FAILED);
		assertThat(result.detail()).isEqualTo("对方尚未与机器人开始私聊（从未发送 /start），机器人无法主动联系（Telegram 400）");
		assertThat(api.calls("sendMessage")).hasSize(1);
	}

	@Test // GH-12
	void aBlockedBotIsFinalAndSaysSoInChinese() {
		answer(403, "{\"ok\":false,\"error_code\":403,\"description\":\"Forbidden: bot was blocked by the user\"}");
		DeliveryResult result = channel.deliver(dm);
		assertThat(result.status()).isEqualTo(DeliveryResult.Status.FAILED);
		assertThat(result.detail()).isEqualTo("对方已屏蔽机器人（Telegram 403）").doesNotContain("Forbidden");
	}

}
