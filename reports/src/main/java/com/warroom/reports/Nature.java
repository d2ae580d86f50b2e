package com.warroom.reports;

/**
 * The nature of an incident (事件性质, 4.2 第三章; 4.3 第七条): whether the investigation found
 * dereliction or fault.
 */
public enum Nature {

	/** 责任事件. */
	RESPONSIBLE("责任事件"),

	/** 非责任事件: everything that cannot be found to be a 责任事件. */
	NOT_RESPONSIBLE("非责任事件"),

	/** Not settled yet: the reports then say so instead of guessing. */
	PENDING("待调查认定");

	private final String label;

	Nature(String label) {
		this.label = label;
	}

	public String label() {
		return label;
	}

}
