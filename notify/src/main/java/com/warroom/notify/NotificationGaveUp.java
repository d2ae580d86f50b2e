package com.warroom.notify;

/**
 * Published when a notification could not be delivered before the give-up time.
 *
 * @param incidentId the incident it was about
 * @param channelType the channel
 * @param notificationId its id
 * @param title its title
 * @param detail the last answer of the channel
 */
public record NotificationGaveUp(String incidentId, String channelType, String notificationId, String title,
		String detail) {
}
