package com.warroom.bot.telegram;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.warroom.bot.engine.ConversationEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.longpolling.util.DefaultGetUpdatesGenerator;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Registers the command menu at start and, in polling mode, polls the Bot API with the
 * TelegramBots long-polling application on daemon threads, closed on shutdown.
 */
class TelegramPolling implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(TelegramPolling.class);

	private final TelegramProperties properties;

	private final TelegramUrl url;

	private final TelegramClient client;

	private final TelegramGateway gateway;

	private final Supplier<List<ConversationEngine.MenuEntry>> menu;

	private TelegramBotsLongPollingApplication application;

	private volatile boolean running;

	/** {@code menu}: the command menu as every channel shows it (the engine's, derived from its flows). */
	TelegramPolling(TelegramProperties properties, TelegramUrl url, TelegramClient client, TelegramGateway gateway,
			Supplier<List<ConversationEngine.MenuEntry>> menu) {
		this.properties = properties;
		this.url = url;
		this.client = client;
		this.gateway = gateway;
		this.menu = menu;
	}

	@Override
	public void start() {
		try {
			client.execute(new SetMyCommands(commands(menu.get())));
		}
		catch (TelegramApiException ex) {
			log.warn("注册命令菜单失败：{}", ex.getMessage());
		}
		if (!properties.webhook()) {
			try {
				application = new TelegramBotsLongPollingApplication(TelegramPolling::mapper,
						new org.telegram.telegrambots.longpolling.util.TelegramOkHttpClientFactory.DefaultOkHttpClientCreator(),
						TelegramPolling::daemonScheduler);
				application.registerBot(properties.token(), () -> url, new DefaultGetUpdatesGenerator(), gateway::consume);
				log.info("Telegram 长轮询已启动（{}）", url.getHost());
			}
			catch (TelegramApiException ex) {
				throw new IllegalStateException("无法启动 Telegram 长轮询：" + ex.getMessage(), ex);
			}
		}
		else {
			log.info("Telegram Webhook 模式：等待 POST /telegram/webhook");
		}
		running = true;
	}

	@Override
	public void stop() {
		running = false;
		if (application != null) {
			try {
				application.close();
			}
			catch (Exception ex) {
				log.warn("关闭 Telegram 长轮询时出错：{}", ex.getMessage());
			}
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/** The command menu with its Chinese descriptions, as Telegram shows it. */
	static List<BotCommand> commands(List<ConversationEngine.MenuEntry> menu) {
		return menu.stream().map((entry) -> new BotCommand(entry.command(), entry.description())).toList();
	}

	static ObjectMapper mapper() {
		return new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
	}

	private static ScheduledExecutorService daemonScheduler() {
		return Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "telegram-poll");
			thread.setDaemon(true);
			return thread;
		});
	}

}
