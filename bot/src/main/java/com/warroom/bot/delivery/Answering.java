package com.warroom.bot.delivery;

import java.util.List;

import com.warroom.bot.engine.Inbound;
import com.warroom.bot.engine.Outbound;

/**
 * The event an action answers, with the whole reply (after the delivery policies) and the
 * action's place in it, so a channel can order a reply's messages (Telegram's lanes).
 *
 * @param event the event answered
 * @param reply every action of the reply, in order, whichever channel they are for
 * @param index the position of the action delivered in {@code reply}
 */
public record Answering(Inbound event, List<Outbound> reply, int index) {

	public Answering {
		reply = List.copyOf(reply);
	}

	/** The actions of the reply before this one. */
	public List<Outbound> before() {
		return reply.subList(0, index);
	}

}
