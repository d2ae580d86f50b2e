package com.warroom.bot.engine;

/** Told after the engine changed an incident, so the clock can re-plan its reminders. */
@FunctionalInterface
public interface IncidentListener {

	void changed(String incidentId);

	static IncidentListener none() {
		return (incidentId) -> {
		};
	}

}
