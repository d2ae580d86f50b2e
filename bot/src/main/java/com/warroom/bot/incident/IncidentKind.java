package com.warroom.bot.incident;

/**
 * A real incident or a drill (演练); drills never reach real regulator or customer
 * channels.
 */
public enum IncidentKind {

	REAL("INC"), DRILL("DRL");

	private final String prefix;

	IncidentKind(String prefix) {
		this.prefix = prefix;
	}

	/** The id prefix, {@code INC} or {@code DRL}. */
	public String prefix() {
		return prefix;
	}

}
