package com.warroom.bot.chat;

import java.util.Objects;

/**
 * Who sent an event, as the channel knows them.
 *
 * @param channel the channel, e.g. {@code tg}
 * @param userId the channel's user id
 * @param displayName the name the channel shows; untrusted text
 */
public record Actor(String channel, String userId, String displayName) {

	public Actor {
		Objects.requireNonNull(channel, "channel");
		Objects.requireNonNull(userId, "userId");
		Objects.requireNonNull(displayName, "displayName");
	}

}
