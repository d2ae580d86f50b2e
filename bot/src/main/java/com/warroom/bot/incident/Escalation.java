package com.warroom.bot.incident;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One escalation of an incident: raised at most once per cause, it tells tier after tier
 * until someone acknowledges it or its last round ends.
 *
 * @param number 1, 2, … in the order the incident's escalations were raised
 * @param cause what raised it, e.g. {@code declared}, {@code level:L3},
 * {@code overdue:<report>}
 * @param reason what the people told read
 * @param tier the index of the tier told last
 * @param round the round of the tiers, from 1
 * @param next when the current tier's acknowledgement times out, or null
 * @param told the roster ids told so far, in the order told
 * @param ackedBy the roster id of who acknowledged it, or null
 * @param ackedAt when it was acknowledged, or null
 * @param exhausted whether it was given up after its last round
 */
public record Escalation(int number, String cause, String reason, int tier, int round, @Nullable Instant next,
		List<String> told, @Nullable String ackedBy, @Nullable Instant ackedAt, boolean exhausted) {

	public Escalation {
		told = List.copyOf(told);
	}

	/** Neither acknowledged nor given up, with a timeout to wait for. */
	public boolean open() {
		return next != null && ackedBy == null && !exhausted;
	}

}
