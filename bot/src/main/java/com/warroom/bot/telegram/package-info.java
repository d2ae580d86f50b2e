/**
 * The Telegram channel: long polling (or our own webhook endpoint), translation of
 * updates into engine events, and one rate-limited send queue. The only place that sees
 * TelegramBots types.
 */
@org.jspecify.annotations.NullMarked
package com.warroom.bot.telegram;
