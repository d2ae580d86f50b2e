package com.warroom.playbooks;

import java.time.Duration;
import java.util.Objects;

/**
 * One more system an incident touches, besides its playbook's own (4.2 第四章: "符合下列情形之一",
 * L10327 — an incident is as severe as the worst of its impacts).
 *
 * @param system the class of the system, e.g. {@link SystemClass#BANK_TRANSFER}
 * @param extent full, partial or not yet known ({@link Interruption#NONE}: not affected,
 * it does not count)
 * @param accumulated how long it has been affected in total, interruptions added up (累计)
 * @param running whether it is still affected, so its clock keeps running; an ended
 * system still counts with what it accumulated
 */
public record Impact(SystemClass system, Interruption extent, Duration accumulated, boolean running) {

	public Impact {
		Objects.requireNonNull(system, "system");
		Objects.requireNonNull(extent, "extent");
		Objects.requireNonNull(accumulated, "accumulated");
		if (accumulated.isNegative()) {
			throw new IllegalArgumentException("accumulated must not be negative");
		}
	}

	/** This impact with its clock advanced by {@code delta} when it runs. */
	public Impact advancedBy(Duration delta) {
		return running ? new Impact(system, extent, accumulated.plus(delta), true) : this;
	}

	/**
	 * Whether its clock runs and can raise the level (a clocked system that is affected).
	 */
	public boolean clockRunning() {
		return running && extent != Interruption.NONE && SeverityGrader.thresholds(system).size() > 0;
	}

}
