package com.warroom.bot.delivery;

import java.util.List;
import java.util.Optional;

import com.warroom.bot.chat.ChatRef;
import com.warroom.bot.roster.Person;
import com.warroom.bot.telegram.TelegramReach;

/** Person directories for tests that build the clock without the application. */
public final class TestDirectory {

	private TestDirectory() {
	}

	/**
	 * The web chat and Telegram, in that order, as the application has them when Telegram
	 * is configured.
	 */
	public static Directory webAndTelegram() {
		return Directory.of(List.of(web(), new TelegramReach()));
	}

	/** Everyone's own web chat, as {@code web.WebChannel} reaches them. */
	public static DirectReach web() {
		return new DirectReach() {

			@Override
			public String channel() {
				return "web";
			}

			@Override
			public Optional<Reach> reach(Person person) {
				return Optional.of(new Reach(ChatRef.webPrivate(person.id()), null, true));
			}

		};
	}

}
