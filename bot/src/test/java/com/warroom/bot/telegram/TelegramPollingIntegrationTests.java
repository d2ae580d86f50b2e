package com.warroom.bot.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.warroom.WarRoomApplication;
import com.warroom.bot.engine.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Long polling against WireMock: the command menu, deleteWebhook, an update polled and
 * answered.
 */
@SpringBootTest(classes = WarRoomApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class TelegramPollingIntegrationTests {

	static final FakeBotApi api = new FakeBotApi();

	@DynamicPropertySource
	static void telegram(DynamicPropertyRegistry registry) {
		TestRedis.fresh();
		api.server.stubFor(post(urlPathMatching("(?i)/bot.*/getUpdates")).inScenario("poll")
			.whenScenarioStateIs(STARTED)
			.atPriority(1)
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody("{\"ok\":true,\"result\":[" + Updates.message(7001, 900000006L, "/help") + "]}"))
			.willSetStateTo("drained"));
		registry.add("warroom.telegram.token", () -> FakeBotApi.TOKEN);
		registry.add("warroom.telegram.api-url", api::url);
		registry.add("warroom.redis-url", () -> TestRedis.server().url());
		registry.add("warroom.data-dir", () -> "target/test-data/polling");
	}

	@AfterAll
	static void stop() {
		api.close();
	}

	@Test
	void pollsUpdatesAndAnswersThem() {
		JsonNode help = api.await("sendMessage", (b) -> b.path("text").asText().contains("可用命令"));
		assertThat(help.path("chat_id").asText()).isEqualTo(String.valueOf(Updates.GROUP));
		JsonNode menu = api.await("setMyCommands", (b) -> true);
		assertThat(menu.path("commands")).hasSize(17)
			.allSatisfy((command) -> assertThat(command.path("description").asText()).matches("\\p{IsHan}+"));
		assertThat(menu.path("commands").get(15).path("command").asText()).isEqualTo("archive");
		assertThat(menu.path("commands").get(0).path("command").asText()).isEqualTo("declare");
		assertThat(menu.path("commands").get(0).path("description").asText()).isEqualTo("宣布事件");
		assertThat(api.methods()).contains("deletewebhook", "getupdates");
	}

}
