package com.warroom.bot.delivery;

import java.util.Objects;

import com.warroom.bot.chat.ChatRef;
import org.jspecify.annotations.Nullable;

/**
 * How one channel reaches one person directly.
 *
 * @param chat the person's own chat with the bot on the channel
 * @param outbox the durable outbox channel ({@code com.warroom.notify.Outbox}) that
 * carries messages here which must not be lost, or null when the channel's own delivery
 * is enough; the outbox tells when such a message was refused, so a channel with an
 * outbox is one that can fail to reach the person
 * @param slotted whether a message here is kept under its slot, so a later edit (an
 * acknowledgement taking the button away) reaches it
 */
public record Reach(ChatRef chat, @Nullable String outbox, boolean slotted) {

	public Reach {
		Objects.requireNonNull(chat, "chat");
	}

	/** Whether a message here can be refused (and the person then marked unreachable). */
	public boolean refusable() {
		return outbox != null;
	}

}
