package com.warroom.bot.delivery;

import java.util.Objects;

import com.warroom.notify.spi.Notification;

/**
 * A notification on its way into the durable outbox ({@code com.warroom.notify.Outbox}):
 * a tier's group robot, SMS or e-mail, or a direct message that must not be lost
 * (Telegram).
 *
 * @param channelType the outbox channel, e.g. {@code wecom} or {@code telegram}
 * @param incidentId the incident it is about
 * @param notification what is sent
 */
public record Queued(String channelType, String incidentId, Notification notification) {

	public Queued {
		Objects.requireNonNull(channelType, "channelType");
		Objects.requireNonNull(incidentId, "incidentId");
		Objects.requireNonNull(notification, "notification");
	}

}
