package com.warroom.playbooks;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A report the incident owes.
 *
 * @param kind which report
 * @param sequence for {@link ObligationKind#CYCLE}: the number it will carry (第 N 次);
 * otherwise 1
 * @param dueAt when it is due (at once = the moment the obligation arose)
 * @param overdue whether {@code dueAt} has passed at the time asked
 * @param recipients the names of the recipients
 * @param approvers the roles that must approve the report book before it counts as
 * submitted (签发人); empty when none
 * @param rule the rule applied, citing the seed
 * @param calendarMissing for a deadline counted in working days: the years it spans that
 * the working-day calendar does not hold (their days were counted Monday to Friday, which
 * may be wrong); empty when the calendar covers them
 */
public record Obligation(ObligationKind kind, int sequence, Instant dueAt, boolean overdue, List<String> recipients,
		List<String> approvers, String rule, List<Integer> calendarMissing) {

	public Obligation {
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(dueAt, "dueAt");
		Objects.requireNonNull(rule, "rule");
		recipients = List.copyOf(recipients);
		approvers = List.copyOf(approvers);
		calendarMissing = List.copyOf(calendarMissing);
	}

	/** An obligation whose due time does not depend on a missing calendar year. */
	public Obligation(ObligationKind kind, int sequence, Instant dueAt, boolean overdue, List<String> recipients,
			List<String> approvers, String rule) {
		this(kind, sequence, dueAt, overdue, recipients, approvers, rule, List.of());
	}

}
