package com.warroom.bot.telegram;

import java.net.URI;
import java.time.Clock;

import com.warroom.bot.engine.ConversationEngine;
import com.warroom.bot.engine.MessageSlots;
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
				properties.groupPerMinute());
	}

	/** Also the engine's {@link com.warroom.bot.engine.TopicOpener}; lazy to break the cycle with the engine. */
	@Bean
	TelegramGateway telegramGateway(TelegramClient client, @Lazy ConversationEngine engine, SendQueue queue,
			MessageSlots slots, UnifiedJedis redis, Archive archive, com.warroom.bot.engine.OutboundRouter router) {
		return new TelegramGateway(client, engine, queue, slots, redis, archive, router);
	}

	/**
	 * Registers Telegram with the outbox (not as a bean of its own: the outbox's other
	 * channels are injected as a list of that type).
	 */
	@Bean
	org.springframework.beans.factory.SmartInitializingSingleton telegramOutboxChannel(TelegramClient client,
			com.warroom.notify.Outbox outbox) {
		return () -> outbox.register(new TelegramNotifications(client));
	}

	@Bean
	TelegramPolling telegramPolling(TelegramProperties properties, TelegramUrl url, TelegramClient client,
			TelegramGateway gateway) {
		return new TelegramPolling(properties, url, client, gateway);
	}

}
