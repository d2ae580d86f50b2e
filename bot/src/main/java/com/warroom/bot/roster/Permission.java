package com.warroom.bot.roster;

/** What a roster member may do. */
public enum Permission {

	/** /status, /steps, /timeline, /level (view), /contacts, /help. */
	READ,
	/** /declare a real incident. */
	DECLARE,
	/** /drill. */
	DRILL,
	/**
	 * Run drill plans: /drill plan, start, pause, resume, skip, stop, status; follow-up
	 * items and trainings (GH-16).
	 */
	PLAN_DRILL,
	/**
	 * Mark steps done, skipped or blocked, answer decisions, confirm a second person's
	 * step.
	 */
	STEP,
	/** /note and replies. */
	NOTE,
	/** Set the level with a reason. */
	SET_LEVEL,
	/** Approve a step that waits for a leader's approval (经领导批准后……). */
	APPROVE_STEP,
	/** /recovered. */
	RECOVER,
	/** /close a real incident. */
	CLOSE,
	/** /close a drill. */
	CLOSE_DRILL,
	/** /reported and the report book. */
	REPORT,
	/** Closed incidents' archives: /archive, the web archive and its documents. */
	ARCHIVE

}
