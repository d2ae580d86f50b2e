package com.warroom.bot;

import java.nio.file.Path;
import java.time.LocalTime;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Drill settings (GH-16; README "Configure").
 *
 * @param plansDir drill plans adding to or overriding the bundled ones, null for the
 * bundled only ({@code DRILL_PLANS_DIR})
 * @param daySessions trading sessions a drill should avoid ({@code DRILL_DAY_SESSIONS})
 * @param nightSession the night session, blank for none ({@code DRILL_NIGHT_SESSION})
 * @param chats names a plan's declare injects may use ({@code DRILL_CHATS})
 * @param followupReminderTime when owners of follow-up items are reminded
 * ({@code DRILL_FOLLOWUP_TIME})
 * @param realOnly targets a drill must never reach ({@code WARROOM_DRILL_REAL_ONLY})
 * @param allowed targets a drill may reach ({@code WARROOM_DRILL_ALLOWED})
 * @param coordinator roster id a drill's redirected messages also go to, blank for the
 * person who started it ({@code WARROOM_DRILL_COORDINATOR})
 */
@ConfigurationProperties("warroom.drill")
record DrillProperties(@Nullable Path plansDir, @DefaultValue("09:00-11:30,13:30-15:00") String daySessions,
		@DefaultValue("21:00-02:30") String nightSession, @DefaultValue("") String chats,
		@DefaultValue("09:00") LocalTime followupReminderTime, @DefaultValue("") String realOnly,
		@DefaultValue("") String allowed, @DefaultValue("") String coordinator) {

	DrillProperties {
		// an unset variable binds as an empty path,
		// which would mean the working directory
		plansDir = (plansDir == null || plansDir.toString().isBlank()) ? null : plansDir;
		coordinator = coordinator.strip();
	}

	/** Records print every component; robot URLs in the lists may carry keys. */
	@Override
	public String toString() {
		return "DrillProperties[plansDir=" + plansDir + ", daySessions=" + daySessions + ", nightSession="
				+ nightSession + ", followupReminderTime=" + followupReminderTime + ", coordinator=" + coordinator
				+ "]";
	}

}
