package com.warroom.bot.engine;

import java.util.Collection;

import com.warroom.notify.Reminder;

/**
 * The timers of a drill run's injects (GH-16), kept durably by the clock (Quartz in the
 * app): the engine says when, the scheduler behind this keeps it across restarts.
 */
public interface InjectTimers {

	/** The run's timers are now exactly {@code timers}. */
	void replace(String runId, Collection<Reminder> timers);

	/** The run has no timers any more (paused or stopped). */
	void cancel(String runId);

}
