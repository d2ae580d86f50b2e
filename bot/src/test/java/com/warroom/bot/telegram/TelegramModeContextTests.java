package com.warroom.bot.telegram;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.telegram.telegrambots.meta.generics.TelegramClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Telegram configuration mode without a token, in a context runner (no server, no
 * Bot API): without {@code TELEGRAM_BOT_TOKEN} no Telegram bean exists, so nothing needs
 * the engine, the outbox or Redis on Telegram's behalf and nothing polls or listens.
 */
class TelegramModeContextTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(TelegramConfiguration.class, TelegramWebhookController.class);

	@Test
	void withoutATokenThereIsNoTelegramBean() {
		runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(TelegramClient.class)
				.doesNotHaveBean(TelegramPolling.class)
				.doesNotHaveBean(TelegramGateway.class)
				.doesNotHaveBean(TelegramSender.class)
				.doesNotHaveBean(TelegramWebhookController.class)
				.doesNotHaveBean(TelegramProperties.class);
		});
	}

	@Test
	void aBlankTokenIsNoToken() {
		runner.withPropertyValues("warroom.telegram.token=   ", "warroom.telegram.mode=webhook").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(TelegramClient.class)
				.doesNotHaveBean(TelegramPolling.class)
				.doesNotHaveBean(TelegramWebhookController.class);
		});
	}

	@Test
	void aTokenTurnsTheTelegramConfigurationOn() {
		// with a token the configuration applies: here it stops at the first missing collaborator
		// (the engine's beans are not in this context), which shows the condition matched
		runner.withPropertyValues("warroom.telegram.token=123:abc").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining("defined in com.warroom.bot.telegram.TelegramConfiguration");
		});
	}

}
