package com.warroom.bot.delivery;

import com.warroom.bot.engine.Outbound;

/**
 * A channel that delivers actions to its chats. It only translates: {@link Delivery}
 * decides which channel an action goes to; a channel never hands an action to another.
 */
public interface OutboundSink {

	/** The channel it serves, e.g. {@code tg}. */
	String channel();

	/**
	 * Delivers (or queues) one action for a chat of this channel that answers no event
	 * (reminders, escalations).
	 */
	void deliver(Outbound action);

	/**
	 * Delivers (or queues) one action of the reply to an event, in the reply's order; the
	 * answer to a press comes here when the press came from this channel. By default the
	 * same as {@link #deliver(Outbound)}.
	 */
	default void deliver(Outbound action, Answering answering) {
		deliver(action);
	}

}
