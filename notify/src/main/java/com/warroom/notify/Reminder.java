package com.warroom.notify;

import java.time.Instant;
import java.util.Objects;

/**
 * A reminder to schedule: for one incident, one obligation (its key, e.g.
 * {@code CYCLE:2}) and one stage.
 *
 * @param incidentId the incident
 * @param key the obligation, stable across re-planning
 * @param stage before due, at due, or overdue
 * @param fireAt when to fire
 * @param dueAt when the obligation is due (shown in the reminder even when it fires late)
 */
public record Reminder(String incidentId, String key, Stage stage, Instant fireAt, Instant dueAt) {

	/** When a reminder fires relative to its due time. */
	public enum Stage {

		BEFORE, DUE, OVERDUE

	}

	public Reminder {
		Objects.requireNonNull(incidentId, "incidentId");
		Objects.requireNonNull(key, "key");
		Objects.requireNonNull(stage, "stage");
		Objects.requireNonNull(fireAt, "fireAt");
		Objects.requireNonNull(dueAt, "dueAt");
	}

	/** Unique name of this reminder (incident, obligation, stage, due time). */
	public String name() {
		return key + "|" + stage + "|" + dueAt.toEpochMilli();
	}

}
