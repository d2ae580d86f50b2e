package com.warroom.notify.spi;

/**
 * A way to reach people: a group robot, an SMS gateway, e-mail, Telegram. Thread-safe.
 */
public interface NotificationChannel {

	/** e.g. {@code wecom}, {@code dingtalk}, {@code feishu}, {@code sms}. */
	String type();

	/** One attempt; never throws for a peer's failure, it says so in the result. */
	DeliveryResult deliver(Notification notification);

}
