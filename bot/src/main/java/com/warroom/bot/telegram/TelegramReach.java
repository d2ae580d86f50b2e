package com.warroom.bot.telegram;

import java.util.Optional;

import com.warroom.bot.chat.ChatRef;
import com.warroom.bot.delivery.DirectReach;
import com.warroom.bot.delivery.Reach;
import com.warroom.bot.roster.Person;

/**
 * Telegram's part of the person directory: a person with a Telegram account
 * ({@code accounts: { telegram: … }}, or {@code telegram_id:}) is reached in their
 * private chat with the bot, whose id is their user id. Messages there that must not be
 * lost go through the outbox ({@link TelegramNotifications}), which also says when
 * Telegram refuses one. Stateless.
 */
public final class TelegramReach implements DirectReach {

	@Override
	public String channel() {
		return TelegramGateway.CHANNEL;
	}

	@Override
	public String outbox() {
		return TelegramNotifications.TYPE;
	}

	@Override
	public Optional<Reach> reach(Person person) {
		return person.account(Person.TELEGRAM)
			.map((id) -> new Reach(new ChatRef(TelegramGateway.CHANNEL, id, null, false), TelegramNotifications.TYPE,
					false));
	}

}
