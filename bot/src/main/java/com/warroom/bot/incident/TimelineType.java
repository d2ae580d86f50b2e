package com.warroom.bot.incident;

/** The kinds of timeline entries. */
public enum TimelineType {

	DECLARED, STEP_DONE, STEP_SKIPPED, STEP_BLOCKED, CONFIRMATION_REQUESTED, STEP_CONFIRMED, DECISION, NOTE,
	LEVEL_SET, RECOVERED, CLOSED, TRACK_STARTED

}
