package com.warroom.bot.engine;

import java.util.Optional;

import com.warroom.bot.chat.ChatRef;

/** Opens a forum topic for an incident where the channel supports it. */
@FunctionalInterface
public interface TopicOpener {

	/** The chat reference of the new topic, or empty when no topic could be opened. */
	Optional<ChatRef> open(ChatRef chat, String name);

	static TopicOpener none() {
		return (chat, name) -> Optional.empty();
	}

}
