package com.warroom.playbooks;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A level with the rules that produced it.
 *
 * @param level the level
 * @param reasons every rule that yields this level (and notes on upward grading)
 * @param lower the rules that fired at lower levels, highest first (for an incident that
 * touches several systems: what each of the others gives), each text ending with its
 * level
 */
public record Grade(Severity level, List<Reason> reasons, List<Reason> lower) {

	public Grade {
		Objects.requireNonNull(level, "level");
		reasons = List.copyOf(reasons);
		lower = List.copyOf(lower);
	}

	/** A level with the rules that give it, no lower rules. */
	public Grade(Severity level, List<Reason> reasons) {
		this(level, reasons, List.of());
	}

	/** Every rule that fired: those of this level first, then the lower ones. */
	public List<Reason> allReasons() {
		List<Reason> all = new java.util.ArrayList<>(reasons);
		all.addAll(lower);
		return List.copyOf(all);
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
