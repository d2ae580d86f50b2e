package com.warroom.reports;

import java.util.List;

/**
 * A notice that cannot be made as asked. The message is in Chinese, for the person who
 * asked; {@link #problem()} and {@link #fields()} let the bot ask for exactly what is
 * missing.
 */
public final class NoticeException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	/** What went wrong. */
	public enum Problem {

		/** No template has that id. */
		UNKNOWN_TEMPLATE,

		/** Required values are missing or blank: {@link #fields()} names them. */
		MISSING_VALUES,

		/**
		 * A value is not one of the field's choices: {@link #fields()} names the field.
		 */
		NOT_A_CHOICE

	}

	private final Problem problem;

	private final List<String> fields;

	public NoticeException(Problem problem, List<String> fields, String message) {
		super(message);
		this.problem = problem;
		this.fields = List.copyOf(fields);
	}

	public Problem problem() {
		return problem;
	}

	/** The fields concerned; empty for {@link Problem#UNKNOWN_TEMPLATE}. */
	public List<String> fields() {
		return fields;
	}

}
