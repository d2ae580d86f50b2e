package com.warroom.reports;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A measure taken and its effect (已采取的措施及效果), e.g. a playbook step marked done.
 * Immutable.
 *
 * @param at when it was taken, or {@code null} when no time is known
 * @param action what was done
 * @param effect its effect, or {@code null} when none was recorded
 */
public record Measure(@Nullable Instant at, String action, @Nullable String effect) {

	public Measure {
		Objects.requireNonNull(action, "action");
	}

}
