package com.warroom.bot.chat;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Where a conversation happens: a channel's chat, and in a forum supergroup the topic.
 *
 * @param channel the channel, e.g. {@code tg} or {@code web}
 * @param chatId the channel's chat id
 * @param threadId the forum topic, or null
 * @param forum whether the chat is a supergroup with topics enabled
 */
public record ChatRef(String channel, String chatId, @Nullable String threadId, boolean forum) {

	public ChatRef {
		Objects.requireNonNull(channel, "channel");
		Objects.requireNonNull(chatId, "chatId");
	}

	/** Stable key of the chat (without topic), for Redis keys. */
	public String key() {
		return channel + ":" + chatId;
	}

	/** Key of the chat and topic. */
	public String topicKey() {
		return (threadId != null) ? key() + ":" + threadId : key();
	}

	/** A person's own chat with the bot in the web chat ({@code /chat/p-<roster id>}). */
	public static ChatRef webPrivate(String personId) {
		return new ChatRef("web", "p-" + personId, null, false);
	}

	/**
	 * Whether this is a person's own chat with the bot rather than a group: on Telegram a
	 * private chat's id is the user's (groups are negative), on the web
	 * {@code p-<roster id>}.
	 */
	public boolean isPrivate() {
		return "web".equals(channel) ? chatId.startsWith("p-") : !chatId.startsWith("-");
	}

	/** The private chat of {@code actor} with the bot on the actor's channel. */
	public static ChatRef privateOf(Actor actor) {
		return "web".equals(actor.channel()) ? webPrivate(actor.userId())
				: new ChatRef(actor.channel(), actor.userId(), null, false);
	}

	public ChatRef inThread(@Nullable String thread) {
		return new ChatRef(channel, chatId, thread, forum);
	}

}
