package com.warroom.bot.incident;

import org.jspecify.annotations.Nullable;

/**
 * The state of one step, stored as {@code status:personId[:detail]}.
 *
 * @param status what happened
 * @param personId who did it, or null when untouched
 * @param detail the answer index for decisions, or null
 */
public record StepState(Status status, @Nullable String personId, @Nullable String detail) {

	/** What has happened to a step. */
	public enum Status {

		OPEN(""), DONE("done"), SKIPPED("skipped"), BLOCKED("blocked"), AWAITING_CONFIRMATION("await"),
		ANSWERED("answered");

		private final String code;

		Status(String code) {
			this.code = code;
		}

		public String code() {
			return code;
		}

	}

	public static final StepState OPEN = new StepState(Status.OPEN, null, null);

	/** The state from its stored form ({@link #OPEN} when empty or unknown). */
	public static StepState parse(String raw) {
		if (raw.isEmpty()) {
			return OPEN;
		}
		String[] parts = raw.split(":", 3);
		for (Status status : Status.values()) {
			if (status.code.equals(parts[0])) {
				return new StepState(status, (parts.length > 1) ? parts[1] : null,
						(parts.length > 2) ? parts[2] : null);
			}
		}
		return OPEN;
	}

	/** The stored form. */
	public String encode() {
		if (status == Status.OPEN) {
			return "";
		}
		return status.code + ":" + personId + ((detail != null) ? ":" + detail : "");
	}

	public boolean finished() {
		return status == Status.DONE || status == Status.SKIPPED || status == Status.ANSWERED;
	}

}
