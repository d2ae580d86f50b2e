package com.warroom.bot.telegram;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Telegram settings ({@code TELEGRAM_BOT_TOKEN}, {@code TELEGRAM_API_URL}, …).
 *
 * @param token the bot token; blank disables Telegram
 * @param apiUrl the Bot API base URL
 * @param mode {@code polling} (default) or {@code webhook}
 * @param webhookSecret the secret Telegram sends in
 * {@code X-Telegram-Bot-Api-Secret-Token}
 * @param perSecond messages per second for the bot (Telegram allows about 30; 28 keeps a
 * margin)
 * @param chatPerSecond messages per second to one private chat (Telegram: 1; 0.9 keeps a
 * margin)
 * @param groupPerMinute messages in any minute to one group, all its forum topics
 * together (Telegram: 20; 19 keeps a margin)
 * @param answerWindow how long after a press its answer is still worth sending (Telegram
 * refuses late answers); a later one is dropped and counted
 * @param nodeId this instance's name in the outbox (blank: {@code embedded} for the
 * embedded database, else the host name and data directory)
 */
@ConfigurationProperties("warroom.telegram")
record TelegramProperties(@DefaultValue("") String token, @DefaultValue("https://api.telegram.org") URI apiUrl,
		@DefaultValue("polling") String mode, @DefaultValue("") String webhookSecret,
		@DefaultValue("28") double perSecond, @DefaultValue("0.9") double chatPerSecond,
		@DefaultValue("19") double groupPerMinute, @DefaultValue("PT15S") java.time.Duration answerWindow,
		@DefaultValue("") String nodeId) {

	TelegramProperties {
		// checked once at start, so a typo stops the start saying which setting (a
		// host-less URL failed deep in the HTTP client; an unknown mode polled; a webhook
		// without its secret refused every update)
		if (!("http".equalsIgnoreCase(apiUrl.getScheme()) || "https".equalsIgnoreCase(apiUrl.getScheme()))
				|| apiUrl.getHost() == null) {
			throw new IllegalArgumentException("TELEGRAM_API_URL must be an http(s) URL with a host, was " + apiUrl);
		}
		if (!"polling".equalsIgnoreCase(mode) && !"webhook".equalsIgnoreCase(mode)) {
			throw new IllegalArgumentException("TELEGRAM_MODE must be polling or webhook, was " + mode);
		}
		if ("webhook".equalsIgnoreCase(mode) && webhookSecret.isBlank()) {
			throw new IllegalArgumentException(
					"TELEGRAM_WEBHOOK_SECRET must be set in the webhook mode (Telegram sends it with every update)");
		}
	}

	boolean webhook() {
		return "webhook".equalsIgnoreCase(mode);
	}

	/** Records print every component; secrets stay out of logs. */
	@Override
	public String toString() {
		return "TelegramProperties[apiUrl=" + apiUrl + ", mode=" + mode + ", token=****, webhookSecret=****]";
	}

}
