package com.warroom.playbooks;

import java.util.Arrays;
import java.util.Optional;

/** The three phases of an emergency (附件四 第一部分: 发现、处理和善后). */
public enum Phase {

	DISCOVER("发现"), HANDLE("处理"), AFTERMATH("善后");

	private final String label;

	Phase(String label) {
		this.label = label;
	}

	/** The Chinese name used in playbook files and messages. */
	public String label() {
		return label;
	}

	public static Optional<Phase> fromLabel(String label) {
		return Arrays.stream(values()).filter((phase) -> phase.label.equals(label)).findFirst();
	}

}
