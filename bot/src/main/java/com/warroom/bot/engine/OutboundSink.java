package com.warroom.bot.engine;

/** A channel that can deliver the engine's actions to its chats. */
public interface OutboundSink {

	/** The channel it serves, e.g. {@code tg}. */
	String channel();

	/** Delivers (or queues) one action for a chat of this channel. */
	void deliver(Outbound action);

}
