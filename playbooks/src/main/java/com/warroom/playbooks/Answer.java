package com.warroom.playbooks;

import java.util.Objects;

/**
 * One answer of a decision step.
 *
 * @param label the button text
 * @param next the id of the step this answer leads to, or {@link Step#END}
 */
public record Answer(String label, String next) {

	public Answer {
		Objects.requireNonNull(label, "label");
		Objects.requireNonNull(next, "next");
	}

}
