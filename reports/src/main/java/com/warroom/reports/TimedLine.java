package com.warroom.reports;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of an incident's course (事件简要经过, 事件发生经过, 处理过程): what happened and when. The
 * forms print the time, with the date on the first line and wherever the date changes, so
 * an incident that spans midnight reads unambiguously. Immutable.
 *
 * @param at when it happened
 * @param text what happened, as the responder wrote it (printed literally)
 */
public record TimedLine(Instant at, String text) {

	public TimedLine {
		Objects.requireNonNull(at, "at");
		Objects.requireNonNull(text, "text");
	}

}
