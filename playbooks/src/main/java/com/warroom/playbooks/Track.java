package com.warroom.playbooks;

/** The parallel tracks of a playbook. */
public enum Track {

	/** 处置流程: notification and reporting. */
	FLOW("flow", "处置流程"),
	/** 具体处置方法: the technical steps. */
	STEPS("steps", "具体处置方法"),
	/** 事后处理: after recovery. */
	AFTER("after", "事后处理");

	private final String key;

	private final String label;

	Track(String key, String label) {
		this.key = key;
		this.label = label;
	}

	/** The key of the track in playbook files. */
	public String key() {
		return key;
	}

	public String label() {
		return label;
	}

}
