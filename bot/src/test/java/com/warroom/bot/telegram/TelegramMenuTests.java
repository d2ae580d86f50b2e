package com.warroom.bot.telegram;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.warroom.bot.engine.ConversationEngine;
import com.warroom.bot.engine.EngineHarness;
import com.warroom.bot.engine.RehearsalFlow;
import com.warroom.bot.engine.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GH-14: Telegram's command menu is the engine's, derived from its flows; a flow added
 * shows up in it.
 */
class TelegramMenuTests {

	private final FakeBotApi api = new FakeBotApi();

	@AfterEach
	void tearDown() {
		api.close();
	}

	@Test
	void setMyCommandsListsTheFlowsCommandsIncludingOneAddedInATest() {
		EngineHarness harness = new EngineHarness(TestRedis.fresh(), RehearsalFlow.TEXTS, List.of(RehearsalFlow::new));
		ConversationEngine engine = harness.engine;
		// webhook mode: the menu is registered, nothing polls (so no gateway is needed)
		TelegramProperties webhook = new TelegramProperties(FakeBotApi.TOKEN, URI.create(api.url()), "webhook",
				"secret", 28, 0.9, 19, java.time.Duration.ofSeconds(15), "");
		TelegramPolling polling = new TelegramPolling(webhook, TelegramConfiguration.telegramUrl(URI.create(api.url())),
				new OkHttpTelegramClient(FakeBotApi.TOKEN, TelegramConfiguration.telegramUrl(URI.create(api.url()))),
				null, engine::menu,
				new com.warroom.notify.Leases(new org.springframework.jdbc.datasource.DriverManagerDataSource(
						"jdbc:h2:mem:menu;DB_CLOSE_DELAY=-1"), java.time.Clock.systemUTC()),
				java.time.Clock.systemUTC(), java.time.Duration.ofSeconds(10), "menu-test");
		polling.start();
		polling.stop();

		JsonNode commands = api.await("setMyCommands", (body) -> true).path("commands");
		assertThat(commands).extracting((command) -> command.path("command").asText())
			.containsExactlyElementsOf(engine.menu().stream().map(ConversationEngine.MenuEntry::command).toList());
		assertThat(commands).extracting((command) -> command.path("description").asText())
			.containsExactlyElementsOf(engine.menu().stream().map(ConversationEngine.MenuEntry::description).toList());
		assertThat(commands.get(commands.size() - 1).path("command").asText()).isEqualTo("rehearse");
		assertThat(commands.get(commands.size() - 1).path("description").asText()).isEqualTo(RehearsalFlow.DESCRIPTION);
		assertThat(commands).hasSize(18);
	}

}
