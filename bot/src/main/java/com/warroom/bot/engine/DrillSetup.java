package com.warroom.bot.engine;

import java.util.Map;

import com.warroom.bot.drill.DrillPlanSource;
import com.warroom.bot.drill.DrillStore;
import com.warroom.bot.drill.DrillTiming;

/**
 * What the engine needs to run drill plans (GH-16).
 *
 * @param plans the plans in use
 * @param store runs, their timeline, follow-up items and trainings
 * @param scheduler durable timers for the injects (Quartz)
 * @param timing the trading-hours and sensitive-period warnings
 * @param chats chat names a plan may use for declare injects ({@code chat: drill-room}),
 * each {@code channel:chatId}
 */
public record DrillSetup(DrillPlanSource plans, DrillStore store, InjectTimers scheduler, DrillTiming timing,
		Map<String, String> chats) {

	public DrillSetup {
		chats = Map.copyOf(chats);
	}

}
