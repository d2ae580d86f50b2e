package com.warroom.notify.spi;

import java.util.List;
import java.util.Objects;

/**
 * One message to deliver.
 *
 * @param id deduplication key: a retry carries the same id
 * @param target the channel's address (a robot's webhook URL, a phone number, a chat id)
 * @param title a short title
 * @param text the message, plain text
 * @param drill whether it belongs to a drill (channels mark it 【演练】)
 * @param actions buttons for channels that have them (Telegram's 确认收到); others ignore
 * them
 */
public record Notification(String id, String target, String title, String text, boolean drill, List<Action> actions) {

	public Notification {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(target, "target");
		Objects.requireNonNull(title, "title");
		Objects.requireNonNull(text, "text");
		actions = List.copyOf(actions);
	}

	/** A notification without buttons. */
	public Notification(String id, String target, String title, String text, boolean drill) {
		this(id, target, title, text, drill, List.of());
	}

	/**
	 * A button: its label and the opaque token it sends back when pressed.
	 *
	 * @param label shown to the person, one line
	 * @param token at most 64 bytes, no tab or line break
	 */
	public record Action(String label, String token) {

		public Action {
			Objects.requireNonNull(label, "label");
			Objects.requireNonNull(token, "token");
		}

	}

	/** The text as sent: drills are marked. */
	public String body() {
		return (drill ? "【演练】" : "") + title + "\n" + text;
	}

}
