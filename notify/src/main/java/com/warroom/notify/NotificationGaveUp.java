package com.warroom.notify;

/**
 * Published when a notification could not be delivered: refused for good by the channel,
 * or still not delivered at the give-up time.
 *
 * @param incidentId the incident it was about
 * @param channelType the channel
 * @param notificationId its id
 * @param title its title
 * @param detail the last answer of the channel (what the channel says it means, in
 * Chinese where the channel knows)
 * @param attempts how many times it was tried (1: refused at the first attempt, nothing
 * retried)
 * @param refused whether the channel refused it for good (retrying could not help) rather
 * than failing until the give-up time
 */
public record NotificationGaveUp(String incidentId, String channelType, String notificationId, String title,
		String detail, int attempts, boolean refused) {

	/** Given up after retrying until the give-up time, attempts unknown. */
	public NotificationGaveUp(String incidentId, String channelType, String notificationId, String title,
			String detail) {
		this(incidentId, channelType, notificationId, title, detail, 0, false);
	}

}
