package com.warroom.bot.telegram;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.warroom.bot.engine.ConversationEngine;
import com.warroom.bot.engine.Texts;
import com.warroom.notify.Leases;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
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
 * <p>
 * One poller at a time among all instances on one database: polling runs only while this
 * instance holds the {@value #LEASE} lease ({@link Leases}: a row with an expiry and an
 * epoch, renewed every third of its time); an instance that loses it stops polling, and
 * one that sees Telegram's 409 Conflict on getUpdates (someone else polls this bot) steps
 * down at once, gives the lease up and waits one lease time before it competes again. A
 * stopped instance gives the lease up, so another takes over within a renewal interval; a
 * crashed one, within the lease time and a renewal interval.
 */
class TelegramPolling implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(TelegramPolling.class);

	private final TelegramProperties properties;

	private final TelegramUrl url;

	private final TelegramClient client;

	private final TelegramGateway gateway;

	private final Supplier<List<ConversationEngine.MenuEntry>> menu;

	/** The name of the poller's lease. */
	static final String LEASE = "telegram-poller";

	private @Nullable TelegramBotsLongPollingApplication application;

	private volatile boolean running;

	private final Leases leases;

	private final Clock clock;

	private final Duration leaseTime;

	private final String holder;

	private Leases.@Nullable Lease lease;

	/** After a 409 Conflict: not before this instant again. */
	private Instant quietUntil = Instant.EPOCH;

	private @Nullable ScheduledExecutorService leader;

	private volatile @Nullable Instant pollingSince;

	/**
	 * @param menu the command menu as every channel shows it (the engine's, derived from
	 * its flows)
	 */
	TelegramPolling(TelegramProperties properties, TelegramUrl url, TelegramClient client, TelegramGateway gateway,
			Supplier<List<ConversationEngine.MenuEntry>> menu, Leases leases, Clock clock, Duration leaseTime,
			String holder) {
		this.properties = properties;
		this.url = url;
		this.client = client;
		this.gateway = gateway;
		this.leases = leases;
		this.clock = clock;
		this.leaseTime = leaseTime;
		this.holder = holder;
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
			elect();
			long every = Math.max(100, leaseTime.toMillis() / 3);
			leader = Executors.newSingleThreadScheduledExecutor((runnable) -> {
				Thread thread = new Thread(runnable, "telegram-leader");
				thread.setDaemon(true);
				return thread;
			});
			leader.scheduleWithFixedDelay(this::safeElect, every, every, TimeUnit.MILLISECONDS);
		}
		else {
			log.info("Telegram Webhook 模式：等待 POST /telegram/webhook");
		}
		running = true;
	}

	/**
	 * Takes or renews the poller's lease; polls while it is held, stops when it is lost.
	 */
	synchronized void elect() {
		if (clock.instant().isBefore(quietUntil)) {
			return;
		}
		Leases.Lease held = leases.acquire(LEASE, holder, leaseTime, lease).orElse(null);
		boolean won = held != null && (lease == null || held.epoch() != lease.epoch());
		lease = held;
		if (held != null && application == null) {
			if (won) {
				log.info("本实例成为 Telegram 轮询者（租约第 {} 代）", held.epoch());
			}
			startPolling();
		}
		else if (held == null && application != null) {
			log.warn("Telegram 轮询租约已由其他实例持有：本实例停止轮询");
			stopPolling();
		}
	}

	private void safeElect() {
		try {
			elect();
		}
		catch (RuntimeException ex) {
			// the database is unreachable: the lease cannot be renewed, so another
			// instance may poll soon
			log.warn("Telegram 轮询租约无法续期：{}", ex.getMessage());
			synchronized (this) {
				if (lease != null && !clock.instant().isBefore(lease.expiresAt())) {
					lease = null;
					stopPolling();
				}
			}
		}
	}

	/**
	 * Telegram answered 409 Conflict to getUpdates: another poller (or a webhook) is
	 * active.
	 */
	void conflict() {
		ScheduledExecutorService loop = leader;
		Runnable stepDown = () -> {
			synchronized (this) {
				if (application == null) {
					return;
				}
				log.warn("Telegram 返回 409 Conflict（另有实例在轮询）：本实例退出轮询，{} 后再参与选举", leaseTime);
				stopPolling();
				if (lease != null) {
					try {
						leases.release(lease);
					}
					catch (RuntimeException ex) {
						log.debug("释放轮询租约失败：{}", ex.getMessage());
					}
				}
				lease = null;
				quietUntil = clock.instant().plus(leaseTime);
			}
		};
		if (loop != null && !loop.isShutdown()) {
			loop.execute(stepDown);
		}
	}

	/** Whether this instance polls now (for tests and the log). */
	boolean polling() {
		return pollingSince != null;
	}

	private void startPolling() {
		try {
			TelegramBotsLongPollingApplication started = new TelegramBotsLongPollingApplication(TelegramPolling::mapper,
					this::httpClient, TelegramPolling::daemonScheduler);
			started.registerBot(properties.token(), () -> url, new DefaultGetUpdatesGenerator(), gateway::consume);
			application = started;
			pollingSince = clock.instant();
			log.info("Telegram 长轮询已启动（{}）", url.getHost());
		}
		catch (TelegramApiException ex) {
			throw new IllegalStateException("无法启动 Telegram 长轮询：" + ex.getMessage(), ex);
		}
	}

	/** The library's client, watching getUpdates for 409 Conflict. */
	private OkHttpClient httpClient() {
		return new org.telegram.telegrambots.longpolling.util.TelegramOkHttpClientFactory.DefaultOkHttpClientCreator()
			.get()
			.newBuilder()
			.addInterceptor((chain) -> {
				okhttp3.Response response = chain.proceed(chain.request());
				if (response.code() == 409
						&& chain.request().url().encodedPath().toLowerCase().endsWith("/getupdates")) {
					conflict();
				}
				return response;
			})
			.build();
	}

	private synchronized void stopPolling() {
		pollingSince = null;
		TelegramBotsLongPollingApplication stopped = application;
		application = null;
		if (stopped != null) {
			try {
				stopped.close();
			}
			catch (Exception ex) {
				log.warn("关闭 Telegram 长轮询时出错：{}", ex.getMessage());
			}
		}
	}

	@Override
	public void stop() {
		running = false;
		ScheduledExecutorService loop = leader;
		if (loop != null) {
			loop.shutdownNow();
		}
		synchronized (this) {
			stopPolling();
			if (lease != null) {
				try {
					// the next instance need not wait for the lease to run out
					leases.release(lease);
				}
				catch (RuntimeException ex) {
					log.debug("释放轮询租约失败：{}", ex.getMessage());
				}
				lease = null;
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
