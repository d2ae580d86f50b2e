package com.warroom.bot.delivery;

import java.util.List;

import com.warroom.bot.engine.Outbound;

/**
 * A rule applied by {@link Delivery} to every action before it is routed: it may change
 * the action (mark it), replace it (send it elsewhere) or drop it. Policies are Spring
 * beans applied in their {@link org.springframework.core.annotation.Order}; the drill
 * marking ({@link DrillMarking}, order {@link DrillMarking#ORDER}) comes first.
 *
 * <p>
 * This is where the drill guard of GH-16 plugs in ("a drill never reaches a real
 * regulator, customer or production channel; it is redirected to the drill coordinator"):
 * one more bean of this type, ordered after the marking, seeing every outbound action of
 * every channel (replies, reminders, escalations, sensitive-period reminders) and every
 * notification stored in the outbox on the way (tier robots, SMS, e-mail, Telegram direct
 * messages; {@link #applyQueued}). Implementations are stateless or thread-safe.
 */
@FunctionalInterface
public interface DeliveryPolicy {

	/**
	 * What to deliver instead of {@code action}: usually the action itself (possibly
	 * changed), several actions, or none to drop it.
	 */
	List<Outbound> apply(Outbound action);

	/**
	 * What to store in the outbox instead of {@code queued}: by default the notification
	 * itself. Seen by every policy, in the same order as the actions.
	 */
	default List<Queued> applyQueued(Queued queued) {
		return List.of(queued);
	}

}
