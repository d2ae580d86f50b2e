package com.warroom.playbooks;

import java.time.Instant;
import java.util.Objects;

/**
 * A report recorded as made.
 *
 * @param kind which obligation it satisfies
 * @param at when it was made
 */
public record ReportMade(ObligationKind kind, Instant at) {

	public ReportMade {
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(at, "at");
	}

}
