package com.warroom.notify.spi;

import java.util.Objects;

/**
 * One message to deliver.
 *
 * @param id deduplication key: a retry carries the same id
 * @param target the channel's address (a robot's webhook URL, a phone number, a chat id)
 * @param title a short title
 * @param text the message, plain text
 * @param drill whether it belongs to a drill (channels mark it 【演练】)
 */
public record Notification(String id, String target, String title, String text, boolean drill) {

	public Notification {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(target, "target");
		Objects.requireNonNull(title, "title");
		Objects.requireNonNull(text, "text");
	}

	/** The text as sent: drills are marked. */
	public String body() {
		return (drill ? "【演练】" : "") + title + "\n" + text;
	}

}
