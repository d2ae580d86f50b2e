package com.warroom.bot.telegram;

import java.net.URI;
import java.time.Clock;

import com.warroom.bot.delivery.EventHandling;
import com.warroom.bot.engine.ConversationEngine;
import com.warroom.bot.engine.MessageSlots;
import com.warroom.bot.engine.Texts;
import com.warroom.bot.roster.Roster;
import com.warroom.reports.Archive;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.generics.TelegramClient;
import redis.clients.jedis.UnifiedJedis;

/** The Telegram channel, active when {@code TELEGRAM_BOT_TOKEN} is set. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TelegramProperties.class)
@ConditionalOnExpression("!'${warroom.telegram.token:}'.isBlank()")
class TelegramConfiguration {

	@Bean
	TelegramUrl telegramUrl(TelegramProperties properties) {
		return telegramUrl(properties.apiUrl());
	}

	static TelegramUrl telegramUrl(URI api) {
		int port = (api.getPort() != -1) ? api.getPort() : ("https".equals(api.getScheme()) ? 443 : 80);
		return new TelegramUrl(api.getScheme(), api.getHost(), port, false);
	}

	@Bean
	TelegramClient telegramClient(TelegramProperties properties, TelegramUrl url) {
		return new OkHttpTelegramClient(properties.token(), url);
	}

	@Bean(destroyMethod = "close")
	SendQueue telegramSendQueue(TelegramProperties properties) {
		// the queue paces real time, whatever clock the rules use
		return new SendQueue(Clock.systemUTC(), properties.perSecond(), properties.chatPerSecond(),
				properties.groupPerMinute(), properties.answerWindow());
	}

	/** Every Bot API call, stored before it is made, in the job-store database. */
	@Bean
	TelegramOutbox telegramOutbox(javax.sql.DataSource dataSource, TelegramProperties properties,
			@org.springframework.beans.factory.annotation.Value("${warroom.database-url:}") String databaseUrl,
			@org.springframework.beans.factory.annotation.Value("${warroom.data-dir:./data}") java.nio.file.Path dataDir) {
		String node = properties.nodeId();
		if (node.isBlank()) {
			// the embedded database belongs to one instance:
			// its next start is the same node
			node = databaseUrl.isBlank() ? "embedded"
					: host() + ":" + Integer.toHexString(dataDir.toAbsolutePath().normalize().toString().hashCode());
		}
		return new TelegramOutbox(dataSource, Clock.systemUTC(), node);
	}

	private static String host() {
		try {
			return java.net.InetAddress.getLocalHost().getHostName();
		}
		catch (java.net.UnknownHostException ex) {
			return "localhost";
		}
	}

	@Bean(destroyMethod = "close")
	TelegramSender telegramSender(TelegramClient client, SendQueue queue, MessageSlots slots, UnifiedJedis redis,
			Archive archive, TelegramOutbox outbox, TelegramProperties properties, Texts texts) {
		return new TelegramSender(client, queue, slots, redis, archive, outbox, texts.get("telegram.resent"),
				properties.answerWindow());
	}

	/**
	 * Also the engine's {@link com.warroom.bot.engine.TopicOpener} and the Telegram
	 * channel of {@link com.warroom.bot.delivery.Delivery}; lazy to break the cycle with
	 * the engine.
	 */
	@Bean
	TelegramGateway telegramGateway(TelegramClient client, @Lazy EventHandling handling, TelegramSender sender,
			UnifiedJedis redis, Roster roster, Texts texts) {
		return new TelegramGateway(client, handling, sender, redis, roster, texts);
	}

	/**
	 * Telegram's part of the person directory: a person's private chat by their Telegram
	 * user id.
	 */
	@Bean
	@org.springframework.core.annotation.Order(2)
	TelegramReach telegramReach() {
		return new TelegramReach();
	}

	/**
	 * After a crash: the calls stored and not finished are made once everything is wired.
	 */
	@Bean
	org.springframework.context.ApplicationListener<org.springframework.boot.context.event.ApplicationReadyEvent> telegramResume(
			TelegramGateway gateway) {
		return (event) -> gateway.resume();
	}

	/**
	 * Registers Telegram with the outbox (not as a bean of its own: the outbox's other
	 * channels are injected as a list of that type).
	 */
	@Bean
	org.springframework.beans.factory.SmartInitializingSingleton telegramOutboxChannel(TelegramClient client,
			com.warroom.notify.Outbox outbox, UnifiedJedis redis) {
		return () -> outbox.register(new TelegramNotifications(client, redis));
	}

	/**
	 * Polls only while this instance holds the poller's lease in the database (one poller
	 * among all instances); the lease's holder is this node's outbox name.
	 */
	@Bean
	TelegramPolling telegramPolling(TelegramProperties properties, TelegramUrl url, TelegramClient client,
			TelegramGateway gateway, javax.sql.DataSource dataSource, Clock clock, TelegramOutbox outbox,
			@org.springframework.beans.factory.annotation.Value("${warroom.cluster.poller-lease:PT10S}") java.time.Duration lease,
			@Lazy ConversationEngine engine) {
		return new TelegramPolling(properties, url, client, gateway, engine::menu,
				new com.warroom.notify.Leases(dataSource, clock), clock, lease, outbox.node());
	}

}
