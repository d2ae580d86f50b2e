package com.warroom.notify.internal;

import java.time.Duration;

/**
 * How a reminder whose handling failed is tried again: after {@code first}, then twice as
 * long each time, never longer than {@code max}; without end (a reminder fires late
 * rather than never).
 *
 * @param first the first wait, positive
 * @param max the longest wait, at least {@code first}
 */
public record ReminderRetry(Duration first, Duration max) {

	/** One second, doubling up to a minute. */
	public static final ReminderRetry DEFAULT = new ReminderRetry(Duration.ofSeconds(1), Duration.ofMinutes(1));

	public ReminderRetry {
		if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
			throw new IllegalArgumentException(
					"reminder retry must be positive and max ≥ first: " + first + ", " + max);
		}
	}

	/** The wait before attempt {@code attempt} (1 for the first retry). */
	public Duration after(int attempt) {
		Duration wait = first;
		for (int i = 1; i < attempt && wait.compareTo(max) < 0; i++) {
			wait = wait.multipliedBy(2);
		}
		return (wait.compareTo(max) > 0) ? max : wait;
	}

}
