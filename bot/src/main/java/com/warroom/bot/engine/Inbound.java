package com.warroom.bot.engine;

import com.warroom.bot.chat.Actor;
import com.warroom.bot.chat.ChatRef;
import org.jspecify.annotations.Nullable;

/** An event from a person in a chat, free of any channel's types. */
public sealed interface Inbound {

	ChatRef chat();

	Actor actor();

	/**
	 * A command such as {@code /declare 数据库} ({@code name} without slash or bot suffix).
	 */
	record Command(ChatRef chat, Actor actor, String name, String args, @Nullable String replyTo) implements Inbound {
	}

	/** A plain text message, possibly a reply to one of the bot's messages. */
	record Text(ChatRef chat, Actor actor, String text, @Nullable String replyTo) implements Inbound {
	}

	/**
	 * A button press.
	 *
	 * @param pressId the channel's id of the press, to answer it
	 * @param data the button's opaque token
	 * @param messageId the message carrying the button
	 */
	record Press(ChatRef chat, Actor actor, String pressId, String data,
			@Nullable String messageId) implements Inbound {
	}

}
