package com.warroom.notify;

import com.warroom.notify.spi.Notification;

/**
 * Notifications are stored before they are sent and retried with back-off until a channel
 * accepts them or the give-up time passes (then {@link NotificationGaveUp} is published).
 * Delivery is at least once; the notification id deduplicates: enqueuing the same id
 * twice sends once.
 */
public interface Outbox {

	/**
	 * Stores a notification for a channel type.
	 * @param incidentId the incident it is about (for the give-up report), or empty
	 * @return false when a notification with this id was already stored
	 */
	boolean enqueue(String channelType, String incidentId, Notification notification);

	/** Notifications not yet delivered or given up. */
	int pending();

	/**
	 * Adds a channel implemented outside this module (the bot's Telegram channel), so its
	 * notifications are stored and retried like the others.
	 */
	default void register(com.warroom.notify.spi.NotificationChannel channel) {
		throw new UnsupportedOperationException("This outbox takes no more channels");
	}

	/** Whether a channel of this type can deliver here. */
	default boolean supports(String channelType) {
		return false;
	}

}
