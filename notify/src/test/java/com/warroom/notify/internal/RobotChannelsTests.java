package com.warroom.notify.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.warroom.notify.spi.DeliveryResult;
import com.warroom.notify.spi.DeliveryResult.Status;
import com.warroom.notify.spi.Notification;
import com.warroom.notify.spi.NotificationChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each robot against WireMock: success, its own error codes, 429, 5xx, time-outs, broken
 * and malformed answers.
 */
class RobotChannelsTests {

	private final WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());

	private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T05:58:00Z"), ZoneOffset.UTC);

	private final Notification message = new Notification("INC-1:ESC:1:0", "", "INC-20261123-001 升级通知",
			"数据库主机硬件故障 \"引号\" & <尖括号>", true);

	RobotChannelsTests() {
		server.start();
	}

	@AfterEach
	void stop() {
		server.stop();
	}

	private Notification to(String path) {
		return new Notification(message.id(), server.baseUrl() + path, message.title(), message.text(),
				message.drill());
	}

	private LoggedRequest last() {
		var all = server.findAll(anyRequestedFor(anyUrl()));
		return all.get(all.size() - 1);
	}

	private void answer(int status, String body) {
		server.stubFor(post(urlPathEqualTo("/robot"))
			.willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)));
	}

	@Test
	void wecomPostsTextAndReadsErrcode() {
		NotificationChannel wecom = RobotChannels.wecom(Duration.ofSeconds(2));
		answer(200, "{\"errcode\":0,\"errmsg\":\"ok\"}");
		assertThat(wecom.deliver(to("/robot")).status()).isEqualTo(Status.DELIVERED);
		assertThat(last().getBodyAsString()).contains("\"msgtype\":\"text\"")
			.contains("【演练】INC-20261123-001 升级通知")
			.contains("\\\"引号\\\"");
		answer(200, "{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}");
		DeliveryResult limited = wecom.deliver(to("/robot"));
		assertThat(limited.status()).isEqualTo(Status.RETRY);
		assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(60));
		answer(200, "{\"errcode\":93000,\"errmsg\":\"invalid webhook url\"}");
		assertThat(wecom.deliver(to("/robot"))).satisfies((result) -> {
			assertThat(result.status()).isEqualTo(Status.FAILED);
			assertThat(result.detail()).contains("93000");
		});
	}

	@Test
	void dingtalkSignsTheUrlWithHmacSha256() {
		NotificationChannel dingtalk = RobotChannels.dingtalk("SECtest", clock, Duration.ofSeconds(2));
		answer(200, "{\"errcode\":0,\"errmsg\":\"ok\"}");
		assertThat(dingtalk.deliver(to("/robot?access_token=abc")).status()).isEqualTo(Status.DELIVERED);
		LoggedRequest request = last();
		assertThat(request.queryParameter("access_token").firstValue()).isEqualTo("abc");
		String timestamp = request.queryParameter("timestamp").firstValue();
		assertThat(timestamp).isEqualTo(String.valueOf(clock.millis()));
		// WireMock hands the query decoded: an unencoded
		// '+' would have come back as a space
		String sign = request.queryParameter("sign").firstValue();
		assertThat(sign).isEqualTo(RobotChannels.hmac("SECtest", timestamp + "\nSECtest"));
		assertThat(request.getUrl()).doesNotContain("SECtest");
		answer(200, "{\"errcode\":130101,\"errmsg\":\"send too fast\"}");
		assertThat(dingtalk.deliver(to("/robot?access_token=abc")).status()).isEqualTo(Status.RETRY);
	}

	@Test
	void feishuSignsTheBody() {
		NotificationChannel feishu = RobotChannels.feishu("fs-secret", clock, Duration.ofSeconds(2));
		answer(200, "{\"code\":0,\"msg\":\"success\"}");
		assertThat(feishu.deliver(to("/robot")).status()).isEqualTo(Status.DELIVERED);
		String body = last().getBodyAsString();
		long seconds = clock.millis() / 1000;
		assertThat(body).contains("\"timestamp\":\"" + seconds + "\"")
			.contains("\"sign\":\"" + RobotChannels.hmacWithKey(seconds + "\nfs-secret", "") + "\"")
			.contains("\"msg_type\":\"text\"")
			.doesNotContain("fs-secret");
		answer(200, "{\"StatusCode\":0,\"StatusMessage\":\"success\"}");
		assertThat(feishu.deliver(to("/robot")).status()).isEqualTo(Status.DELIVERED);
		answer(200,
				"{\"code\":19021,\"msg\":\"sign match fail or timestamp is not within one hour from current time\"}");
		assertThat(feishu.deliver(to("/robot")).status()).isEqualTo(Status.FAILED);
	}

	@Test
	void smsFillsTheConfiguredTemplateWithoutInterpolatingValues() {
		NotificationChannel sms = RobotChannels.sms(server.baseUrl() + "/sms",
				"{\"mobile\":\"{{phone}}\",\"content\":\"{{text}}\"}", "application/json", Duration.ofSeconds(2));
		server.stubFor(post(urlPathEqualTo("/sms")).willReturn(aResponse().withStatus(202)));
		Notification tricky = new Notification("x", "13800000001", "标题", "值里有 ${env:PATH} {{phone}} 和 \"引号\"", false);
		assertThat(sms.deliver(tricky).status()).isEqualTo(Status.DELIVERED);
		assertThat(last().getBodyAsString()).contains("\"mobile\":\"13800000001\"")
			.contains("${env:PATH} {{phone}}")
			.contains("\\\"引号\\\"")
			.doesNotContain("/usr/bin");
	}

	@Test
	void httpFailuresAreRetriedOrFailedClearly() {
		NotificationChannel wecom = RobotChannels.wecom(Duration.ofMillis(500));
		server.stubFor(
				post(urlPathEqualTo("/robot")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")));
		assertThat(wecom.deliver(to("/robot"))).satisfies((r) -> {
			assertThat(r.status()).isEqualTo(Status.RETRY);
			assertThat(r.retryAfter()).isEqualTo(Duration.ofSeconds(7));
		});
		server.stubFor(post(urlPathEqualTo("/robot")).willReturn(aResponse().withStatus(503)));
		assertThat(wecom.deliver(to("/robot")).status()).isEqualTo(Status.RETRY);
		server.stubFor(post(urlPathEqualTo("/robot")).willReturn(aResponse().withStatus(200).withFixedDelay(1500)));
		assertThat(wecom.deliver(to("/robot"))).satisfies((r) -> {
			assertThat(r.status()).isEqualTo(Status.RETRY);
			assertThat(r.detail()).isEqualTo("超时");
		});
		server
			.stubFor(post(urlPathEqualTo("/robot")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
		assertThat(wecom.deliver(to("/robot")).status()).isEqualTo(Status.RETRY);
		server.stubFor(post(urlPathEqualTo("/robot"))
			.willReturn(aResponse().withStatus(200).withBody("<html>gateway</html>")));
		assertThat(wecom.deliver(to("/robot"))).satisfies((r) -> {
			assertThat(r.status()).isEqualTo(Status.RETRY);
			assertThat(r.detail()).isEqualTo("无法解析的应答");
		});
		server.stubFor(post(urlPathEqualTo("/robot")).willReturn(aResponse().withStatus(404)));
		assertThat(wecom.deliver(to("/robot")).status()).isEqualTo(Status.FAILED);
		assertThat(wecom.deliver(new Notification("x", "not a url", "t", "x", false)).status())
			.isEqualTo(Status.FAILED);
	}

}
