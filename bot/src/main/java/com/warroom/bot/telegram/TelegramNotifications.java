package com.warroom.bot.telegram;

import java.time.Duration;
import java.util.List;

import com.warroom.bot.engine.Button;
import com.warroom.notify.spi.DeliveryResult;
import com.warroom.notify.spi.Notification;
import com.warroom.notify.spi.NotificationChannel;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.generics.TelegramClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * Telegram as an outbox channel: the direct messages that must not be lost (escalations
 * with their 确认收到 button) are stored before they are sent and retried through a Telegram
 * outage or a restart. The text is the engine's HTML; the target a chat id. Thread-safe.
 */
final class TelegramNotifications implements NotificationChannel {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(TelegramNotifications.class);

	static final String TYPE = "telegram";

	private final TelegramClient client;

	private final @org.jspecify.annotations.Nullable UnifiedJedis redis;

	TelegramNotifications(TelegramClient client) {
		this(client, null);
	}

	/**
	 * @param redis where what Telegram says about reaching a person is noted
	 * ({@link Reachability}), or null
	 */
	TelegramNotifications(TelegramClient client, @org.jspecify.annotations.Nullable UnifiedJedis redis) {
		this.client = client;
		this.redis = redis;
	}

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public DeliveryResult deliver(Notification notification) {
		List<List<Button>> buttons = notification.actions().isEmpty() ? List.of() : List
			.of(notification.actions().stream().map((action) -> new Button(action.label(), action.token())).toList());
		try {
			client.execute(SendMessage.builder()
				.chatId(notification.target())
				.text(TelegramGateway.truncate(notification.text(), TelegramGateway.MAX_TEXT))
				.parseMode("HTML")
				.replyMarkup(TelegramGateway.keyboard(buttons))
				.build());
			if (redis != null) {
				Reachability.reachable(redis, notification.target());
			}
			return DeliveryResult.delivered();
		}
		catch (TelegramApiRequestException ex) {
			Integer code = ex.getErrorCode();
			Integer retryAfter = (ex.getParameters() != null) ? ex.getParameters().getRetryAfter() : null;
			if (retryAfter == null && TelegramRefusals.permanent(code)) {
				// 400 chat not found, 403 the person blocked
				// the bot: retrying cannot help
				String why = TelegramRefusals.explain(code, ex.getApiResponse());
				log.warn("Telegram 拒绝了私信 {}：{} {}", notification.id(), code, ex.getApiResponse());
				if (redis != null) {
					Reachability.unreachable(redis, notification.target(), why);
				}
				return DeliveryResult.failed(why);
			}
			// 429, 5xx with any body (a proxy's HTML page has no error code): Telegram
			// may answer later
			return DeliveryResult.retry((retryAfter != null) ? Duration.ofSeconds(retryAfter) : null,
					TelegramRefusals.transientFailure((retryAfter != null) ? 429 : code, ex));
		}
		catch (TelegramApiException | RuntimeException ex) {
			// time-outs, resets, refused connections
			return DeliveryResult.retry(null, TelegramRefusals.transientFailure(null, ex));
		}
	}

}
