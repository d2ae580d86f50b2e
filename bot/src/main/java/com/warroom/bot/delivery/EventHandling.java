package com.warroom.bot.delivery;

import java.util.ArrayList;
import java.util.List;

import com.warroom.bot.engine.ConversationEngine;
import com.warroom.bot.engine.Inbound;
import com.warroom.bot.engine.Outbound;
import com.warroom.bot.incident.Effects;

/**
 * Handling one event is one call, the same for Telegram polling, the webhook and the web
 * chat: the engine handles it, its reply is delivered ({@link Delivery#reply}), and its
 * consequences — re-grade, re-plan of reminders, escalation follow-ups — are settled
 * after, through {@link Settling} (off the calling thread in the application). Not final:
 * the Telegram gateway, which the engine needs, gets a lazy proxy of it. Thread-safe.
 */
public class EventHandling {

	private final ConversationEngine engine;

	private final Delivery delivery;

	private final Settling settling;

	public EventHandling(ConversationEngine engine, Delivery delivery, Settling settling) {
		this.engine = engine;
		this.delivery = delivery;
		this.settling = settling;
	}

	/**
	 * Handles an event, delivers its reply and settles it; returns the actions delivered.
	 */
	public List<Outbound> handle(Inbound event) {
		return handle(event, "", List.of());
	}

	/**
	 * Handles an event whose writes are named by {@code eventId} ({@link Effects}, so a
	 * redelivered event takes effect once; {@code ""} for none), delivers its reply with
	 * {@code after} (the channel's own lines, such as Telegram's reach line) at the end,
	 * and settles it. An exception of the engine or of a channel propagates, before
	 * anything is settled.
	 * @return the actions delivered (after the delivery policies)
	 */
	public List<Outbound> handle(Inbound event, String eventId, List<Outbound> after) {
		List<Outbound> actions = new ArrayList<>();
		// the replies are delivered (stored in the outboxes) within the event's scope
		// too: named by it, a redelivered event whose effect was done answers again, and
		// its answer is stored once (GH-11)
		java.util.function.Supplier<List<Outbound>> handled = () -> {
			actions.addAll(engine.handle(event));
			actions.addAll(after);
			return delivery.reply(event, actions);
		};
		List<Outbound> delivered = eventId.isEmpty() ? handled.get() : Effects.within(eventId, handled);
		List<Outbound> settled = List.copyOf(actions);
		settling.settle(eventId.isEmpty() ? event.chat().key() : eventId, () -> engine.settled(settled));
		return delivered;
	}

	/**
	 * Answers an event that cannot be handled because a store is unreachable (the channel
	 * found it out before asking the engine): the storage notice, nothing changed.
	 */
	public List<Outbound> unavailable(Inbound event) {
		return delivery.reply(event, engine.unavailable(event));
	}

	public Delivery delivery() {
		return delivery;
	}

}
