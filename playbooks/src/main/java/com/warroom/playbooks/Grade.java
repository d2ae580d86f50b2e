package com.warroom.playbooks;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A level with the rules that produced it.
 *
 * @param level the level
 * @param reasons every rule that yields this level (and notes on upward grading)
 */
public record Grade(Severity level, List<Reason> reasons) {

	public Grade {
		Objects.requireNonNull(level, "level");
		reasons = List.copyOf(reasons);
	}

	/**
	 * One rule applied.
	 *
	 * @param rule the seed section, e.g. {@code 4.2 第四章二（二）1}
	 * @param text what it says about this incident, in Chinese
	 */
	public record Reason(String rule, String text) {

		@Override
		public String toString() {
			return rule + "：" + text;
		}

	}

	/** e.g. {@code 较大事件（4.2 第四章二（二）1：…）}. */
	public String describe() {
		return level.label() + "事件（" + reasons.stream().map(Reason::toString).collect(Collectors.joining("；")) + "）";
	}

}
