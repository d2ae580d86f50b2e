package com.warroom.bot.telegram;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import com.warroom.bot.delivery.Delivery;
import com.warroom.bot.delivery.EventHandling;
import com.warroom.bot.delivery.Settling;
import com.warroom.bot.engine.ConversationEngine;
import com.warroom.bot.engine.EngineHarness;
import com.warroom.bot.engine.MessageSlots;
import com.warroom.bot.engine.TestRedis;
import com.warroom.bot.engine.Texts;
import com.warroom.bot.roster.Roster;
import com.warroom.notify.Outbox;
import com.warroom.notify.spi.Notification;
import com.warroom.notify.spi.NotificationChannel;
import com.warroom.reports.Archive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinitionCustomizer;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.telegram.telegrambots.meta.generics.TelegramClient;
import redis.clients.jedis.UnifiedJedis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Telegram configuration modes in a context runner (no server): without
 * {@code TELEGRAM_BOT_TOKEN} no Telegram bean exists, so nothing needs the engine, the
 * outbox or Redis on Telegram's behalf and nothing polls or listens. With a token (GH-14)
 * the whole channel is wired over the engine's real beans against a fake Bot API: in the
 * polling mode this instance takes the poller's lease and polls, in the webhook mode it
 * waits for {@code POST /telegram/webhook} and never polls; a setting that cannot be read
 * stops the start and names it.
 */
class TelegramModeContextTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(TelegramConfiguration.class, TelegramWebhookController.class);

	/**
	 * The beans lent by the test (the shared test Redis client above all) outlive each
	 * context: none is closed with it.
	 */
	private static final BeanDefinitionCustomizer KEEP = (definition) -> definition.setDestroyMethodName("");

	static final FakeBotApi api = new FakeBotApi();

	@AfterAll
	static void stopApi() {
		api.close();
	}

	private final UnifiedJedis redis = TestRedis.fresh();

	private final EngineHarness harness = new EngineHarness(redis);

	/**
	 * The Telegram configuration with every collaborator it takes from the rest of the
	 * application.
	 */
	private ApplicationContextRunner wired() {
		Delivery delivery = Delivery.of(List.of());
		org.h2.jdbcx.JdbcDataSource database = new org.h2.jdbcx.JdbcDataSource();
		database.setURL("jdbc:h2:mem:telegram-modes-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		// the application migrates its database before
		// anything uses it (leases, outboxes)
		com.warroom.notify.JobStoreSchema.migrate(database);
		Outbox outbox = new Outbox() {

			@Override
			public boolean enqueue(String channelType, String incidentId, Notification notification) {
				return true;
			}

			@Override
			public int pending() {
				return 0;
			}

			@Override
			public void register(NotificationChannel channel) {
				// Telegram registers its direct messages here
			}

		};
		// as SpringApplication does: durations in @Value parameters
		return runner
			.withInitializer((context) -> context.getBeanFactory()
				.setConversionService(ApplicationConversionService.getSharedInstance()))
			.withBean(UnifiedJedis.class, () -> redis, KEEP)
			.withBean(DataSource.class, () -> database, KEEP)
			.withBean(Clock.class, harness.services::clock, KEEP)
			.withBean(Roster.class, harness.services::roster, KEEP)
			.withBean(Texts.class, harness.services::texts, KEEP)
			.withBean(Archive.class, () -> harness.archive, KEEP)
			.withBean(MessageSlots.class, () -> harness.slots, KEEP)
			.withBean(ConversationEngine.class, () -> harness.engine, KEEP)
			.withBean(EventHandling.class, () -> new EventHandling(harness.engine, delivery, Settling.inline()), KEEP)
			.withBean(Outbox.class, () -> outbox, KEEP)
			.withPropertyValues("warroom.telegram.token=" + FakeBotApi.TOKEN, "warroom.telegram.api-url=" + api.url(),
					"warroom.data-dir=target/test-data/telegram-modes");
	}

	@Test // GH-14
	void thePollingModeWiresTheChannelAndPolls() {
		wired().run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(TelegramClient.class)
				.hasSingleBean(TelegramGateway.class)
				.hasSingleBean(TelegramSender.class)
				.hasSingleBean(TelegramOutbox.class)
				.hasSingleBean(SendQueue.class)
				.hasSingleBean(TelegramReach.class)
				.hasSingleBean(TelegramPolling.class)
				.hasSingleBean(TelegramWebhookController.class);
			assertThat(context.getBean(TelegramProperties.class).webhook()).isFalse();
			TelegramPolling polling = context.getBean(TelegramPolling.class);
			long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
			while (!polling.polling() && System.nanoTime() < deadline) {
				FakeBotApi.sleep(20);
			}
			assertThat(polling.polling()).as("holds the poller's lease and polls").isTrue();
			api.await("getUpdates", (b) -> true);
		});
	}

	@Test // GH-14
	void theWebhookModeWiresTheSameChannelAndNeverPolls() {
		wired().withPropertyValues("warroom.telegram.mode=webhook", "warroom.telegram.webhook-secret=s")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(TelegramGateway.class)
					.hasSingleBean(TelegramSender.class)
					.hasSingleBean(TelegramWebhookController.class)
					.hasSingleBean(TelegramPolling.class);
				assertThat(context.getBean(TelegramProperties.class).webhook()).isTrue();
				// started: the command menu is registered,
				// and this instance does not poll
				assertThat(context.getBean(TelegramPolling.class).isRunning()).isTrue();
				assertThat(context.getBean(TelegramPolling.class).polling()).isFalse();
			});
	}

	@Test // GH-14: a host-less URL failed deep in the HTTP client ("parameter host is
			// null")
	void anApiUrlWithoutAHostStopsTheStartNamingTheSetting() {
		wired().withPropertyValues("warroom.telegram.api-url=http:///bot").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure())
				.hasStackTraceContaining("TELEGRAM_API_URL must be an http(s) URL with a host, was http:///bot");
		});
	}

	@Test // GH-14: an unknown mode polled
	void anUnknownModeStopsTheStartNamingTheSetting() {
		wired().withPropertyValues("warroom.telegram.mode=webhok").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure())
				.hasStackTraceContaining("TELEGRAM_MODE must be polling or webhook, was webhok");
		});
	}

	@Test // GH-14: the webhook refused every update, the bot heard nothing
	void theWebhookModeWithoutItsSecretStopsTheStartNamingTheSetting() {
		wired().withPropertyValues("warroom.telegram.mode=webhook").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining(
					"TELEGRAM_WEBHOOK_SECRET must be set in the webhook mode (Telegram sends it with every update)");
		});
	}

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
		// with a token the configuration applies: here it stops at the first missing
		// collaborator (the engine's beans are not in this
		// context), which shows the condition matched
		runner.withPropertyValues("warroom.telegram.token=123:abc").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure())
				.hasStackTraceContaining("defined in com.warroom.bot.telegram.TelegramConfiguration");
		});
	}

}
