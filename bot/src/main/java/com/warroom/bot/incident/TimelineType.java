package com.warroom.bot.incident;

/** The kinds of timeline entries. */
public enum TimelineType {

	DECLARED, STEP_DONE, STEP_SKIPPED, STEP_BLOCKED, CONFIRMATION_REQUESTED, STEP_CONFIRMED, DECISION, NOTE, LEVEL_SET,
	RECOVERED, CLOSED, TRACK_STARTED, REPORT_APPROVAL_REQUESTED, REPORT_APPROVED, REPORTED, LEVEL_RAISED, ESCALATED,
	ESCALATION_ACKED, ESCALATION_EXHAUSTED, FACT_SET, NOTIFICATION_FAILED, DOCUMENT_ISSUED, REPORT_DELEGATED,
	REPORT_BOOK_RENEWED,

	/** A note marked for the report books (detail {@code note}: the note entry's id). */
	NOTE_MARKED,

	/** A leader approved a step that waited for it (经领导批准). */
	STEP_APPROVED

}
