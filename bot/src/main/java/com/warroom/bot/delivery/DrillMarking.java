package com.warroom.bot.delivery;

import java.util.List;

import com.warroom.bot.engine.DrillMark;
import com.warroom.bot.engine.Outbound;

/**
 * The first delivery policy: every message of a drill carries 【演练】 ({@link DrillMark}).
 * Stateless.
 */
public final class DrillMarking implements DeliveryPolicy {

	/** Its order among the policies: first. */
	public static final int ORDER = 0;

	@Override
	public List<Outbound> apply(Outbound action) {
		return List.of(DrillMark.apply(action));
	}

}
