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

/**
 * Telegram as an outbox channel: the direct messages that must not be lost (escalations
 * with their 确认收到 button) are stored before they are sent and retried through a
 * Telegram outage or a restart. The text is the engine's HTML; the target a chat id.
 * Thread-safe.
 */
final class TelegramNotifications implements NotificationChannel {

	static final String TYPE = "telegram";

	private final TelegramClient client;

	TelegramNotifications(TelegramClient client) {
		this.client = client;
	}

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public DeliveryResult deliver(Notification notification) {
		List<List<Button>> buttons = notification.actions().isEmpty() ? List.of()
				: List.of(notification.actions().stream().map((action) -> new Button(action.label(), action.token())).toList());
		try {
			client.execute(SendMessage.builder()
				.chatId(notification.target())
				.text(TelegramGateway.truncate(notification.text(), TelegramGateway.MAX_TEXT))
				.parseMode("HTML")
				.replyMarkup(TelegramGateway.keyboard(buttons))
				.build());
			return DeliveryResult.delivered();
		}
		catch (TelegramApiRequestException ex) {
			Integer code = ex.getErrorCode();
			Integer retryAfter = (ex.getParameters() != null) ? ex.getParameters().getRetryAfter() : null;
			if (retryAfter != null || code == null || code == 429 || code >= 500) {
				return DeliveryResult.retry((retryAfter != null) ? Duration.ofSeconds(retryAfter) : null, "Telegram " + code);
			}
			// 400 chat not found, 403 the person blocked the bot: retrying cannot help
			return DeliveryResult.failed("Telegram " + code + " " + ex.getApiResponse());
		}
		catch (TelegramApiException ex) {
			return DeliveryResult.retry(null, "Telegram " + ex.getClass().getSimpleName());
		}
	}

}
