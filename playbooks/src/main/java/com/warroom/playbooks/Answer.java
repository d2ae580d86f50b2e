package com.warroom.playbooks;

import java.util.Objects;

/**
 * One answer of a decision step.
 *
 * @param label the button text
 * @param next the id of the step this answer leads to, or {@link Step#END}
 * @param fact the incident fact this answer records, or null; {@link #CRIME}: a computer
 * crime is suspected (4.3 第十一条（二）4)
 */
public record Answer(String label, String next, @org.jspecify.annotations.Nullable String fact) {

	/** The fact of a suspected computer crime. */
	public static final String CRIME = "crime";

	public Answer {
		Objects.requireNonNull(label, "label");
		Objects.requireNonNull(next, "next");
	}

	/** An answer that records no fact. */
	public Answer(String label, String next) {
		this(label, next, null);
	}

}
