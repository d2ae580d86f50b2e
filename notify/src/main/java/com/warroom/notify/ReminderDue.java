package com.warroom.notify;

import java.time.Instant;

/**
 * Published when a reminder fires. Carries ids only: the listener reads the incident's
 * state at that moment, so a reminder that fires after things changed does the right
 * thing (e.g. nothing, once the report was made).
 *
 * @param incidentId the incident
 * @param key the obligation
 * @param stage the stage
 * @param dueAt when the obligation was due
 * @param scheduledFor when the reminder should have fired
 * @param firedAt when it fired (later than scheduled after a restart)
 */
public record ReminderDue(String incidentId, String key, Reminder.Stage stage, Instant dueAt, Instant scheduledFor,
		Instant firedAt) {
}
