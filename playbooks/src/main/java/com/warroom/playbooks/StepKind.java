package com.warroom.playbooks;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a step asks of the responder. */
public enum StepKind {

	/** Something to do. */
	ACTION,
	/** A question whose answers lead to different next steps (the seed's "如果……则……"). */
	DECISION,
	/** Tell someone: the emergency group, a vendor, a department, customers. */
	NOTIFY,
	/** Report to a regulator or an authority outside the company. */
	REPORT,
	/**
	 * A leader's approval the following step waits for (the seed's "经领导批准后……"): a leader
	 * approves in chat, on the timeline, before the step can be done.
	 */
	APPROVAL;

	/** The key used in playbook files, e.g. {@code action}. */
	public String key() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Optional<StepKind> fromKey(String key) {
		return Arrays.stream(values()).filter((kind) -> kind.key().equals(key)).findFirst();
	}

}
