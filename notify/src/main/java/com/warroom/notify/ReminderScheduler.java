package com.warroom.notify;

import java.util.Collection;

/**
 * Durable reminders (Quartz, JDBC job store): they survive restarts, fire once across a
 * cluster, and those that came due while the service was down fire at once on start.
 */
public interface ReminderScheduler {

	/**
	 * Makes the incident's pending reminders exactly {@code reminders}: new ones are
	 * added, ones no longer wanted are removed, unchanged ones are left alone.
	 */
	void replace(String incidentId, Collection<Reminder> reminders);

	/** Removes every pending reminder of the incident. */
	void cancel(String incidentId);

	/**
	 * Fires {@link DailyTick} named {@code name} every day at {@code time} in
	 * {@code zone} (replacing an earlier schedule of that name).
	 */
	void daily(String name, java.time.LocalTime time, java.time.ZoneId zone);

	/** The pending reminders of an incident, earliest first. */
	java.util.List<Reminder> pending(String incidentId);

}
