package com.warroom.playbooks;

/**
 * Incident levels, low to high (4.2 第四章二; 4.3 第八条). {@link #MINOR} is 2.8.1's 轻微事件:
 * recorded internally and rolled into the monthly report (2.8.1 第十条(一)).
 */
public enum Severity {

	MINOR("轻微"), GENERAL("一般"), LARGER("较大"), MAJOR("重大"), EXTRAORDINARY("特别重大");

	private final String label;

	Severity(String label) {
		this.label = label;
	}

	/** The Chinese name without 事件, e.g. 较大. */
	public String label() {
		return label;
	}

	public boolean isHigherThan(Severity other) {
		return compareTo(other) > 0;
	}

}
