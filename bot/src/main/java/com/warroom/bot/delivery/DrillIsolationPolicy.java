package com.warroom.bot.delivery;

import java.util.List;

import com.warroom.bot.delivery.DrillIsolation;
import com.warroom.bot.engine.Outbound;

/**
 * The drill guard on the one delivery path (GH-16): after the marking, a drill's action
 * for a real-only chat is redirected to the drill coordinator or withheld
 * ({@link DrillIsolation}). Notifications stored in the outbox are guarded by the outbox
 * itself ({@code notify}'s {@code DrillGuard} at enqueue), so they pass here unchanged.
 */
public final class DrillIsolationPolicy implements DeliveryPolicy {

	/** Its order among the policies: right after the marking. */
	public static final int ORDER = DrillMarking.ORDER + 1;

	private final DrillIsolation isolation;

	public DrillIsolationPolicy(DrillIsolation isolation) {
		this.isolation = isolation;
	}

	@Override
	public List<Outbound> apply(Outbound action) {
		return isolation.apply(action).map(List::of).orElse(List.of());
	}

}
