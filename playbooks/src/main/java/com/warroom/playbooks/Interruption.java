package com.warroom.playbooks;

/** How much of the affected system is down. */
public enum Interruption {

	NONE("未中断"), PARTIAL("部分中断"), FULL("全部中断"),
	/** Not yet known: graded as {@link #FULL} (2.8.1 第九条: 难于界定的，按高级别事故判定). */
	UNKNOWN("尚不明确");

	private final String label;

	Interruption(String label) {
		this.label = label;
	}

	public String label() {
		return label;
	}

}
